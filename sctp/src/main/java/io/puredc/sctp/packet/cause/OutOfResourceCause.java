package io.puredc.sctp.packet.cause;

import io.puredc.sctp.packet.ByteReader;
import io.puredc.sctp.packet.ByteWriter;
import io.puredc.sctp.packet.ParseException;

/**
 * Out of Resource error cause (RFC 9260 §3.3.10.4), code 4: the sender is out of resources. It
 * carries no information.
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |     Cause Code = 4            |       Cause Length = 4        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public record OutOfResourceCause() implements ErrorCause {
    public static final int CODE = 4;

    public static OutOfResourceCause parse(ByteReader value) throws ParseException {
        value.requireExactly(0, "Out of Resource cause");
        return new OutOfResourceCause();
    }

    @Override
    public int code() {
        return CODE;
    }

    @Override
    public int valueSize() {
        return 0;
    }

    @Override
    public void writeValueTo(ByteWriter out) {
        // No value.
    }
}
