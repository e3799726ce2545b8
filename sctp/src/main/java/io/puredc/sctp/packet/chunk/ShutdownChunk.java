package io.puredc.sctp.packet.chunk;

import io.puredc.sctp.packet.ByteReader;
import io.puredc.sctp.packet.ByteWriter;
import io.puredc.sctp.packet.ParseException;
import io.puredc.sctp.packet.RawChunk;
import io.puredc.sctp.types.Tsn;
import java.util.Objects;

/**
 * Shutdown Association (SHUTDOWN), RFC 9260 §3.3.8, type 7:
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |   Type = 7    | Chunk  Flags  |          Length = 8           |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                      Cumulative TSN Ack                       |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public record ShutdownChunk(Tsn cumulativeTsnAck) implements Chunk {
    public static final int TYPE = 7;

    public ShutdownChunk {
        Objects.requireNonNull(cumulativeTsnAck, "cumulativeTsnAck");
    }

    public static ShutdownChunk parse(RawChunk raw) throws ParseException {
        ByteReader v = raw.value();
        v.requireExactly(4, "SHUTDOWN chunk");
        return new ShutdownChunk(new Tsn(v.u32()));
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
        out.u32(cumulativeTsnAck.value());
    }
}
