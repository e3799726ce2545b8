package io.puredc.sctp.packet.cause;

import io.puredc.sctp.packet.ByteReader;
import io.puredc.sctp.packet.ByteWriter;
import io.puredc.sctp.packet.Bytes;
import io.puredc.sctp.packet.ParseException;
import io.puredc.sctp.packet.Tlv;

/**
 * User-Initiated Abort error cause (RFC 9260 §3.3.10.12), code 12: the application's reason for
 * the ABORT, possibly empty.
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |     Cause Code = 12           |          Cause Length         |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * /                   Upper Layer Abort Reason                    /
 * \                                                               \
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public record UserInitiatedAbortCause(Bytes reason) implements ErrorCause {
    public static final int CODE = 12;

    public UserInitiatedAbortCause {
        Tlv.checkValueSize(reason.length(), "reason");
    }

    public static UserInitiatedAbortCause parse(ByteReader value) throws ParseException {
        return new UserInitiatedAbortCause(value.rest());
    }

    @Override
    public int code() {
        return CODE;
    }

    @Override
    public int valueSize() {
        return reason.length();
    }

    @Override
    public void writeValueTo(ByteWriter out) {
        out.bytes(reason);
    }
}
