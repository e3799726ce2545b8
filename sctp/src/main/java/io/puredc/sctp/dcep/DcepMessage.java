package io.puredc.sctp.dcep;

import io.puredc.sctp.packet.ByteReader;
import io.puredc.sctp.packet.ByteWriter;
import io.puredc.sctp.packet.ParseException;

/**
 * A Data Channel Establishment Protocol message (RFC 8832 §5), sent as a DATA chunk with PPID
 * {@link Ppid#DCEP}. The first byte is the Message Type (§8.2.1): 0x03 open, 0x02 ack.
 */
public sealed interface DcepMessage permits DataChannelOpen, DataChannelAck {

    int messageType();

    /** Encoded size in bytes. */
    int size();

    void writeTo(ByteWriter out);

    default byte[] toBytes() {
        ByteWriter out = new ByteWriter(size());
        writeTo(out);
        return out.toByteArray();
    }

    /** Decodes a whole DCEP message; any other content throws {@link ParseException}. */
    static DcepMessage parse(byte[] message) throws ParseException {
        ByteReader r = ByteReader.of(message);
        r.requireAtLeast(1, "DCEP message");
        int type = r.u8();
        return switch (type) {
            case DataChannelOpen.MESSAGE_TYPE -> DataChannelOpen.parseBody(r);
            case DataChannelAck.MESSAGE_TYPE -> DataChannelAck.parseBody(r);
            default -> throw new ParseException("unknown DCEP message type " + type);
        };
    }
}
