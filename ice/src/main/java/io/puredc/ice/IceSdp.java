package io.puredc.ice;

import java.util.ArrayList;
import java.util.List;

/**
 * Text form of the ICE SDP attributes: {@code a=candidate} (RFC 8839 §5.1), {@code a=ice-ufrag} and
 * {@code a=ice-pwd} (RFC 8839 §5.4), {@code a=ice-options} (RFC 8839 §5.6), {@code a=end-of-candidates}
 * (RFC 8840 §8.2). Pure functions; parsing refuses anything the grammar does not allow with a
 * {@link CandidateParseException} naming the problem.
 */
public final class IceSdp {
    public static final String END_OF_CANDIDATES = "a=end-of-candidates";
    /** RFC 8840 §4.1: tells the peer that we accept trickled candidates. */
    public static final String TRICKLE = "trickle";

    private static final String CANDIDATE = "candidate:";

    private IceSdp() {
    }

    /**
     * Parses {@code a=candidate:...}, or {@code candidate:...} as trickle signalling carries it.
     * Trailing CR/LF are ignored; every other deviation from RFC 8839 §5.1 is an error.
     */
    public static IceCandidate parseCandidate(String line) throws CandidateParseException {
        if (line == null) {
            throw new CandidateParseException("candidate line is null");
        }
        String s = stripLineEnd(line);
        if (s.startsWith("a=")) {
            s = s.substring(2);
        }
        if (!s.regionMatches(true, 0, CANDIDATE, 0, CANDIDATE.length())) {
            throw new CandidateParseException("not a candidate attribute (expected 'candidate:'): " + abbreviate(line));
        }
        String[] f = s.substring(CANDIDATE.length()).split(" ", -1);
        for (int i = 0; i < f.length; i++) {
            if (f[i].isEmpty()) {
                throw new CandidateParseException("empty field " + (i + 1) + " (fields are separated by exactly one SP): "
                        + abbreviate(line));
            }
        }
        if (f.length < 8) {
            throw new CandidateParseException("too few fields (" + f.length + "; need foundation component transport"
                    + " priority address port typ type): " + abbreviate(line));
        }
        String foundation = f[0];
        if (!IceCandidate.Grammar.isIceChars(foundation, 1, 32)) {
            throw new CandidateParseException("foundation must be 1-32 ice-chars: '" + foundation + "'");
        }
        int component = (int) digits(f[1], 3, "component-id");
        if (component < 1 || component > 256) {
            throw new CandidateParseException("component-id out of 1..256: " + component);
        }
        String transport = f[2];
        if (!IceCandidate.Grammar.isToken(transport)) {
            throw new CandidateParseException("transport is not a token: '" + transport + "'");
        }
        long priority = digits(f[3], 10, "priority");
        if (priority < 1 || priority > 0x7fff_ffffL) {
            throw new CandidateParseException("priority out of 1..2^31-1: " + priority);
        }
        String address = address(f[4], "connection-address");
        int port = port(f[5], "port");
        if (!f[6].equalsIgnoreCase("typ")) {
            throw new CandidateParseException("expected 'typ' after the port, found '" + f[6] + "'");
        }
        String type = f[7];
        if (!IceCandidate.Grammar.isToken(type)) {
            throw new CandidateParseException("candidate type is not a token: '" + type + "'");
        }
        int i = 8;
        String relAddr = null;
        int relPort = -1;
        if (i < f.length && f[i].equalsIgnoreCase("raddr")) {
            relAddr = address(valueAfter(f, i), "raddr");
            i += 2;
        }
        if (i < f.length && f[i].equalsIgnoreCase("rport")) {
            relPort = port(valueAfter(f, i), "rport");
            i += 2;
        }
        List<IceCandidate.Extension> extensions = new ArrayList<>();
        for (; i < f.length; i += 2) {
            String name = f[i];
            if (name.equalsIgnoreCase("raddr") || name.equalsIgnoreCase("rport")) {
                throw new CandidateParseException(name + " must come right after the candidate type (RFC 8839 §5.1)");
            }
            if (!IceCandidate.Grammar.isToken(name)) {
                throw new CandidateParseException("extension name is not a token: '" + name + "'");
            }
            String value = valueAfter(f, i);
            if (!IceCandidate.Grammar.isVchars(value)) {
                throw new CandidateParseException("extension '" + name + "' value is not VCHARs");
            }
            extensions.add(new IceCandidate.Extension(name, value));
        }
        return new IceCandidate(foundation, component, transport, priority, address, port, type,
                relAddr, relPort, extensions);
    }

    /** The attribute value {@code candidate:...} (prefix {@code a=} for an SDP line). */
    public static String formatCandidate(IceCandidate c) {
        StringBuilder b = new StringBuilder(96).append(CANDIDATE)
                .append(c.foundation()).append(' ').append(c.component()).append(' ')
                .append(c.transport()).append(' ').append(c.priority()).append(' ')
                .append(c.address()).append(' ').append(c.port()).append(" typ ").append(c.type());
        if (c.relatedAddress() != null) {
            b.append(" raddr ").append(c.relatedAddress());
        }
        if (c.relatedPort() >= 0) {
            b.append(" rport ").append(c.relatedPort());
        }
        for (IceCandidate.Extension e : c.extensions()) {
            b.append(' ').append(e.name()).append(' ').append(e.value());
        }
        return b.toString();
    }

    /** {@code a=candidate:...}. */
    public static String candidateLine(IceCandidate c) {
        return "a=" + formatCandidate(c);
    }

    /** {@code a=ice-ufrag:} line; RFC 8839 §5.4: ufrag = 4*256ice-char. */
    public static String ufragLine(String ufrag) {
        if (!IceCandidate.Grammar.isIceChars(ufrag, 4, 256)) {
            throw new IllegalArgumentException("ice-ufrag must be 4-256 ice-chars");
        }
        return "a=ice-ufrag:" + ufrag;
    }

    /** {@code a=ice-pwd:} line; RFC 8839 §5.4: password = 22*256ice-char. */
    public static String pwdLine(String pwd) {
        if (!IceCandidate.Grammar.isIceChars(pwd, 22, 256)) {
            throw new IllegalArgumentException("ice-pwd must be 22-256 ice-chars");
        }
        return "a=ice-pwd:" + pwd;
    }

    /** {@code a=ice-options:} line; RFC 8839 §5.6: ice-option-tag *(SP ice-option-tag), tag = 1*ice-char. */
    public static String optionsLine(List<String> options) {
        if (options.isEmpty()) {
            throw new IllegalArgumentException("ice-options needs at least one tag");
        }
        for (String o : options) {
            if (!IceCandidate.Grammar.isIceChars(o, 1, Integer.MAX_VALUE)) {
                throw new IllegalArgumentException("ice-option tag must be 1*ice-char: '" + o + "'");
            }
        }
        return "a=ice-options:" + String.join(" ", options);
    }

    /** The value of {@code a=ice-ufrag:}, checked against RFC 8839 §5.4. */
    public static String parseUfrag(String line) throws CandidateParseException {
        String v = valueOf(line, "ice-ufrag:");
        if (!IceCandidate.Grammar.isIceChars(v, 4, 256)) {
            throw new CandidateParseException("ice-ufrag must be 4-256 ice-chars (RFC 8839 §5.4), got "
                    + v.length() + " chars: '" + abbreviate(v) + "'");
        }
        return v;
    }

    /** The value of {@code a=ice-pwd:}, checked against RFC 8839 §5.4. */
    public static String parsePwd(String line) throws CandidateParseException {
        String v = valueOf(line, "ice-pwd:");
        if (!IceCandidate.Grammar.isIceChars(v, 22, 256)) {
            throw new CandidateParseException("ice-pwd must be 22-256 ice-chars (RFC 8839 §5.4), got "
                    + v.length() + " chars");
        }
        return v;
    }

    /** The tags of {@code a=ice-options:}, RFC 8839 §5.6. */
    public static List<String> parseOptions(String line) throws CandidateParseException {
        String v = valueOf(line, "ice-options:");
        List<String> tags = List.of(v.split(" ", -1));
        for (String t : tags) {
            if (!IceCandidate.Grammar.isIceChars(t, 1, Integer.MAX_VALUE)) {
                throw new CandidateParseException("ice-option tag must be 1*ice-char: '" + abbreviate(t) + "'");
            }
        }
        return tags;
    }

    /** True for {@code a=end-of-candidates} (RFC 8840 §8.2), with or without {@code a=}. */
    public static boolean isEndOfCandidates(String line) {
        String s = stripLineEnd(line);
        return s.equals(END_OF_CANDIDATES) || s.equals(END_OF_CANDIDATES.substring(2));
    }

    private static String valueOf(String line, String attribute) throws CandidateParseException {
        if (line == null) {
            throw new CandidateParseException(attribute + " line is null");
        }
        String s = stripLineEnd(line);
        if (s.startsWith("a=")) {
            s = s.substring(2);
        }
        if (!s.startsWith(attribute)) {
            throw new CandidateParseException("expected '" + attribute + "': " + abbreviate(line));
        }
        return s.substring(attribute.length());
    }

    private static String valueAfter(String[] f, int i) throws CandidateParseException {
        if (i + 1 >= f.length) {
            throw new CandidateParseException("'" + f[i] + "' has no value");
        }
        return f[i + 1];
    }

    private static long digits(String s, int maxDigits, String what) throws CandidateParseException {
        if (s.length() > maxDigits) {
            throw new CandidateParseException(what + " has more than " + maxDigits + " digits: '" + abbreviate(s) + "'");
        }
        long v = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                throw new CandidateParseException(what + " is not a decimal number: '" + s + "'");
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static int port(String s, String what) throws CandidateParseException {
        long p = digits(s, 5, what);
        if (p > 65535) {
            throw new CandidateParseException(what + " out of 0..65535: " + p);
        }
        return (int) p;
    }

    private static String address(String s, String what) throws CandidateParseException {
        if (!IceCandidate.Grammar.isAddress(s)) {
            throw new CandidateParseException(what + " is not an IP address or host name: '" + abbreviate(s) + "'");
        }
        return s;
    }

    private static String stripLineEnd(String s) {
        int end = s.length();
        while (end > 0 && (s.charAt(end - 1) == '\n' || s.charAt(end - 1) == '\r')) {
            end--;
        }
        return s.substring(0, end);
    }

    /** Error messages quote peer input; keep a hostile megabyte line out of the logs. */
    private static String abbreviate(String s) {
        return s.length() <= 120 ? s : s.substring(0, 120) + "...";
    }
}
