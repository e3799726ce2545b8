package io.puredc.sctp.packet.param;

import io.puredc.sctp.packet.ByteReader;
import io.puredc.sctp.packet.ByteWriter;
import io.puredc.sctp.packet.Fields;
import io.puredc.sctp.packet.ParseException;

/**
 * Add Incoming Streams Request parameter of RE-CONFIG (RFC 6525 §4.6), type 18. The reserved field is
 * written as zero and ignored on receipt.
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |     Parameter Type = 18       |      Parameter Length = 12    |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |          Re-configuration Request Sequence Number             |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |      Number of new streams    |         Reserved              |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public record AddIncomingStreamsParameter(int requestSequenceNumber, int newStreams) implements Parameter {
    public static final int TYPE = 18;

    public AddIncomingStreamsParameter {
        Fields.checkU16(newStreams, "number of new streams");
    }

    public static AddIncomingStreamsParameter parse(ByteReader value) throws ParseException {
        value.requireExactly(8, "Add Incoming Streams Request");
        int request = value.u32();
        int streams = value.u16();
        value.skip(2);
        return new AddIncomingStreamsParameter(request, streams);
    }

    @Override
    public int type() {
        return TYPE;
    }

    @Override
    public int valueSize() {
        return 8;
    }

    @Override
    public void writeValueTo(ByteWriter out) {
        out.u32(requestSequenceNumber).u16(newStreams).u16(0);
    }
}
