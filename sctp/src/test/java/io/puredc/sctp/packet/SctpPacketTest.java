package io.puredc.sctp.packet;

import static io.puredc.sctp.packet.Hex.bytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.puredc.sctp.packet.chunk.Chunk;
import io.puredc.sctp.packet.chunk.CookieAckChunk;
import io.puredc.sctp.packet.chunk.DataChunk;
import io.puredc.sctp.packet.chunk.SackChunk;
import io.puredc.sctp.types.Ssn;
import io.puredc.sctp.types.Tsn;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

class SctpPacketTest {

    @Provide
    Arbitrary<SctpPacket> packets() {
        return Combinators.combine(Generators.u16(), Generators.u16(), Generators.u32(),
                Generators.chunk().list().ofMinSize(1).ofMaxSize(4)).as(SctpPacket::new);
    }

    @Property
    void packetsRoundTrip(@ForAll("packets") SctpPacket p) throws ParseException {
        byte[] bytes = p.toBytes();
        assertEquals(p.size(), bytes.length);
        assertEquals(p, SctpPacket.parse(bytes));
    }

    @Property
    void anyFlippedBitIsCaughtByTheChecksum_rfc9260_6_8(@ForAll("packets") SctpPacket p,
                                                        @ForAll @IntRange(min = 0, max = 1 << 20) int where) {
        // CRC32c detects every single-bit error, header and checksum field included.
        byte[] bytes = p.toBytes();
        int bit = where % (bytes.length * 8);
        bytes[bit / 8] ^= (byte) (1 << (bit % 8));
        ParseException e = assertThrows(ParseException.class, () -> SctpPacket.parse(bytes));
        assertEquals(true, e.getMessage().startsWith("bad checksum"), e.getMessage());
    }

    @Example
    void crc32cMatchesTheRfc3720TestVectorsInWireByteOrder() {
        // RFC 3720 §B.4 gives CRC32c results as the bytes sent, least significant first — the
        // order SCTP uses too (RFC 9260 Appendix A). A 32-byte "packet" puts them at offset 8.
        byte[] zeros = new byte[32];
        assertStoredChecksum(zeros, "aa 36 91 8a");
        byte[] ones = new byte[32];
        Arrays.fill(ones, (byte) 0xFF);
        // The checksum field is read as zero, so put the vector's own bytes back afterwards.
        assertStoredChecksumOfWhole(ones, "43 ab a8 62");
        byte[] incrementing = new byte[32];
        for (int i = 0; i < 32; i++) {
            incrementing[i] = (byte) i;
        }
        assertStoredChecksumOfWhole(incrementing, "4e 79 dd 46");
    }

    private static void assertStoredChecksum(byte[] data, String expectedWireBytes) {
        byte[] copy = data.clone();
        Crc32c.store(copy, 0, Crc32c.compute(copy, 0, copy.length));
        assertArrayEquals(bytes(expectedWireBytes), Arrays.copyOfRange(copy, 8, 12));
    }

    /** The RFC 3720 vectors cover all 32 bytes; use java.util.zip directly for non-zero field bytes. */
    private static void assertStoredChecksumOfWhole(byte[] data, String expectedWireBytes) {
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(data);
        byte[] out = new byte[12];
        Crc32c.store(out, 0, (int) crc.getValue());
        assertArrayEquals(bytes(expectedWireBytes), Arrays.copyOfRange(out, 8, 12));
    }

    @Example
    void goldenCookieAckPacket_rfc9260_3_1() throws ParseException {
        byte[] wire = bytes("13 88 13 88  0a 0b 0c 0d  8a 23 02 32  0b 00 00 04");
        SctpPacket expected = new SctpPacket(5000, 5000, 0x0A0B0C0D, List.of(new CookieAckChunk()));
        assertEquals(expected, SctpPacket.parse(wire));
        assertArrayEquals(wire, expected.toBytes());
    }

    @Example
    void goldenBundleOfDataAndSack_rfc9260_6_10() throws ParseException {
        byte[] wire = bytes("""
                13 88 13 88 01 02 03 04 60 f8 2a d5
                00 03 00 12 00 00 00 01 00 00 00 00 00 00 00 33 68 69 00 00
                03 00 00 10 00 00 00 00 00 01 00 00 00 00 00 00
                """);
        SctpPacket expected = new SctpPacket(5000, 5000, 0x01020304, List.of(
                new DataChunk(new Tsn(1), 0, new Ssn(0), 51, Bytes.of(new byte[] {'h', 'i'}),
                        false, true, true, false),
                new SackChunk(new Tsn(0), 65536, List.of(), List.of())));
        assertEquals(expected, SctpPacket.parse(wire));
        assertArrayEquals(wire, expected.toBytes());
    }

    @Example
    void aLastChunkWithoutItsPaddingIsAccepted_rfc9260_3_2() throws ParseException {
        SctpPacket p = new SctpPacket(1, 2, 3, List.<Chunk>of(new DataChunk(new Tsn(1), 0, new Ssn(0), 51,
                Bytes.of(new byte[] {'h', 'i'}), false, true, true, false)));
        byte[] full = p.toBytes();
        byte[] unpadded = Arrays.copyOf(full, full.length - 2);
        Crc32c.store(unpadded, 0, Crc32c.compute(unpadded, 0, unpadded.length));
        assertEquals(p, SctpPacket.parse(unpadded));
    }

    @Example
    void headersWithoutAChunkAreRejected() {
        byte[] headerOnly = new byte[12];
        Crc32c.store(headerOnly, 0, Crc32c.compute(headerOnly, 0, 12));
        assertThrows(ParseException.class, () -> SctpPacket.parse(headerOnly));
        assertThrows(ParseException.class, () -> SctpPacket.parse(new byte[0]));
    }

    @Property(tries = 200)
    void parsingAtAnOffsetSeesOnlyThatRegion(@ForAll("packets") SctpPacket p,
                                             @ForAll @IntRange(max = 7) int before,
                                             @ForAll @IntRange(max = 7) int after) throws ParseException {
        byte[] bytes = p.toBytes();
        byte[] framed = new byte[before + bytes.length + after];
        Arrays.fill(framed, (byte) 0xEE);
        System.arraycopy(bytes, 0, framed, before, bytes.length);
        assertEquals(p, SctpPacket.parse(framed, before, bytes.length));
    }
}
