package io.puredc.sctp.packet;

import io.puredc.sctp.packet.chunk.Chunk;
import io.puredc.sctp.packet.chunk.DataChunk;
import java.util.List;

/**
 * An SCTP packet: the common header (RFC 9260 §3.1) and one or more chunks.
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |     Source Port Number        |     Destination Port Number   |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                      Verification Tag                         |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                           Checksum                            |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 * The checksum is not a field of the record: {@link #toBytes()} computes it and
 * {@link #parse(byte[])} verifies it (§6.8). Over DTLS the ports are the a=sctp-port values
 * (RFC 8841 §5) and the packet is the DTLS record's payload (RFC 8261 §5).
 */
public record SctpPacket(int sourcePort, int destinationPort, int verificationTag,
                         List<Chunk> chunks) {
    public static final int HEADER_SIZE = 12;

    public SctpPacket {
        Fields.checkU16(sourcePort, "source port");
        Fields.checkU16(destinationPort, "destination port");
        chunks = List.copyOf(chunks);
        if (chunks.isEmpty()) {
            throw new IllegalArgumentException("a packet carries at least one chunk (§3)");
        }
    }

    public static SctpPacket parse(byte[] data) throws ParseException {
        return parse(data, 0, data.length);
    }

    /**
     * Parses and checks the checksum; a packet that fails is dropped by the caller (§6.8). DATA
     * payloads are views of {@code data}, not copies (see {@link DataChunk#parse}): the array
     * must not change while the packet or its chunks are in use. Other chunks copy what they keep.
     */
    public static SctpPacket parse(byte[] data, int offset, int length) throws ParseException {
        ByteReader r = ByteReader.of(data, offset, length);
        r.requireAtLeast(HEADER_SIZE + Tlv.HEADER_SIZE, "SCTP packet");
        int expected = Crc32c.load(data, offset);
        int actual = Crc32c.compute(data, offset, length);
        if (expected != actual) {
            throw new ParseException(String.format("bad checksum: packet says %08x, content gives %08x",
                    expected, actual));
        }
        int src = r.u16();
        int dst = r.u16();
        int tag = r.u32();
        r.skip(4);
        return new SctpPacket(src, dst, tag, Chunk.parseAll(r));
    }

    /** Total bytes of the encoded packet: header plus every chunk with its padding. */
    public int size() {
        int size = HEADER_SIZE;
        for (Chunk c : chunks) {
            size += c.paddedSize();
        }
        return size;
    }

    /** Encodes the packet and fills in its checksum. */
    public byte[] toBytes() {
        return encode(sourcePort, destinationPort, verificationTag, chunks, size());
    }

    /**
     * Encodes a packet from its parts without building the record (the send path bundles
     * chunks in a reusable list): {@code size} is the header plus the chunks' padded sizes.
     */
    public static byte[] encode(int sourcePort, int destinationPort, int verificationTag, List<Chunk> chunks,
            int size) {
        ByteWriter out = new ByteWriter(size);
        out.u16(sourcePort).u16(destinationPort).u32(verificationTag).u32(0);
        for (Chunk c : chunks) {
            c.writeTo(out);
        }
        byte[] bytes = out.array();
        Crc32c.store(bytes, 0, Crc32c.compute(bytes, 0, bytes.length));
        return bytes;
    }
}
