package io.puredc.sctp.packet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.puredc.sctp.packet.cause.ErrorCause;
import io.puredc.sctp.packet.chunk.Chunk;
import io.puredc.sctp.packet.param.Parameter;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.statistics.Statistics;

/**
 * Whatever a peer sends, the parsers either return a value or throw {@link ParseException}:
 * any other exception fails these properties. Inputs range from plain noise (which mostly dies at
 * the checksum or the framing) to well-framed TLVs of every known type with random values and
 * mutated valid packets with a fixed-up checksum, which reach every codec. Whatever parses must
 * encode back to something that parses to the same value.
 */
class MalformedInputTest {

    private static final List<Integer> KNOWN_CHUNK_TYPES =
            List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 14, 130, 192, 64, 15);
    private static final List<Integer> KNOWN_PARAMETER_TYPES =
            List.of(1, 5, 6, 7, 8, 9, 11, 12, 13, 14, 15, 16, 17, 18, 0x8008, 0xC000, 0x8000);

    private static byte[] withChecksum(byte[] packet) {
        if (packet.length >= SctpPacket.HEADER_SIZE) {
            Crc32c.store(packet, 0, Crc32c.compute(packet, 0, packet.length));
        }
        return packet;
    }

    private static void packetParsesOrRejects(byte[] bytes) {
        try {
            SctpPacket p = SctpPacket.parse(bytes);
            Statistics.label("outcome").collect("parsed");
            try {
                assertEquals(p, SctpPacket.parse(p.toBytes()), "re-encoding is stable");
            } catch (ParseException e) {
                throw new AssertionError("re-encoded packet no longer parses: " + e.getMessage(), e);
            }
        } catch (ParseException expected) {
            Statistics.label("outcome").collect("rejected");
        }
    }

    @Property(tries = 2000)
    void noiseIntoThePacketParser(@ForAll @Size(max = 300) byte[] bytes) {
        packetParsesOrRejects(bytes);
    }

    @Property(tries = 2000)
    void noiseWithAValidChecksumIntoThePacketParser(@ForAll @Size(min = 12, max = 300) byte[] bytes) {
        packetParsesOrRejects(withChecksum(bytes));
    }

    @Provide
    Arbitrary<byte[]> mutatedPackets() {
        Arbitrary<byte[]> valid = Combinators.combine(Generators.u16(), Generators.u16(), Generators.u32(),
                Generators.chunk().list().ofMinSize(1).ofMaxSize(3)).as(SctpPacket::new).map(SctpPacket::toBytes);
        Arbitrary<List<Tuple.Tuple2<Integer, Byte>>> edits = Combinators.combine(
                Arbitraries.integers().between(0, 1 << 16), Arbitraries.bytes()).as(Tuple::of).list().ofMaxSize(4);
        Arbitrary<Integer> cut = Arbitraries.integers().between(-8, 8);
        return Combinators.combine(valid, edits, cut).as((packet, es, c) -> {
            byte[] p = Arrays.copyOf(packet, Math.max(SctpPacket.HEADER_SIZE, packet.length + c));
            for (Tuple.Tuple2<Integer, Byte> e : es) {
                p[e.get1() % p.length] = e.get2();
            }
            return withChecksum(p);
        });
    }

    @Property(tries = 3000)
    void mutatedValidPacketsIntoThePacketParser(@ForAll("mutatedPackets") byte[] bytes) {
        packetParsesOrRejects(bytes);
        // About 6 % still parse (measured); the bound guards against a generator gone dead.
        Statistics.label("outcome").coverage(c -> c.check("parsed").percentage(p -> p > 2));
    }

    @Provide
    Arbitrary<byte[]> framedChunks() {
        // A well-framed chunk of a known type with a random value: the framing passes, the codec decides.
        return Combinators.combine(Arbitraries.of(KNOWN_CHUNK_TYPES), Generators.u8(),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(48)).as((type, flags, value) -> {
                    byte[] c = new byte[Tlv.paddedLength(4 + value.length)];
                    c[0] = (byte) (int) type;
                    c[1] = (byte) (int) flags;
                    c[2] = (byte) ((4 + value.length) >>> 8);
                    c[3] = (byte) (4 + value.length);
                    System.arraycopy(value, 0, c, 4, value.length);
                    return c;
                });
    }

    @Property(tries = 3000)
    void framedChunksOfEveryKnownTypeWithRandomValues(@ForAll("framedChunks") byte[] chunk) {
        try {
            Chunk c = Chunk.parseOne(chunk);
            Statistics.label("outcome").collect("parsed");
            assertEquals(c, Chunk.parseOne(c.toBytes()));
        } catch (ParseException expected) {
            Statistics.label("outcome").collect("rejected");
        }
        // About a quarter parse (measured); the bound guards against a generator gone dead.
        Statistics.label("outcome").coverage(c -> c.check("parsed").percentage(p -> p > 10));
    }

    @Provide
    Arbitrary<byte[]> framedParameters() {
        return Combinators.combine(Arbitraries.oneOf(List.of(Arbitraries.of(KNOWN_PARAMETER_TYPES),
                        Generators.u16())), Arbitraries.bytes().array(byte[].class).ofMaxSize(40))
                .as((type, value) -> {
                    byte[] p = new byte[Tlv.paddedLength(4 + value.length)];
                    p[0] = (byte) (type >>> 8);
                    p[1] = (byte) (int) type;
                    p[2] = (byte) ((4 + value.length) >>> 8);
                    p[3] = (byte) (4 + value.length);
                    System.arraycopy(value, 0, p, 4, value.length);
                    return p;
                });
    }

    @Property(tries = 3000)
    void framedParametersAndCausesWithRandomValues(@ForAll("framedParameters") byte[] tlv) {
        try {
            List<Parameter> ps = Parameter.parseAll(ByteReader.of(tlv));
            assertEquals(ps, Parameter.parseAll(ByteReader.of(ps.get(0).toBytes())));
            Statistics.label("parameter").collect("parsed");
        } catch (ParseException expected) {
            Statistics.label("parameter").collect("rejected");
        }
        // Cause codes overlap parameter types numerically, so the same bytes exercise both decoders.
        try {
            List<ErrorCause> cs = ErrorCause.parseAll(ByteReader.of(tlv));
            assertEquals(cs, ErrorCause.parseAll(ByteReader.of(cs.get(0).toBytes())));
            Statistics.label("cause").collect("parsed");
        } catch (ParseException expected) {
            Statistics.label("cause").collect("rejected");
        }
        Statistics.label("parameter").coverage(c -> c.check("parsed").percentage(p -> p > 2));
        Statistics.label("cause").coverage(c -> c.check("parsed").percentage(p -> p > 2));
    }

    @Property(tries = 2000)
    void noiseIntoTheChunkParameterAndCauseParsers(@ForAll @Size(max = 120) byte[] bytes) {
        try {
            List<Chunk> chunks = Chunk.parseAll(ByteReader.of(bytes));
            for (Chunk c : chunks) {
                assertEquals(c, Chunk.parseOne(c.toBytes()));
            }
        } catch (ParseException expected) {
            // rejected is fine
        }
        try {
            Parameter.parseAll(ByteReader.of(bytes));
        } catch (ParseException expected) {
            // rejected is fine
        }
        try {
            ErrorCause.parseAll(ByteReader.of(bytes));
        } catch (ParseException expected) {
            // rejected is fine
        }
    }
}
