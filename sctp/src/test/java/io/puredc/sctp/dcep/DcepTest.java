package io.puredc.sctp.dcep;

import static io.puredc.sctp.packet.Hex.bytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.puredc.sctp.packet.Hex;
import io.puredc.sctp.packet.ParseException;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.statistics.Statistics;

/** DCEP (RFC 8832 §5) round trips, golden layouts, strict decoding and malformed input. */
class DcepTest {

    @Provide
    Arbitrary<String> texts() {
        // Any Unicode scalar value (surrogate code points have no UTF-8 form), empty included.
        Arbitrary<Integer> codePoint = Arbitraries.oneOf(List.of(
                Arbitraries.integers().between(0x20, 0x7E),
                Arbitraries.integers().between(0, 0x10FFFF).filter(cp -> cp < 0xD800 || cp > 0xDFFF)));
        return codePoint.list().ofMaxSize(24).map(cps -> {
            StringBuilder sb = new StringBuilder();
            cps.forEach(sb::appendCodePoint);
            return sb.toString();
        });
    }

    @Provide
    Arbitrary<DcepMessage> messages() {
        Arbitrary<DataChannelOpen> open = Combinators.combine(Arbitraries.of(ChannelType.class),
                Arbitraries.integers().between(0, 0xFFFF), Arbitraries.longs().between(0, 0xFFFF_FFFFL),
                texts(), texts()).as((type, priority, reliability, label, protocol) ->
                new DataChannelOpen(type, priority, type.reliable() ? 0 : reliability, label, protocol));
        return Arbitraries.oneOf(List.of(open, Arbitraries.just(new DataChannelAck())));
    }

    @Property
    void everyMessageRoundTrips(@ForAll("messages") DcepMessage m) throws ParseException {
        byte[] bytes = m.toBytes();
        assertEquals(m.size(), bytes.length);
        assertEquals(m, DcepMessage.parse(bytes));
    }

    private static void assertGolden(String hex, DcepMessage expected) throws ParseException {
        byte[] wire = bytes(hex);
        assertEquals(expected, DcepMessage.parse(wire), "decode");
        assertArrayEquals(wire, expected.toBytes(), () -> "encode: " + Hex.of(expected.toBytes()));
    }

    @Example
    void openReliableOrdered_rfc8832_5_1() throws ParseException {
        assertGolden("03 00 01 00 00 00 00 00 00 04 00 00 63 68 61 74",
                new DataChannelOpen(ChannelType.RELIABLE, 256, 0, "chat", ""));
    }

    @Example
    void openWithEveryFieldAtItsUnsignedMaximum_rfc8832_5_1() throws ParseException {
        // Signed reads would turn these into negative numbers (STYLE.md pitfall 9).
        assertGolden("03 81 ff ff ff ff ff ff 00 02 00 01 c3 a9 78",
                new DataChannelOpen(ChannelType.PARTIAL_RELIABLE_REXMIT_UNORDERED, 65535, 0xFFFF_FFFFL, "é", "x"));
    }

    @Example
    void openWithEmptyLabelAndProtocol_rfc8832_5_1() throws ParseException {
        assertGolden("03 82 00 00 00 00 03 e8 00 00 00 00",
                new DataChannelOpen(ChannelType.PARTIAL_RELIABLE_TIMED_UNORDERED, 0, 1000, "", ""));
    }

    @Example
    void ack_rfc8832_5_2() throws ParseException {
        assertGolden("02", new DataChannelAck());
    }

    @Example
    void channelTypeCodes_rfc8832_5_1() {
        assertEquals(List.of(0x00, 0x80, 0x01, 0x81, 0x02, 0x82),
                List.of(ChannelType.values()).stream().map(ChannelType::code).toList());
        assertTrue(ChannelType.PARTIAL_RELIABLE_TIMED.ordered());
        assertFalse(ChannelType.RELIABLE_UNORDERED.ordered());
        assertTrue(ChannelType.RELIABLE_UNORDERED.reliable());
        assertFalse(ChannelType.PARTIAL_RELIABLE_REXMIT.reliable());
    }

    @Example
    void theReliabilityParameterOfReliableChannelsIsIgnored_rfc8832_5_1() throws ParseException {
        DcepMessage m = DcepMessage.parse(bytes("03 00 00 00 00 00 00 05 00 00 00 00"));
        assertEquals(new DataChannelOpen(ChannelType.RELIABLE, 0, 0, "", ""), m);
        assertThrows(IllegalArgumentException.class,
                () -> new DataChannelOpen(ChannelType.RELIABLE, 0, 5, "", ""));
    }

    @Example
    void decodingIsStrict() {
        for (String hex : List.of(
                "",                                          // nothing
                "04",                                        // unknown message type
                "02 00",                                     // ACK with a trailing byte
                "03 03 00 00 00 00 00 00 00 00 00 00",       // unknown channel type
                "03 00 00 00 00 00 00 00 00 02 00 00 c3 28", // label is not UTF-8
                "03 00 00 00 00 00 00 00 00 00 00 02 ed a0 80", // protocol encodes a surrogate
                "03 00 00 00 00 00 00 00 00 02 00 00 61",    // label shorter than declared
                "03 00 00 00 00 00 00 00 00 01 00 00 61 62", // a byte after the protocol
                "03 00 00 00 00 00 00 00 00 00")) {          // fixed part cut short
            assertThrows(ParseException.class, () -> DcepMessage.parse(bytes(hex)), hex);
        }
    }

    @Example
    void labelsUpTo65535Utf8BytesAreAccepted() throws ParseException {
        String longest = "a".repeat(0xFFFF);
        DataChannelOpen m = new DataChannelOpen(ChannelType.RELIABLE, 0, 0, longest, "");
        assertEquals(m, DcepMessage.parse(m.toBytes()));
        assertThrows(IllegalArgumentException.class,
                () -> new DataChannelOpen(ChannelType.RELIABLE, 0, 0, longest + "a", ""));
        assertThrows(IllegalArgumentException.class,
                () -> new DataChannelOpen(ChannelType.RELIABLE, 0, 0, "\uD800", ""));
    }

    @Example
    void ppidsOfRfc8831() {
        assertEquals(List.of(50, 51, 53, 56, 57, 52, 54), List.of(Ppid.DCEP, Ppid.STRING, Ppid.BINARY,
                Ppid.STRING_EMPTY, Ppid.BINARY_EMPTY, Ppid.BINARY_PARTIAL_DEPRECATED, Ppid.STRING_PARTIAL_DEPRECATED));
        assertTrue(Ppid.isString(Ppid.STRING_EMPTY));
        assertFalse(Ppid.isString(Ppid.BINARY));
        assertTrue(Ppid.isEmpty(Ppid.BINARY_EMPTY));
        assertFalse(Ppid.isEmpty(Ppid.STRING));
    }

    @Provide
    Arbitrary<byte[]> openShaped() {
        // An OPEN header with a random channel type, lengths that mostly match the body (off by
        // one now and then) and a body of mostly ASCII with some arbitrary bytes.
        Arbitrary<Byte> bodyByte = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(8, Arbitraries.bytes().between((byte) 0x20, (byte) 0x7E)),
                net.jqwik.api.Tuple.of(1, Arbitraries.bytes()));
        return Combinators.combine(Arbitraries.of(0x00, 0x80, 0x01, 0x81, 0x02, 0x82, 0x03),
                Arbitraries.integers().between(0, 6), Arbitraries.integers().between(0, 6),
                Arbitraries.integers().between(-1, 1), bodyByte.list().ofSize(14)).as((type, l, p, delta, body) -> {
                    int bodyLength = Math.max(0, l + p + delta);
                    byte[] m = new byte[12 + bodyLength];
                    m[0] = 0x03;
                    m[1] = (byte) (int) type;
                    m[9] = (byte) (int) l;
                    m[11] = (byte) (int) p;
                    for (int i = 0; i < bodyLength; i++) {
                        m[12 + i] = body.get(i);
                    }
                    return m;
                });
    }

    @Property(tries = 2000)
    void openShapedNoiseParsesOrIsRejected(@ForAll("openShaped") byte[] bytes) {
        parsesOrRejects(bytes);
        Statistics.label("outcome").coverage(c -> c.check("parsed").percentage(p -> p > 10));
    }

    @Property(tries = 2000)
    void noiseParsesOrIsRejected(@ForAll @Size(max = 64) byte[] bytes) {
        parsesOrRejects(bytes);
    }

    private static void parsesOrRejects(byte[] bytes) {
        try {
            DcepMessage m = DcepMessage.parse(bytes);
            Statistics.label("outcome").collect("parsed");
            assertEquals(m, DcepMessage.parse(m.toBytes()));
        } catch (ParseException expected) {
            Statistics.label("outcome").collect("rejected");
        }
    }
}
