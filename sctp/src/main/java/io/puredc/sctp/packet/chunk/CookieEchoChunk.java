package io.puredc.sctp.packet.chunk;

import io.puredc.sctp.packet.ByteWriter;
import io.puredc.sctp.packet.Bytes;
import io.puredc.sctp.packet.ParseException;
import io.puredc.sctp.packet.RawChunk;
import io.puredc.sctp.packet.Tlv;

/**
 * State Cookie (COOKIE ECHO), RFC 9260 §3.3.11, type 10: the cookie from the INIT ACK's State
 * Cookie parameter, echoed as the whole value.
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |   Type = 10   | Chunk  Flags  |            Length             |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * /                            Cookie                             /
 * \                                                               \
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public record CookieEchoChunk(Bytes cookie) implements Chunk {
    public static final int TYPE = 10;

    public CookieEchoChunk {
        Tlv.checkValueSize(cookie.length(), "cookie");
    }

    public static CookieEchoChunk parse(RawChunk raw) throws ParseException {
        return new CookieEchoChunk(raw.value().rest());
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
