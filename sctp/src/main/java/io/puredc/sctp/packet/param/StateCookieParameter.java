package io.puredc.sctp.packet.param;

import io.puredc.sctp.packet.ByteReader;
import io.puredc.sctp.packet.ByteWriter;
import io.puredc.sctp.packet.Bytes;
import io.puredc.sctp.packet.ParseException;
import io.puredc.sctp.packet.Tlv;
import java.util.Objects;

/**
 * State Cookie parameter of INIT ACK: opaque to the receiver, echoed in COOKIE ECHO (RFC 9260
 * §3.3.3.1), type 7:
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |          Type = 7             |            Length             |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * \                                                               \
 * /                            Cookie                             /
 * \                                                               \
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public record StateCookieParameter(Bytes cookie) implements Parameter {
    public static final int TYPE = 7;

    public StateCookieParameter {
        Objects.requireNonNull(cookie, "cookie");
        Tlv.checkValueSize(cookie.length(), "cookie");
    }

    public static StateCookieParameter parse(ByteReader value) throws ParseException {
        return new StateCookieParameter(value.rest());
    }

    @Override
    public int type() {
        return TYPE;
    }

    @Override
    public int valueSize() {
        return cookie.length();
    }

    @Override
    public void writeValueTo(ByteWriter out) {
        out.bytes(cookie);
    }
}
