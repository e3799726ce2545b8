package io.puredc.sctp.packet.param;

import io.puredc.sctp.packet.ByteReader;
import io.puredc.sctp.packet.ByteWriter;
import io.puredc.sctp.packet.Bytes;
import io.puredc.sctp.packet.ParseException;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * IPv6 Address parameter of INIT and INIT ACK (RFC 9260 §3.3.2.1), type 6, 16 address bytes:
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |          Type = 6             |         Length = 20           |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                        IPv6 Address (16 bytes)                |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 * Over DTLS, SCTP cannot see IP addresses and associations are single-homed (RFC 8261, abstract),
 * so these are only parsed to be ignored; the address stays raw bytes.
 */
public record Ipv6AddressParameter(Bytes address) implements Parameter {
    public static final int TYPE = 6;
    public static final int ADDRESS_SIZE = 16;

    public Ipv6AddressParameter {
        if (address.length() != ADDRESS_SIZE) {
            throw new IllegalArgumentException("IPv6 address must be 16 bytes: " + address.length());
        }
    }

    public static Ipv6AddressParameter parse(ByteReader value) throws ParseException {
        value.requireExactly(ADDRESS_SIZE, "IPv6 Address parameter");
        return new Ipv6AddressParameter(value.rest());
    }

    /** The address as an {@link InetAddress} (no name lookup happens for literal bytes). */
    public InetAddress toInetAddress() {
        try {
            return InetAddress.getByAddress(address.toByteArray());
        } catch (UnknownHostException e) {
            throw new AssertionError("length checked in the constructor", e);
        }
    }

    @Override
    public int type() {
        return TYPE;
    }

    @Override
    public int valueSize() {
        return ADDRESS_SIZE;
    }

    @Override
    public void writeValueTo(ByteWriter out) {
        out.bytes(address);
    }
}
