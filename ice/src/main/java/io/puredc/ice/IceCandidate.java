package io.puredc.ice;

import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;

/**
 * One ICE candidate as carried in SDP, RFC 8839 §5.1:
 * <pre>
 * candidate-attribute = "candidate" ":" foundation SP component-id SP transport SP priority SP
 *                       connection-address SP port SP cand-type [SP rel-addr] [SP rel-port]
 *                       *(SP cand-extension)
 * foundation = 1*32ice-char      component-id = 1*3DIGIT      priority = 1*10DIGIT
 * cand-type  = "typ" SP ("host" / "srflx" / "prflx" / "relay" / token)
 * rel-addr   = "raddr" SP connection-address    rel-port = "rport" SP port
 * cand-extension = extension-att-name SP extension-att-value   (token SP 1*VCHAR)
 * </pre>
 * {@code address} is kept as text because it may be an FQDN or an mDNS name ({@code *.local});
 * turning it into an {@link java.net.InetAddress} is the agent's decision (it never resolves names).
 * {@code relatedAddress} is null and {@code relatedPort} is -1 when absent.
 *
 * @param extensions in line order; {@code generation}, {@code ufrag}, {@code network-id},
 *                   {@code tcptype}... are all extensions in RFC 8839's grammar.
 */
public record IceCandidate(
        String foundation,
        int component,
        String transport,
        long priority,
        String address,
        int port,
        String type,
        String relatedAddress,
        int relatedPort,
        List<Extension> extensions) {

    public static final String HOST = "host";
    public static final String SRFLX = "srflx";
    public static final String PRFLX = "prflx";
    public static final String RELAY = "relay";

    /** A {@code name value} pair after the fixed fields. */
    public record Extension(String name, String value) {
        public Extension {
            if (!Grammar.isToken(name)) {
                throw new IllegalArgumentException("extension name is not an RFC 3261 token: " + name);
            }
            if (name.equalsIgnoreCase("raddr") || name.equalsIgnoreCase("rport")) {
                // They have fixed positions in the grammar; as extensions they would re-parse differently.
                throw new IllegalArgumentException(name + " is not an extension (RFC 8839 §5.1 fixes its position)");
            }
            if (!Grammar.isVchars(value)) {
                throw new IllegalArgumentException("extension value must be 1*VCHAR: '" + value + "'");
            }
        }
    }

    public IceCandidate {
        if (!Grammar.isIceChars(foundation, 1, 32)) {
            throw new IllegalArgumentException("foundation must be 1-32 ice-chars: '" + foundation + "'");
        }
        // RFC 8445 §5.1.2.1 and RFC 8839 §5.1 (1*3DIGIT): components are numbered 1..256.
        if (component < 1 || component > 256) {
            throw new IllegalArgumentException("component-id out of 1..256: " + component);
        }
        if (!Grammar.isToken(transport)) {
            throw new IllegalArgumentException("transport is not a token: '" + transport + "'");
        }
        // RFC 8445 §5.1.2.1: a priority is a positive integer between 1 and 2^31 - 1.
        if (priority < 1 || priority > 0x7fff_ffffL) {
            throw new IllegalArgumentException("priority out of 1..2^31-1: " + priority);
        }
        if (!Grammar.isAddress(address)) {
            throw new IllegalArgumentException("connection-address is empty or has illegal characters: '" + address + "'");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of 0..65535: " + port);
        }
        if (!Grammar.isToken(type)) {
            throw new IllegalArgumentException("candidate type is not a token: '" + type + "'");
        }
        if (relatedAddress != null && !Grammar.isAddress(relatedAddress)) {
            throw new IllegalArgumentException("raddr has illegal characters: '" + relatedAddress + "'");
        }
        if (relatedPort < -1 || relatedPort > 65535) {
            throw new IllegalArgumentException("rport out of 0..65535: " + relatedPort);
        }
        extensions = List.copyOf(extensions);
        // Literal strings in ABNF are case-insensitive; one spelling keeps equals() meaningful.
        type = type.toLowerCase(Locale.ROOT);
        transport = transport.toLowerCase(Locale.ROOT);
    }

    /** A host/srflx/relay candidate for component 1 over UDP without extensions. */
    public static IceCandidate udp(String foundation, long priority, String address, int port, String type,
                                   String relatedAddress, int relatedPort) {
        return new IceCandidate(foundation, 1, "udp", priority, address, port, type,
                relatedAddress, relatedPort, List.of());
    }

    public boolean isUdp() {
        return transport.equals("udp");
    }

    /** An mDNS name as browsers use to hide host addresses (RFC 6762 names end in {@code .local}). */
    public boolean isMdnsName() {
        String a = address.endsWith(".") ? address.substring(0, address.length() - 1) : address;
        return a.toLowerCase(Locale.ROOT).endsWith(".local");
    }

    /** The {@code generation} extension (a Google convention, not in RFC 8839), if present. */
    public OptionalInt generation() {
        for (Extension e : extensions) {
            if (e.name().equals("generation")) {
                try {
                    return OptionalInt.of(Integer.parseInt(e.value()));
                } catch (NumberFormatException notANumber) {
                    return OptionalInt.empty();
                }
            }
        }
        return OptionalInt.empty();
    }

    /** The value of a {@code candidate:} attribute, without {@code a=}: what trickle JSON carries. */
    @Override
    public String toString() {
        return IceSdp.formatCandidate(this);
    }

    /** Package-private character classes of RFC 8839 §5.1 and RFC 3261 §25.1. */
    static final class Grammar {
        private Grammar() {
        }

        static boolean isIceChar(char c) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '+' || c == '/';
        }

        static boolean isIceChars(String s, int min, int max) {
            if (s == null || s.length() < min || s.length() > max) {
                return false;
            }
            for (int i = 0; i < s.length(); i++) {
                if (!isIceChar(s.charAt(i))) {
                    return false;
                }
            }
            return true;
        }

        static boolean isToken(String s) {
            if (s == null || s.isEmpty()) {
                return false;
            }
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                boolean alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
                if (!alnum && "-.!%*_+`'~".indexOf(c) < 0) {
                    return false;
                }
            }
            return true;
        }

        static boolean isVchars(String s) {
            if (s == null || s.isEmpty()) {
                return false;
            }
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c < 0x21 || c > 0x7e) {
                    return false;
                }
            }
            return true;
        }

        /** IPv4, IPv6 or an FQDN per RFC 4566's connection-address: letters, digits, '.', '-', ':'. */
        static boolean isAddress(String s) {
            if (s == null || s.isEmpty() || s.length() > 255) {
                return false;
            }
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                boolean alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
                if (!alnum && c != '.' && c != '-' && c != ':' && c != '_') {
                    return false;
                }
            }
            return true;
        }
    }
}
