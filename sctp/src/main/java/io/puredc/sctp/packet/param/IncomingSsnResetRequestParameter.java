package io.puredc.sctp.packet.param;

import io.puredc.sctp.packet.ByteReader;
import io.puredc.sctp.packet.ByteWriter;
import io.puredc.sctp.packet.Fields;
import io.puredc.sctp.packet.ParseException;
import io.puredc.sctp.packet.Tlv;
import java.util.List;

/**
 * Incoming SSN Reset Request parameter of RE-CONFIG (RFC 6525 §4.2), type 14: asks the peer to
 * reset its outgoing streams listed (all when empty).
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |     Parameter Type = 14       |  Parameter Length = 8 + 2 * N |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |          Re-configuration Request Sequence Number             |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  Stream Number 1 (optional)   |    Stream Number 2 (optional) |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * /                            ......                             /
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public record IncomingSsnResetRequestParameter(int requestSequenceNumber, List<Integer> streamIds)
        implements Parameter {
    public static final int TYPE = 14;

    public IncomingSsnResetRequestParameter {
        streamIds = Fields.u16List(streamIds, "stream id");
        Tlv.checkValueSize(4 + 2 * streamIds.size(), "stream ids");
    }

    public static IncomingSsnResetRequestParameter parse(ByteReader value) throws ParseException {
        value.requireAtLeast(4, "Incoming SSN Reset Request");
        int request = value.u32();
        return new IncomingSsnResetRequestParameter(request,
                Fields.readU16List(value, "Incoming SSN Reset Request streams"));
    }

    @Override
    public int type() {
        return TYPE;
    }

    @Override
    public int valueSize() {
        return 4 + 2 * streamIds.size();
    }

    @Override
    public void writeValueTo(ByteWriter out) {
        out.u32(requestSequenceNumber);
        Fields.writeU16List(streamIds, out);
    }
}
