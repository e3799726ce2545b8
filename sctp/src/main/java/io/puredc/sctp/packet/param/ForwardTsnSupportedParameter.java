package io.puredc.sctp.packet.param;

import io.puredc.sctp.packet.ByteReader;
import io.puredc.sctp.packet.ByteWriter;
import io.puredc.sctp.packet.ParseException;

/**
 * Forward-TSN-Supported parameter of INIT and INIT ACK (RFC 3758 §3.1), type 0xC000: the sender
 * implements PR-SCTP. It has no value.
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |    Parameter Type = 49152     |  Parameter Length = 4         |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public record ForwardTsnSupportedParameter() implements Parameter {
    public static final int TYPE = 0xC000;

    public static ForwardTsnSupportedParameter parse(ByteReader value) throws ParseException {
        value.requireExactly(0, "Forward-TSN-Supported parameter");
        return new ForwardTsnSupportedParameter();
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
