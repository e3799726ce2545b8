package io.puredc.sctp.packet.param;

import io.puredc.sctp.packet.ByteReader;
import io.puredc.sctp.packet.ByteWriter;
import io.puredc.sctp.packet.Bytes;
import io.puredc.sctp.packet.ParseException;
import io.puredc.sctp.packet.Tlv;
import java.util.Objects;

/**
 * Host Name Address parameter: a host name with at least one NUL terminator, kept as raw bytes
 * because it is only ever reported back, never resolved (RFC 9260 §3.3.2.1; a receiver aborts on
 * it, §5.1.2), type 11:
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |          Type = 11            |            Length             |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * \                                                               \
 * /                           Host Name                           /
 * \                                                               \
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public record HostNameAddressParameter(Bytes hostName) implements Parameter {
    public static final int TYPE = 11;

    public HostNameAddressParameter {
        Objects.requireNonNull(hostName, "hostName");
        Tlv.checkValueSize(hostName.length(), "hostName");
    }

    public static HostNameAddressParameter parse(ByteReader value) throws ParseException {
        return new HostNameAddressParameter(value.rest());
    }

    @Override
    public int type() {
        return TYPE;
    }

    @Override
    public int valueSize() {
        return hostName.length();
    }

    @Override
    public void writeValueTo(ByteWriter out) {
        out.bytes(hostName);
    }
}
