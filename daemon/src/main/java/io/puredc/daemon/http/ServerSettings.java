package io.puredc.daemon.http;

import java.util.List;
import javax.net.ssl.SSLContext;
import java.util.Map;

/**
 * What the HTTP side needs besides the relay.
 *
 * @param maxStreamMillis an SSE response is ended after this long (the contract's "at most 25 s";
 *                        tests make it short)
 * @param iceServers      the RTCConfiguration iceServers entries for {@code GET /api/ice-servers}
 * @param sweepMillis     how often idle sessions and gone daemons are looked for
 * @param tls             HTTPS for every connection, or null for plain HTTP
 */
public record ServerSettings(long maxStreamMillis, List<Map<String, Object>> iceServers, long sweepMillis,
                             SSLContext tls) {
    public static final long MAX_STREAM_MILLIS = 25_000;

    public ServerSettings {
        if (maxStreamMillis <= 0 || maxStreamMillis > MAX_STREAM_MILLIS) {
            throw new IllegalArgumentException("maxStreamMillis must be in 1.." + MAX_STREAM_MILLIS);
        }
        if (sweepMillis <= 0) {
            throw new IllegalArgumentException("sweepMillis must be positive");
        }
        iceServers = List.copyOf(iceServers);
    }

    public static ServerSettings defaults(List<Map<String, Object>> iceServers) {
        return new ServerSettings(MAX_STREAM_MILLIS, iceServers, 1_000, null);
    }

    public ServerSettings withMaxStreamMillis(long millis) {
        return new ServerSettings(millis, iceServers, sweepMillis, tls);
    }

    public ServerSettings withTls(SSLContext context) {
        return new ServerSettings(maxStreamMillis, iceServers, sweepMillis, context);
    }
}
