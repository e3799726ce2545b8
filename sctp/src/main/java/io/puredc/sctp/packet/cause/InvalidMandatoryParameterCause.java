package io.puredc.sctp.packet.cause;

import io.puredc.sctp.packet.ByteReader;
import io.puredc.sctp.packet.ByteWriter;
import io.puredc.sctp.packet.ParseException;

/**
 * Invalid Mandatory Parameter error cause (RFC 9260 §3.3.10.7), code 7: a mandatory parameter of
 * INIT or INIT ACK was set to an invalid value. It carries no information.
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |     Cause Code = 7            |       Cause Length = 4        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public record InvalidMandatoryParameterCause() implements ErrorCause {
    public static final int CODE = 7;

    public static InvalidMandatoryParameterCause parse(ByteReader value) throws ParseException {
        value.requireExactly(0, "Invalid Mandatory Parameter cause");
        return new InvalidMandatoryParameterCause();
    }

    @Override
    public int code() {
        return CODE;
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
