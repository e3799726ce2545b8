package io.puredc.sctp.packet.cause;

import io.puredc.sctp.packet.ByteReader;
import io.puredc.sctp.packet.ByteWriter;
import io.puredc.sctp.packet.Bytes;
import io.puredc.sctp.packet.ParseException;
import io.puredc.sctp.packet.Tlv;

/**
 * Unrecognized Chunk Type error cause (RFC 9260 §3.3.10.6), code 6: the unrecognized chunk (type,
 * flags, length, value), copied whole.
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |     Cause Code = 6            |          Cause Length         |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * /                      Unrecognized Chunk                       /
 * \                                                               \
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public record UnrecognizedChunkTypeCause(Bytes chunk) implements ErrorCause {
    public static final int CODE = 6;

    public UnrecognizedChunkTypeCause {
        Tlv.checkValueSize(chunk.length(), "chunk");
    }

    public static UnrecognizedChunkTypeCause parse(ByteReader value) throws ParseException {
        return new UnrecognizedChunkTypeCause(value.rest());
    }

    @Override
    public int code() {
        return CODE;
    }

    @Override
    public int valueSize() {
        return chunk.length();
    }

    @Override
    public void writeValueTo(ByteWriter out) {
        out.bytes(chunk);
    }
}
