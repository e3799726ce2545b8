package io.puredc.sctp.packet.param;

import io.puredc.sctp.packet.ByteReader;
import io.puredc.sctp.packet.ByteWriter;
import io.puredc.sctp.packet.ParseException;

/**
 * Cookie Preservative parameter of INIT (RFC 9260 §3.3.2.1), type 9: the sender asks for a cookie
 * life-span longer by the given number of milliseconds (unsigned 32 bits, kept in the int's bits).
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |          Type = 9             |          Length = 8           |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |         Suggested Cookie Life-Span Increment (msec.)          |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public record CookiePreservativeParameter(int lifeSpanIncrementMillis) implements Parameter {
    public static final int TYPE = 9;

    public static CookiePreservativeParameter parse(ByteReader value) throws ParseException {
        value.requireExactly(4, "Cookie Preservative parameter");
        return new CookiePreservativeParameter(value.u32());
    }

    @Override
    public int type() {
        return TYPE;
    }

    @Override
    public int valueSize() {
        return 4;
    }

    @Override
    public void writeValueTo(ByteWriter out) {
        out.u32(lifeSpanIncrementMillis);
    }
}
