package io.puredc.sctp.packet.param;

import io.puredc.sctp.packet.ByteReader;
import io.puredc.sctp.packet.ByteWriter;
import io.puredc.sctp.packet.Bytes;
import io.puredc.sctp.packet.ParseException;
import io.puredc.sctp.packet.Tlv;
import java.util.Objects;

/**
 * Heartbeat Info parameter of HEARTBEAT and HEARTBEAT ACK: sender-specific data the peer echoes
 * back unchanged (RFC 9260 §3.3.5), type 1:
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |          Type = 1             |            Length             |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * \                                                               \
 * /                Sender-Specific Heartbeat Info                 /
 * \                                                               \
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public record HeartbeatInfoParameter(Bytes info) implements Parameter {
    public static final int TYPE = 1;

    public HeartbeatInfoParameter {
        Objects.requireNonNull(info, "info");
        Tlv.checkValueSize(info.length(), "info");
    }

    public static HeartbeatInfoParameter parse(ByteReader value) throws ParseException {
        return new HeartbeatInfoParameter(value.rest());
    }

    @Override
    public int type() {
        return TYPE;
    }

    @Override
    public int valueSize() {
        return info.length();
    }

    @Override
    public void writeValueTo(ByteWriter out) {
        out.bytes(info);
    }
}
