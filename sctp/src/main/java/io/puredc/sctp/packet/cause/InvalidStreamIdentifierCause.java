package io.puredc.sctp.packet.cause;

import io.puredc.sctp.packet.ByteReader;
import io.puredc.sctp.packet.ByteWriter;
import io.puredc.sctp.packet.Fields;
import io.puredc.sctp.packet.ParseException;

/**
 * Invalid Stream Identifier error cause (RFC 9260 §3.3.10.1), code 1: DATA arrived for a stream
 * that does not exist. The reserved field is written as zero and ignored on receipt.
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |     Cause Code = 1            |       Cause Length = 8        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |        Stream Identifier      |         (Reserved)            |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public record InvalidStreamIdentifierCause(int streamId) implements ErrorCause {
    public static final int CODE = 1;

    public InvalidStreamIdentifierCause {
        Fields.checkU16(streamId, "stream id");
    }

    public static InvalidStreamIdentifierCause parse(ByteReader value) throws ParseException {
        value.requireExactly(4, "Invalid Stream Identifier cause");
        int streamId = value.u16();
        value.skip(2);
        return new InvalidStreamIdentifierCause(streamId);
    }

    @Override
    public int code() {
        return CODE;
    }

    @Override
    public int valueSize() {
        return 4;
    }

    @Override
    public void writeValueTo(ByteWriter out) {
        out.u16(streamId).u16(0);
    }
}
