package io.puredc.sctp.packet.chunk;

import io.puredc.sctp.packet.ByteWriter;
import io.puredc.sctp.packet.ParseException;
import io.puredc.sctp.packet.RawChunk;
import io.puredc.sctp.packet.Tlv;
import io.puredc.sctp.packet.param.Parameter;
import java.util.List;

/**
 * Re-configuration (RE-CONFIG), RFC 6525 §3.1, type 130: one or two re-configuration request
 * or response parameters (§4). Which combinations are allowed (§3.1) is the association's check;
 * the codec only enforces the count.
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * | Type = 130    |  Chunk Flags  |      Chunk Length             |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * \                                                               \
 * /                  Re-configuration Parameter                   /
 * \                                                               \
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * \                                                               \
 * /             Re-configuration Parameter (optional)             /
 * \                                                               \
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public record ReConfigChunk(List<Parameter> parameters) implements Chunk {
    public static final int TYPE = 130;

    public ReConfigChunk {
        parameters = List.copyOf(parameters);
        if (parameters.isEmpty() || parameters.size() > 2) {
            throw new IllegalArgumentException("RE-CONFIG holds one or two parameters, not "
                    + parameters.size());
        }
        Tlv.checkValueSize(Parameter.listSize(parameters), "RE-CONFIG parameters");
    }

    public static ReConfigChunk parse(RawChunk raw) throws ParseException {
        List<Parameter> params = Parameter.parseAll(raw.value());
        if (params.isEmpty() || params.size() > 2) {
            throw new ParseException("RE-CONFIG holds " + params.size() + " parameters, not 1 or 2");
        }
        return new ReConfigChunk(params);
    }

    @Override
    public int type() {
        return TYPE;
    }

    @Override
    public int valueSize() {
        return Parameter.listSize(parameters);
    }

    @Override
    public void writeValueTo(ByteWriter out) {
        Parameter.writeAll(parameters, out);
    }
}
