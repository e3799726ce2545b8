package io.puredc.sctp.packet.param;

import static io.puredc.sctp.packet.Hex.bytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.puredc.sctp.packet.ByteReader;
import io.puredc.sctp.packet.Bytes;
import io.puredc.sctp.packet.Hex;
import io.puredc.sctp.packet.ParseException;
import io.puredc.sctp.packet.UnrecognizedAction;
import io.puredc.sctp.types.Tsn;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Hand-written layouts of the parameters the chunk vectors do not already pin. */
class ParameterGoldenTest {

    private static void assertGolden(String hex, Parameter expected) throws ParseException {
        byte[] wire = bytes(hex);
        assertEquals(List.of(expected), Parameter.parseAll(ByteReader.of(wire)), "decode");
        assertArrayEquals(wire, expected.toBytes(), () -> "encode: " + Hex.of(expected.toBytes()));
    }

    @Test
    void ipv6Address_rfc9260_3_3_2_1() throws Exception {
        Ipv6AddressParameter p = new Ipv6AddressParameter(Bytes.of(bytes("20010db8000000000000000000000001")));
        assertGolden("00 06 00 14 20 01 0d b8 00 00 00 00 00 00 00 00 00 00 00 01", p);
        assertEquals(InetAddress.getByName("2001:db8::1"), p.toInetAddress());
    }

    @Test
    void unrecognizedParameterCopiesTheWholeTlv_rfc9260_3_3_3_1() throws ParseException {
        assertGolden("00 08 00 0c 80 0a 00 06 01 02 00 00",
                new UnrecognizedParameter(Bytes.of(bytes("80 0a 00 06 01 02 00 00"))));
    }

    @Test
    void cookiePreservative_rfc9260_3_3_2_1() throws ParseException {
        assertGolden("00 09 00 08 ff ff ff ff", new CookiePreservativeParameter(-1));
    }

    @Test
    void hostNameAddress_rfc9260_3_3_2_1() throws ParseException {
        assertGolden("00 0b 00 07 61 62 00 00", new HostNameAddressParameter(Bytes.of(bytes("61 62 00"))));
    }

    @Test
    void supportedAddressTypesWithAnOddCount_rfc9260_3_3_2_1() throws ParseException {
        assertGolden("00 0c 00 06 00 05 00 00", new SupportedAddressTypesParameter(List.of(5)));
        assertGolden("00 0c 00 0a 00 05 00 06 00 0b 00 00", new SupportedAddressTypesParameter(List.of(5, 6, 11)));
    }

    @Test
    void ssnTsnResetRequest_rfc6525_4_3() throws ParseException {
        assertGolden("00 0f 00 08 80 00 00 00", new SsnTsnResetRequestParameter(Integer.MIN_VALUE));
    }

    @Test
    void responseWithNextTsns_rfc6525_4_4() throws ParseException {
        assertGolden("00 10 00 14 00 00 00 05 00 00 00 06 00 00 00 0a 00 00 00 0b",
                new ReconfigurationResponseParameter(5, ReconfigurationResponseParameter.IN_PROGRESS,
                        new Tsn(10), new Tsn(11)));
        assertThrows(ParseException.class, () -> Parameter.parseAll(ByteReader.of(bytes(
                "00 10 00 10 00 00 00 05 00 00 00 06 00 00 00 0a"))));
    }

    @Test
    void addStreamsIgnoreTheReservedField_rfc6525_4_5_and_4_6() throws ParseException {
        assertGolden("00 11 00 0c 00 00 00 02 00 10 00 00", new AddOutgoingStreamsParameter(2, 16));
        assertGolden("00 12 00 0c ff ff ff ff ff ff 00 00", new AddIncomingStreamsParameter(-1, 65535));
        assertEquals(List.of(new AddIncomingStreamsParameter(1, 1)), Parameter.parseAll(ByteReader.of(
                bytes("00 12 00 0c 00 00 00 01 00 01 ab cd"))));
    }

    @Test
    void outgoingResetForAllStreams_rfc6525_4_1() throws ParseException {
        assertGolden("00 0d 00 10 00 00 00 01 00 00 00 02 00 00 00 03",
                new OutgoingSsnResetRequestParameter(1, 2, new Tsn(3), List.of()));
    }

    @Test
    void unknownParametersReportTheirActionFromTheUpperTwoBits_rfc9260_3_2_1() {
        assertEquals(UnrecognizedAction.STOP_AND_DISCARD, new UnknownParameter(0x0020, Bytes.EMPTY).action());
        assertEquals(UnrecognizedAction.STOP_DISCARD_AND_REPORT, new UnknownParameter(0x4001, Bytes.EMPTY).action());
        assertEquals(UnrecognizedAction.SKIP, new UnknownParameter(0x8000, Bytes.EMPTY).action());
        assertEquals(UnrecognizedAction.SKIP_AND_REPORT, new UnknownParameter(0xC004, Bytes.EMPTY).action());
        assertThrows(IllegalArgumentException.class, () -> new UnknownParameter(0xC000, Bytes.EMPTY));
    }

    @Test
    void malformedValuesAreRejected() {
        for (String hex : List.of(
                "00 05 00 07 01 02 03 00",          // IPv4 of 3 bytes
                "00 0c 00 07 00 05 00 00",          // odd-length address type list
                "c0 00 00 08 00 00 00 00",          // Forward-TSN-Supported with a value
                "00 0d 00 0c 00 00 00 01 00 00 00 02", // outgoing reset without its TSN
                "00 09 00 04")) {                    // cookie preservative without value
            assertThrows(ParseException.class, () -> Parameter.parseAll(ByteReader.of(bytes(hex))), hex);
        }
    }
}
