package io.puredc.sctp.packet.cause;

import static io.puredc.sctp.packet.Hex.bytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.puredc.sctp.packet.ByteReader;
import io.puredc.sctp.packet.Bytes;
import io.puredc.sctp.packet.Hex;
import io.puredc.sctp.packet.ParseException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Hand-written layouts of the error causes of RFC 9260 §3.3.10 the chunk vectors do not pin. */
class ErrorCauseGoldenTest {

    private static void assertGolden(String hex, ErrorCause expected) throws ParseException {
        byte[] wire = bytes(hex);
        assertEquals(List.of(expected), ErrorCause.parseAll(ByteReader.of(wire)), "decode");
        assertArrayEquals(wire, expected.toBytes(), () -> "encode: " + Hex.of(expected.toBytes()));
    }

    @Test
    void missingMandatoryParameter_3_3_10_2() throws ParseException {
        assertGolden("00 02 00 0a 00 00 00 01 00 07 00 00", new MissingMandatoryParameterCause(List.of(7)));
        assertGolden("00 02 00 08 00 00 00 00", new MissingMandatoryParameterCause(List.of()));
    }

    @Test
    void missingMandatoryParameterCountIsCheckedBeforeAllocating_3_3_10_2() {
        // 2^32 - 1 declared in a 10-byte cause; and 4096 declared where 1 fits.
        assertThrows(ParseException.class, () -> ErrorCause.parseAll(ByteReader.of(bytes(
                "00 02 00 0a ff ff ff ff 00 07 00 00"))));
        assertThrows(ParseException.class, () -> ErrorCause.parseAll(ByteReader.of(bytes(
                "00 02 00 0a 00 00 10 00 00 07 00 00"))));
    }

    @Test
    void emptyCauses_3_3_10_4_7_10() throws ParseException {
        assertGolden("00 04 00 04", new OutOfResourceCause());
        assertGolden("00 07 00 04", new InvalidMandatoryParameterCause());
        assertGolden("00 0a 00 04", new CookieReceivedWhileShuttingDownCause());
        assertThrows(ParseException.class, () -> ErrorCause.parseAll(ByteReader.of(bytes("00 04 00 05 01 00 00 00"))));
    }

    @Test
    void opaqueCauses_3_3_10_5_8_11_13() throws ParseException {
        assertGolden("00 05 00 0c 00 05 00 08 0a 00 00 01",
                new UnresolvableAddressCause(Bytes.of(bytes("00 05 00 08 0a 00 00 01"))));
        assertGolden("00 08 00 08 c0 00 00 04", new UnrecognizedParametersCause(Bytes.of(bytes("c0 00 00 04"))));
        assertGolden("00 0b 00 04", new RestartWithNewAddressesCause(Bytes.EMPTY));
        assertGolden("00 0d 00 06 6f 6b 00 00", new ProtocolViolationCause(Bytes.of(bytes("6f 6b"))));
    }

    @Test
    void unknownCodesAreCarried() throws ParseException {
        // 0x00A0 is RFC 5061's Request to Delete Last Remaining IP Address.
        assertGolden("00 a0 00 05 01 00 00 00", new UnknownCause(0xA0, Bytes.of(new byte[] {1})));
        assertThrows(IllegalArgumentException.class, () -> new UnknownCause(13, Bytes.EMPTY));
    }
}
