package io.puredc.sctp.dcep;

import io.puredc.sctp.packet.ByteReader;
import io.puredc.sctp.packet.ByteWriter;
import io.puredc.sctp.packet.ParseException;

/**
 * DATA_CHANNEL_ACK (RFC 8832 §5.2): one byte, the Message Type 0x02.
 * <pre>
 *  0 1 2 3 4 5 6 7
 * +-+-+-+-+-+-+-+-+
 * |  Message Type |
 * +-+-+-+-+-+-+-+-+
 * </pre>
 */
public record DataChannelAck() implements DcepMessage {
    public static final int MESSAGE_TYPE = 0x02;

    static DataChannelAck parseBody(ByteReader r) throws ParseException {
        r.expectEnd("DATA_CHANNEL_ACK");
        return new DataChannelAck();
    }

    @Override
    public int messageType() {
        return MESSAGE_TYPE;
    }

    @Override
    public int size() {
        return 1;
    }

    @Override
    public void writeTo(ByteWriter out) {
        out.u8(MESSAGE_TYPE);
    }
}
