package io.puredc.sctp.packet.cause;

import io.puredc.sctp.packet.ByteReader;
import io.puredc.sctp.packet.ByteWriter;
import io.puredc.sctp.packet.Bytes;
import io.puredc.sctp.packet.ParseException;
import io.puredc.sctp.packet.Tlv;

/**
 * Restart of an Association with New Addresses error cause (RFC 9260 §3.3.10.11), code 11: the
 * address parameters that the restarting peer added.
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |     Cause Code = 11           |          Cause Length         |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * /                    New Address TLVs                           /
 * \                                                               \
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public record RestartWithNewAddressesCause(Bytes addresses) implements ErrorCause {
    public static final int CODE = 11;

    public RestartWithNewAddressesCause {
        Tlv.checkValueSize(addresses.length(), "addresses");
    }

    public static RestartWithNewAddressesCause parse(ByteReader value) throws ParseException {
        return new RestartWithNewAddressesCause(value.rest());
    }

    @Override
    public int code() {
        return CODE;
    }

    @Override
    public int valueSize() {
        return addresses.length();
    }

    @Override
    public void writeValueTo(ByteWriter out) {
        out.bytes(addresses);
    }
}
