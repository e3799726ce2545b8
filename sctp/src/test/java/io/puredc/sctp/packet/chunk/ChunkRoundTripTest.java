package io.puredc.sctp.packet.chunk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.puredc.sctp.packet.Bytes;
import io.puredc.sctp.packet.Generators;
import io.puredc.sctp.packet.ParseException;
import io.puredc.sctp.packet.Tlv;
import io.puredc.sctp.types.Ssn;
import io.puredc.sctp.types.Tsn;
import java.util.Arrays;
import java.util.Collections;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class ChunkRoundTripTest {
    @Provide
    Arbitrary<Chunk> chunks() {
        return Generators.chunk();
    }

    @Property(tries = 3000)
    void everyChunkRoundTrips(@ForAll("chunks") Chunk c) throws ParseException {
        byte[] bytes = c.toBytes();
        assertEquals(c.paddedSize(), bytes.length);
        assertEquals(0, bytes.length % 4, "padded to 4 bytes");
        assertEquals(c.length(), ((bytes[2] & 0xFF) << 8) | (bytes[3] & 0xFF), "Chunk Length field");
        assertEquals(c, Chunk.parseOne(bytes));
    }

    @Provide
    Arbitrary<Chunk> structuredChunks() {
        // Opaque values (DATA payload, cookie, unknown chunk) would take padding as data.
        return Generators.chunk().filter(c -> !(c instanceof DataChunk || c instanceof CookieEchoChunk
                || c instanceof UnknownChunk));
    }

    @Property
    void theChunkLengthMayOrMayNotCountTheFinalPadding(@ForAll("structuredChunks") Chunk c)
            throws ParseException {
        // RFC 9260 §3.2: receivers accept the last parameter's padding inside or outside the length.
        byte[] bytes = c.toBytes();
        bytes[2] = (byte) (bytes.length >>> 8);
        bytes[3] = (byte) bytes.length;
        assertEquals(c, Chunk.parseOne(bytes));
    }

    @Example
    void dataChunkFlagBitsMapOneToOne() throws ParseException {
        for (int f = 0; f < 16; f++) {
            DataChunk d = new DataChunk(new Tsn(-1), 0xFFFF, new Ssn(0xFFFF), -1, Bytes.of((byte) 1),
                    (f & 4) != 0, (f & 2) != 0, (f & 1) != 0, (f & 8) != 0);
            assertEquals(f, d.flags(), "I=8 U=4 B=2 E=1 (RFC 9260 §3.3.1)");
            assertEquals(f, d.toBytes()[1]);
            assertEquals(d, Chunk.parseOne(d.toBytes()));
        }
    }

    @Example
    void largestDataChunkRoundTrips() throws ParseException {
        byte[] payload = new byte[DataChunk.MAX_PAYLOAD];
        Arrays.fill(payload, (byte) 0x5A);
        DataChunk d = new DataChunk(new Tsn(Integer.MIN_VALUE), 65535, new Ssn(65535), Integer.MAX_VALUE,
                Bytes.of(payload), true, true, true, true);
        byte[] bytes = d.toBytes();
        assertEquals(Tlv.MAX_LENGTH, d.length());
        assertEquals(d, Chunk.parseOne(bytes));
    }

    @Example
    void sackWithAsManyBlocksAsTheLengthAllowsRoundTrips() throws ParseException {
        int room = (Tlv.MAX_VALUE_SIZE - 12) / 4;
        SackChunk s = new SackChunk(new Tsn(7), -1,
                Collections.nCopies(room / 2, new SackChunk.GapAckBlock(65535, 0)),
                Collections.nCopies(room - room / 2, new Tsn(-2)));
        assertTrue(s.length() <= Tlv.MAX_LENGTH);
        assertEquals(s, Chunk.parseOne(s.toBytes()));
    }

    @Example
    void emptyDataChunkParsesSoTheAssociationCanAbortWithNoUserData() throws ParseException {
        DataChunk d = new DataChunk(new Tsn(1), 0, new Ssn(0), 0, Bytes.EMPTY, false, true, true, false);
        assertEquals(16, d.length());
        assertEquals(d, Chunk.parseOne(d.toBytes()));
    }
}
