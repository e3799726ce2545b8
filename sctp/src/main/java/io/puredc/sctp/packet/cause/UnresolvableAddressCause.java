package io.puredc.sctp.packet.cause;

import io.puredc.sctp.packet.ByteReader;
import io.puredc.sctp.packet.ByteWriter;
import io.puredc.sctp.packet.Bytes;
import io.puredc.sctp.packet.ParseException;
import io.puredc.sctp.packet.Tlv;

/**
 * Unresolvable Address error cause (RFC 9260 §3.3.10.5), code 5: the address parameter (type,
 * length, value) that could not be resolved, copied whole.
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |     Cause Code = 5            |          Cause Length         |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * /                      Unresolvable Address                     /
 * \                                                               \
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public record UnresolvableAddressCause(Bytes address) implements ErrorCause {
    public static final int CODE = 5;

    public UnresolvableAddressCause {
        Tlv.checkValueSize(address.length(), "address");
    }

    public static UnresolvableAddressCause parse(ByteReader value) throws ParseException {
        return new UnresolvableAddressCause(value.rest());
    }

    @Override
    public int code() {
        return CODE;
    }

    @Override
    public int valueSize() {
        return address.length();
    }

    @Override
    public void writeValueTo(ByteWriter out) {
        out.bytes(address);
    }
}
