package io.puredc.sctp.packet.chunk;

import io.puredc.sctp.packet.ByteWriter;
import io.puredc.sctp.packet.ParseException;
import io.puredc.sctp.packet.RawChunk;
import io.puredc.sctp.packet.Tlv;
import io.puredc.sctp.packet.cause.ErrorCause;
import java.util.List;

/**
 * Abort Association (ABORT), RFC 9260 §3.3.7, type 6:
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |   Type = 6    |  Reserved   |T|            Length             |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * \                                                               \
 * /                   zero or more Error Causes                   /
 * \                                                               \
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 * T set: the sender used the receiver's own verification tag ("reflected", §8.5.1) because it
 * had no TCB.
 */
public record AbortChunk(boolean tagReflected, List<ErrorCause> causes) implements Chunk {
    public static final int TYPE = 6;
    static final int FLAG_T = 0x01;

    public AbortChunk {
        causes = List.copyOf(causes);
        Tlv.checkValueSize(ErrorCause.listSize(causes), "ABORT causes");
    }

    public static AbortChunk parse(RawChunk raw) throws ParseException {
        return new AbortChunk((raw.flags() & FLAG_T) != 0, ErrorCause.parseAll(raw.value()));
    }

    @Override
    public int type() {
        return TYPE;
    }

    @Override
    public int flags() {
        return tagReflected ? FLAG_T : 0;
    }

    @Override
    public int valueSize() {
        return ErrorCause.listSize(causes);
    }

    @Override
    public void writeValueTo(ByteWriter out) {
        ErrorCause.writeAll(causes, out);
    }
}
