package io.puredc.ice;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * A set of CIDR blocks, used to accept remote candidates only from given networks
 * (PEER-PROTOCOL.md: 127.0.0.0/8 and 10.233.0.0/24). An address matches a block of its own family only.
 */
public final class AddressFilter implements Predicate<InetAddress> {
    private final List<byte[]> networks = new ArrayList<>();
    private final List<Integer> prefixes = new ArrayList<>();
    private final String text;

    private AddressFilter(String[] cidrs) {
        for (String cidr : cidrs) {
            int slash = cidr.indexOf('/');
            if (slash < 0) {
                throw new IllegalArgumentException("not a CIDR block (missing /prefix): " + cidr);
            }
            byte[] net = literal(cidr.substring(0, slash));
            int prefix;
            try {
                prefix = Integer.parseInt(cidr.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad prefix length in " + cidr, e);
            }
            if (prefix < 0 || prefix > net.length * 8) {
                throw new IllegalArgumentException("prefix length out of range in " + cidr);
            }
            networks.add(net);
            prefixes.add(prefix);
        }
        this.text = String.join(",", cidrs);
    }

    /** Blocks such as {@code "127.0.0.0/8", "10.233.0.0/24", "::1/128"}; literal addresses only. */
    public static AddressFilter of(String... cidrs) {
        return new AddressFilter(cidrs);
    }

    @Override
    public boolean test(InetAddress address) {
        byte[] a = address.getAddress();
        for (int i = 0; i < networks.size(); i++) {
            byte[] n = networks.get(i);
            if (n.length == a.length && samePrefix(a, n, prefixes.get(i))) {
                return true;
            }
        }
        return false;
    }

    private static boolean samePrefix(byte[] a, byte[] n, int bits) {
        int full = bits / 8;
        for (int i = 0; i < full; i++) {
            if (a[i] != n[i]) {
                return false;
            }
        }
        int rest = bits % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xff << (8 - rest)) & 0xff;
        return (a[full] & mask) == (n[full] & mask);
    }

    private static byte[] literal(String s) {
        InetAddress a = IpLiterals.parse(s);
        if (a == null) {
            throw new IllegalArgumentException("not an IP literal: " + s);
        }
        return a.getAddress();
    }

    @Override
    public String toString() {
        return "AddressFilter[" + text + "]";
    }
}
