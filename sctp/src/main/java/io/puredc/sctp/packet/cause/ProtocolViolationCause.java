package io.puredc.sctp.packet.cause;

import io.puredc.sctp.packet.ByteReader;
import io.puredc.sctp.packet.ByteWriter;
import io.puredc.sctp.packet.Bytes;
import io.puredc.sctp.packet.ParseException;
import io.puredc.sctp.packet.Tlv;

/**
 * Protocol Violation error cause (RFC 9260 §3.3.10.13), code 13: what the peer did wrong, in free
 * form (possibly empty).
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |     Cause Code = 13           |          Cause Length         |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * /                   Additional Information                      /
 * \                                                               \
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public record ProtocolViolationCause(Bytes additionalInformation) implements ErrorCause {
    public static final int CODE = 13;

    public ProtocolViolationCause {
        Tlv.checkValueSize(additionalInformation.length(), "additionalInformation");
    }

    public static ProtocolViolationCause parse(ByteReader value) throws ParseException {
        return new ProtocolViolationCause(value.rest());
    }

    @Override
    public int code() {
        return CODE;
    }

    @Override
    public int valueSize() {
        return additionalInformation.length();
    }

    @Override
    public void writeValueTo(ByteWriter out) {
        out.bytes(additionalInformation);
    }
}
