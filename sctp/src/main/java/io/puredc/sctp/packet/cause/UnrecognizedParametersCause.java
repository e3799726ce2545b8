package io.puredc.sctp.packet.cause;

import io.puredc.sctp.packet.ByteReader;
import io.puredc.sctp.packet.ByteWriter;
import io.puredc.sctp.packet.Bytes;
import io.puredc.sctp.packet.ParseException;
import io.puredc.sctp.packet.Tlv;

/**
 * Unrecognized Parameters error cause (RFC 9260 §3.3.10.8), code 8: the unrecognized parameters
 * of an INIT ACK, copied whole.
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |     Cause Code = 8            |          Cause Length         |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * /                   Unrecognized Parameters                     /
 * \                                                               \
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public record UnrecognizedParametersCause(Bytes parameters) implements ErrorCause {
    public static final int CODE = 8;

    public UnrecognizedParametersCause {
        Tlv.checkValueSize(parameters.length(), "parameters");
    }

    public static UnrecognizedParametersCause parse(ByteReader value) throws ParseException {
        return new UnrecognizedParametersCause(value.rest());
    }

    @Override
    public int code() {
        return CODE;
    }

    @Override
    public int valueSize() {
        return parameters.length();
    }

    @Override
    public void writeValueTo(ByteWriter out) {
        out.bytes(parameters);
    }
}
