package io.puredc.sctp.packet.chunk;

import io.puredc.sctp.packet.ByteWriter;
import io.puredc.sctp.packet.ParseException;
import io.puredc.sctp.packet.RawChunk;

/**
 * Cookie Acknowledgement (COOKIE ACK), RFC 9260 §3.3.12, type 11; it has no value:
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |   Type = 11   |Chunk  Flags   |          Length = 4           |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public record CookieAckChunk() implements Chunk {
    public static final int TYPE = 11;

    public static CookieAckChunk parse(RawChunk raw) throws ParseException {
        raw.value().requireExactly(0, "Cookie Acknowledgement (COOKIE ACK) chunk");
        return new CookieAckChunk();
    }

    @Override
    public int type() {
        return TYPE;
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
