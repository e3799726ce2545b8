package io.puredc.sctp.packet.chunk;

import io.puredc.sctp.packet.ByteWriter;
import io.puredc.sctp.packet.ParseException;
import io.puredc.sctp.packet.RawChunk;
import io.puredc.sctp.packet.param.HeartbeatInfoParameter;
import java.util.Objects;

/**
 * Heartbeat Acknowledgement (HEARTBEAT ACK), RFC 9260 §3.3.6, type 5:
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |   Type = 5    | Chunk  Flags  |      Heartbeat Length         |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * \                                                               \
 * /          Heartbeat Information TLV (Variable-Length)          /
 * \                                                               \
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 * The value is exactly one Heartbeat Info parameter (type 1), echoed unchanged between
 * HEARTBEAT and HEARTBEAT ACK (§8.3).
 */
public record HeartbeatAckChunk(HeartbeatInfoParameter info) implements Chunk {
    public static final int TYPE = 5;

    public HeartbeatAckChunk {
        Objects.requireNonNull(info, "info");
    }

    public static HeartbeatAckChunk parse(RawChunk raw) throws ParseException {
        return new HeartbeatAckChunk(HeartbeatRequestChunk.parseInfo(raw, "HEARTBEAT ACK"));
    }

    @Override
    public int type() {
        return TYPE;
    }

    @Override
    public int valueSize() {
        // One parameter, so no padding of its own inside the chunk (§3.2).
        return 4 + info.valueSize();
    }

    @Override
    public void writeValueTo(ByteWriter out) {
        out.u16(HeartbeatInfoParameter.TYPE).u16(4 + info.valueSize());
        info.writeValueTo(out);
    }
}
