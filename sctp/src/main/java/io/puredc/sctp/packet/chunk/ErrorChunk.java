package io.puredc.sctp.packet.chunk;

import io.puredc.sctp.packet.ByteWriter;
import io.puredc.sctp.packet.ParseException;
import io.puredc.sctp.packet.RawChunk;
import io.puredc.sctp.packet.Tlv;
import io.puredc.sctp.packet.cause.ErrorCause;
import java.util.List;

/**
 * Operation Error (ERROR), RFC 9260 §3.3.10, type 9:
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |   Type = 9    | Chunk  Flags  |           Length              |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * \                                                               \
 * /                    one or more Error Causes                   /
 * \                                                               \
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 * The RFC asks for at least one cause; an empty ERROR still parses, as it hurts nobody and the
 * association only reports what it finds.
 */
public record ErrorChunk(List<ErrorCause> causes) implements Chunk {
    public static final int TYPE = 9;

    public ErrorChunk {
        causes = List.copyOf(causes);
        Tlv.checkValueSize(ErrorCause.listSize(causes), "ERROR causes");
    }

    public static ErrorChunk parse(RawChunk raw) throws ParseException {
        return new ErrorChunk(ErrorCause.parseAll(raw.value()));
    }

    @Override
    public int type() {
        return TYPE;
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
