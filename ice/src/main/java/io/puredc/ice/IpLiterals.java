package io.puredc.ice;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * IP literal parsing that can never turn into a DNS look-up. {@link InetAddress#getByName} resolves
 * anything that is not a literal it recognises (and it recognises odd IPv4 forms such as {@code 1.2.3}),
 * so IPv4 is parsed here and only strings made of IPv6 characters reach the JDK.
 */
final class IpLiterals {
    private IpLiterals() {
    }

    /** The address, or null when {@code s} is not a dotted-quad IPv4 or an IPv6 literal (e.g. a host name). */
    static InetAddress parse(String s) {
        byte[] v4 = parseIpv4(s);
        try {
            if (v4 != null) {
                return InetAddress.getByAddress(v4);
            }
            if (looksLikeIpv6(s)) {
                // With a ':' in it the JDK treats the string as an IPv6 literal and never queries DNS.
                return InetAddress.getByName(s);
            }
        } catch (UnknownHostException invalidLiteral) {
            return null;
        }
        return null;
    }

    private static byte[] parseIpv4(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        byte[] out = new byte[4];
        for (int i = 0; i < 4; i++) {
            String p = parts[i];
            if (p.isEmpty() || p.length() > 3) {
                return null;
            }
            int v = 0;
            for (int j = 0; j < p.length(); j++) {
                char c = p.charAt(j);
                if (c < '0' || c > '9') {
                    return null;
                }
                v = v * 10 + (c - '0');
            }
            if (v > 255) {
                return null;
            }
            out[i] = (byte) v;
        }
        return out;
    }

    private static boolean looksLikeIpv6(String s) {
        if (s.indexOf(':') < 0) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
            // No '%': a zone id names a local interface, meaningless in a remote candidate.
            if (!hex && c != ':' && c != '.') {
                return false;
            }
        }
        return true;
    }
}
