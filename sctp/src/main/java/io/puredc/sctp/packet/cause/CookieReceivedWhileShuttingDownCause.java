package io.puredc.sctp.packet.cause;

import io.puredc.sctp.packet.ByteReader;
import io.puredc.sctp.packet.ByteWriter;
import io.puredc.sctp.packet.ParseException;

/**
 * Cookie Received While Shutting Down error cause (RFC 9260 §3.3.10.10), code 10: a COOKIE ECHO
 * arrived in SHUTDOWN-ACK-SENT. It carries no information.
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |     Cause Code = 10           |       Cause Length = 4        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public record CookieReceivedWhileShuttingDownCause() implements ErrorCause {
    public static final int CODE = 10;

    public static CookieReceivedWhileShuttingDownCause parse(ByteReader value) throws ParseException {
        value.requireExactly(0, "Cookie Received While Shutting Down cause");
        return new CookieReceivedWhileShuttingDownCause();
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
