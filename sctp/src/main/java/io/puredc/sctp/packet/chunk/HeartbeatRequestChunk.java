package io.puredc.sctp.packet.chunk;

import io.puredc.sctp.packet.ByteWriter;
import io.puredc.sctp.packet.ParseException;
import io.puredc.sctp.packet.RawChunk;
import io.puredc.sctp.packet.RawTlv;
import io.puredc.sctp.packet.param.HeartbeatInfoParameter;
import java.util.List;
import java.util.Objects;

/**
 * Heartbeat Request (HEARTBEAT), RFC 9260 §3.3.5, type 4:
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |   Type = 4    | Chunk  Flags  |      Heartbeat Length         |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * \                                                               \
 * /          Heartbeat Information TLV (Variable-Length)          /
 * \                                                               \
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 * The value is exactly one Heartbeat Info parameter (type 1), echoed unchanged between
 * HEARTBEAT and HEARTBEAT ACK (§8.3).
 */
public record HeartbeatRequestChunk(HeartbeatInfoParameter info) implements Chunk {
    public static final int TYPE = 4;

    public HeartbeatRequestChunk {
        Objects.requireNonNull(info, "info");
    }

    public static HeartbeatRequestChunk parse(RawChunk raw) throws ParseException {
        return new HeartbeatRequestChunk(parseInfo(raw, "HEARTBEAT"));
    }

    /** Shared with {@link HeartbeatAckChunk}, whose value has the same shape. */
    static HeartbeatInfoParameter parseInfo(RawChunk raw, String what) throws ParseException {
        List<RawTlv> params = RawTlv.splitAll(raw.value());
        if (params.size() != 1 || params.get(0).type() != HeartbeatInfoParameter.TYPE) {
            throw new ParseException(what + " must hold exactly one Heartbeat Info parameter");
        }
        return HeartbeatInfoParameter.parse(params.get(0).value());
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
