package io.puredc.sctp.packet.cause;

import io.puredc.sctp.packet.ByteReader;
import io.puredc.sctp.packet.ByteWriter;
import io.puredc.sctp.packet.ParseException;

/**
 * Stale Cookie error cause (RFC 9260 §3.3.10.3), code 3: how late the cookie arrived, in
 * microseconds (unsigned 32 bits, kept in the int's bits).
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |     Cause Code = 3            |       Cause Length = 8        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                 Measure of Staleness (usec.)                  |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public record StaleCookieCause(int stalenessMicros) implements ErrorCause {
    public static final int CODE = 3;

    public static StaleCookieCause parse(ByteReader value) throws ParseException {
        value.requireExactly(4, "Stale Cookie cause");
        return new StaleCookieCause(value.u32());
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
        out.u32(stalenessMicros);
    }
}
