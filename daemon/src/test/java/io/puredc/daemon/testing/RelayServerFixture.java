package io.puredc.daemon.testing;

import io.puredc.daemon.http.HttpServer;
import io.puredc.daemon.http.ServerSettings;
import io.puredc.daemon.relay.Relay;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;

/** A relay behind a real HTTP server on 127.0.0.1 and an ephemeral port, with a hand-moved clock. */
public final class RelayServerFixture implements AutoCloseable {
    /** The idle sweep runs only when a test calls it, so expiry depends on the fake clock alone. */
    public static final long NO_SWEEP = 3_600_000;

    public final MutableClock clock;
    public final Relay relay;
    public final HttpServer server;
    public final Http http;

    public RelayServerFixture(Relay relay, MutableClock clock, long maxStreamMillis, List<Map<String, Object>> ice)
            throws IOException {
        this(relay, clock, maxStreamMillis, ice, 0);
    }

    /** {@code port} 0 picks a free port; a fixed one lets a test restart a relay where a client expects it. */
    public RelayServerFixture(Relay relay, MutableClock clock, long maxStreamMillis, List<Map<String, Object>> ice,
                              int port) throws IOException {
        this.clock = clock;
        this.relay = relay;
        this.server = HttpServer.start(relay, new ServerSettings(maxStreamMillis, ice, NO_SWEEP, null),
                new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        this.http = new Http("http://127.0.0.1:" + server.address().getPort());
    }

    public String base() {
        return "http://127.0.0.1:" + server.address().getPort() + "/";
    }

    @Override
    public void close() {
        server.close();
    }
}
