package io.puredc.sctp.packet;

import java.util.ArrayList;
import java.util.List;

/**
 * One framed chunk (RFC 9260 §3.2) whose value has not been decoded yet:
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |   Chunk Type  | Chunk  Flags  |        Chunk Length           |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * \                                                               \
 * /                          Chunk Value                          /
 * \                                                               \
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public final class RawChunk {
    private final int type;
    private final int flags;
    private final ByteReader value;

    private RawChunk(int type, int flags, ByteReader value) {
        this.type = type;
        this.flags = flags;
        this.value = value;
    }

    public int type() {
        return type;
    }

    public int flags() {
        return flags;
    }

    /** A fresh reader over the value (without header and padding). */
    public ByteReader value() {
        return value.duplicate();
    }

    public int valueLength() {
        return value.remaining();
    }

    /** Splits a region (a packet after its common header) into chunks until it is exhausted. */
    public static List<RawChunk> splitAll(ByteReader region) throws ParseException {
        // Bounded by the input: at most one chunk per 4 bytes.
        List<RawChunk> out = new ArrayList<>(Math.min(region.remaining() / Tlv.HEADER_SIZE, 8));
        while (region.hasRemaining()) {
            region.requireAtLeast(Tlv.HEADER_SIZE, "chunk header");
            int type = region.u8();
            int flags = region.u8();
            int length = region.u16();
            if (length < Tlv.HEADER_SIZE) {
                throw new ParseException("chunk type " + type + " has length " + length + " < 4");
            }
            if (length - Tlv.HEADER_SIZE > region.remaining()) {
                throw new ParseException("chunk type " + type + " of length " + length
                        + " overruns the packet by " + (length - Tlv.HEADER_SIZE - region.remaining()));
            }
            ByteReader value = region.slice(length - Tlv.HEADER_SIZE);
            region.skipPadding(length);
            out.add(new RawChunk(type, flags, value));
        }
        return out;
    }
}
