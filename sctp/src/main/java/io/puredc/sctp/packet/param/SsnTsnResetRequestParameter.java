package io.puredc.sctp.packet.param;

import io.puredc.sctp.packet.ByteReader;
import io.puredc.sctp.packet.ByteWriter;
import io.puredc.sctp.packet.ParseException;

/**
 * SSN/TSN Reset Request parameter of RE-CONFIG (RFC 6525 §4.3), type 15: asks to reset all SSNs
 * and TSNs of the association.
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |     Parameter Type = 15       |      Parameter Length = 8     |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |         Re-configuration Request Sequence Number              |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public record SsnTsnResetRequestParameter(int requestSequenceNumber) implements Parameter {
    public static final int TYPE = 15;

    public static SsnTsnResetRequestParameter parse(ByteReader value) throws ParseException {
        value.requireExactly(4, "SSN/TSN Reset Request");
        return new SsnTsnResetRequestParameter(value.u32());
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
        out.u32(requestSequenceNumber);
    }
}
