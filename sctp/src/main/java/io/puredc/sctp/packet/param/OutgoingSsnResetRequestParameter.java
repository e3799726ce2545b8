package io.puredc.sctp.packet.param;

import io.puredc.sctp.packet.ByteReader;
import io.puredc.sctp.packet.ByteWriter;
import io.puredc.sctp.packet.Fields;
import io.puredc.sctp.packet.ParseException;
import io.puredc.sctp.packet.Tlv;
import io.puredc.sctp.types.Tsn;
import java.util.List;
import java.util.Objects;

/**
 * Outgoing SSN Reset Request parameter of RE-CONFIG (RFC 6525 §4.1), type 13: the sender will
 * restart the SSNs of the listed outgoing streams (all of them when the list is empty) once the
 * peer has received every TSN up to Sender's Last Assigned TSN. Data channels close this way
 * (RFC 8831 §6.7).
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |     Parameter Type = 13       | Parameter Length = 16 + 2 * N |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |           Re-configuration Request Sequence Number            |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |           Re-configuration Response Sequence Number           |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                Sender's Last Assigned TSN                     |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  Stream Number 1 (optional)   |    Stream Number 2 (optional) |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * /                            ......                             /
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public record OutgoingSsnResetRequestParameter(int requestSequenceNumber,
                                               int responseSequenceNumber,
                                               Tsn senderLastAssignedTsn,
                                               List<Integer> streamIds) implements Parameter {
    public static final int TYPE = 13;
    private static final int FIXED_SIZE = 12;

    public OutgoingSsnResetRequestParameter {
        Objects.requireNonNull(senderLastAssignedTsn, "senderLastAssignedTsn");
        streamIds = Fields.u16List(streamIds, "stream id");
        Tlv.checkValueSize(FIXED_SIZE + 2 * streamIds.size(), "stream ids");
    }

    public static OutgoingSsnResetRequestParameter parse(ByteReader value) throws ParseException {
        value.requireAtLeast(FIXED_SIZE, "Outgoing SSN Reset Request");
        int request = value.u32();
        int response = value.u32();
        Tsn last = new Tsn(value.u32());
        return new OutgoingSsnResetRequestParameter(request, response, last,
                Fields.readU16List(value, "Outgoing SSN Reset Request streams"));
    }

    @Override
    public int type() {
        return TYPE;
    }

    @Override
    public int valueSize() {
        return FIXED_SIZE + 2 * streamIds.size();
    }

    @Override
    public void writeValueTo(ByteWriter out) {
        out.u32(requestSequenceNumber).u32(responseSequenceNumber).u32(senderLastAssignedTsn.value());
        Fields.writeU16List(streamIds, out);
    }
}
