package io.puredc.daemon.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One STUN or TURN server as given on the command line, and its RTCIceServer form for
 * {@code GET /api/ice-servers}. TURN credentials ride in the URL ({@code turn:user:pass@host:3478}),
 * because a browser refuses a TURN server without them and RFC 7065 URIs have no place for them.
 */
public record IceServer(String url, String username, String credential) {

    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("urls", url);
        if (username != null) {
            m.put("username", username);
            m.put("credential", credential);
        }
        return m;
    }

    /** {@code stun:host[:port]} or {@code stuns:host[:port]} (RFC 7064). */
    public static IceServer stun(String value) throws UsageException {
        String rest = stripScheme(value, "--stun", "stun:", "stuns:");
        if (rest.contains("@") || rest.contains("?")) {
            throw new UsageException("--stun " + value + ": a STUN URL is scheme:host[:port]");
        }
        checkHostPort(value, "--stun", rest);
        return new IceServer(value, null, null);
    }

    /** {@code turn:user:pass@host[:port][?transport=udp|tcp]} or {@code turns:...} (RFC 7065 plus credentials). */
    public static IceServer turn(String value) throws UsageException {
        String scheme = value.startsWith("turns:") ? "turns:" : "turn:";
        String rest = stripScheme(value, "--turn", "turn:", "turns:");
        int at = rest.lastIndexOf('@');
        int colon = at < 0 ? -1 : rest.indexOf(':');
        if (at < 0 || colon < 0 || colon > at || colon == 0 || colon == at - 1) {
            throw new UsageException("--turn " + value + ": expected turn:USER:PASSWORD@HOST[:PORT][?transport=udp|tcp]");
        }
        String user = rest.substring(0, colon);
        String pass = rest.substring(colon + 1, at);
        String server = rest.substring(at + 1);
        String hostPort = server;
        int q = server.indexOf('?');
        if (q >= 0) {
            String query = server.substring(q + 1);
            if (!query.equals("transport=udp") && !query.equals("transport=tcp")) {
                throw new UsageException("--turn " + value + ": the only query is ?transport=udp or ?transport=tcp");
            }
            hostPort = server.substring(0, q);
        }
        checkHostPort(value, "--turn", hostPort);
        return new IceServer(scheme + server, user, pass);
    }

    private static String stripScheme(String value, String flag, String... schemes) throws UsageException {
        for (String s : schemes) {
            if (value.startsWith(s)) {
                return value.substring(s.length());
            }
        }
        throw new UsageException(flag + " " + value + ": the URL must start with " + String.join(" or ", schemes));
    }

    private static void checkHostPort(String value, String flag, String hostPort) throws UsageException {
        try {
            URI u = new URI("x://" + hostPort); // borrow URI's host and port grammar
            if (u.getHost() == null || u.getPath() == null || !u.getPath().isEmpty() || u.getUserInfo() != null
                    || (u.getPort() != -1 && (u.getPort() < 1 || u.getPort() > 65535))) {
                throw new UsageException(flag + " " + value + ": bad host or port");
            }
        } catch (URISyntaxException e) {
            throw new UsageException(flag + " " + value + ": bad host or port");
        }
    }
}
