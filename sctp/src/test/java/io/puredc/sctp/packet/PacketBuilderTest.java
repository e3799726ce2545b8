package io.puredc.sctp.packet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.puredc.sctp.packet.chunk.Chunk;
import io.puredc.sctp.packet.chunk.CookieAckChunk;
import io.puredc.sctp.packet.chunk.DataChunk;
import io.puredc.sctp.types.Ssn;
import io.puredc.sctp.types.Tsn;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

class PacketBuilderTest {

    @Provide
    Arbitrary<List<Chunk>> chunkStreams() {
        // Large DATA chunks next to small control chunks, so packets fill up in every way.
        return Arbitraries.oneOf(List.of(Generators.chunk(), Generators.dataChunk(1400)))
                .list().ofMaxSize(30);
    }

    @Property(tries = 300)
    void builtPacketsNeverExceedTheMtuAndKeepEveryChunkInOrder(
            @ForAll("chunkStreams") List<Chunk> chunks,
            @ForAll @IntRange(min = PacketBuilder.MIN_MTU, max = 1500) int mtu) throws ParseException {
        PacketBuilder builder = new PacketBuilder(5000, 5001, 42, mtu);
        List<byte[]> packets = new ArrayList<>();
        List<Chunk> accepted = new ArrayList<>();
        for (Chunk c : chunks) {
            if (!builder.tryAdd(c)) {
                if (!builder.isEmpty()) {
                    packets.add(builder.build());
                }
                if (!builder.tryAdd(c)) {
                    // Only a chunk larger than an empty packet's room may be refused.
                    assertTrue(c.paddedSize() > mtu - SctpPacket.HEADER_SIZE);
                    continue;
                }
            }
            accepted.add(c);
            assertTrue(builder.size() <= mtu);
        }
        if (!builder.isEmpty()) {
            packets.add(builder.build());
        }
        List<Chunk> received = new ArrayList<>();
        for (byte[] p : packets) {
            assertTrue(p.length <= mtu, () -> p.length + " > " + mtu);
            SctpPacket parsed = SctpPacket.parse(p);
            assertEquals(42, parsed.verificationTag());
            received.addAll(parsed.chunks());
        }
        assertEquals(accepted, received);
    }

    @Example
    void defaultMtuIs1200AndFillsExactly() throws ParseException {
        PacketBuilder builder = new PacketBuilder(5000, 5000, 1);
        assertEquals(1200, builder.mtu());
        // 1200 - 12 header - 16 DATA header = 1172 bytes of payload fill the packet to the byte.
        DataChunk full = new DataChunk(new Tsn(1), 0, new Ssn(0), 53, Bytes.of(new byte[1172]),
                false, true, true, false);
        assertTrue(builder.tryAdd(full));
        assertEquals(0, builder.bytesRemaining());
        assertFalse(builder.tryAdd(new CookieAckChunk()));
        byte[] packet = builder.build();
        assertEquals(1200, packet.length);
        assertEquals(full, SctpPacket.parse(packet).chunks().get(0));
        assertTrue(builder.isEmpty());
        assertFalse(new PacketBuilder(1, 1, 1).tryAdd(new DataChunk(new Tsn(1), 0, new Ssn(0), 53,
                Bytes.of(new byte[1173]), false, true, true, false)));
    }

    @Example
    void anEmptyPacketCannotBeBuilt() {
        assertThrows(IllegalStateException.class, () -> new PacketBuilder(1, 1, 1).build());
        assertThrows(IllegalArgumentException.class, () -> new PacketBuilder(1, 1, 1, PacketBuilder.MIN_MTU - 1));
    }

    @Example
    void theTagCanChangeBetweenPackets() throws ParseException {
        PacketBuilder builder = new PacketBuilder(1, 2, 0);
        builder.tryAdd(new CookieAckChunk());
        assertEquals(0, SctpPacket.parse(builder.build()).verificationTag());
        builder.verificationTag(0xCAFEBABE);
        builder.tryAdd(new CookieAckChunk());
        assertEquals(0xCAFEBABE, SctpPacket.parse(builder.build()).verificationTag());
    }
}
