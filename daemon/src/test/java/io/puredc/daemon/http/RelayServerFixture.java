package io.puredc.daemon.http;

import io.puredc.daemon.relay.Relay;
import io.puredc.daemon.testing.Http;
import io.puredc.daemon.testing.MutableClock;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;

/** A relay behind a real HTTP server on 127.0.0.1 and an ephemeral port, with a hand-moved clock. */
final class RelayServerFixture implements AutoCloseable {
    /** The idle sweep runs only when a test calls it, so expiry depends on the fake clock alone. */
    static final long NO_SWEEP = 3_600_000;

    final MutableClock clock;
    final Relay relay;
    final HttpServer server;
    final Http http;

    RelayServerFixture(Relay relay, MutableClock clock, long maxStreamMillis, List<Map<String, Object>> ice)
            throws IOException {
        this.clock = clock;
        this.relay = relay;
        this.server = HttpServer.start(relay, new ServerSettings(maxStreamMillis, ice, NO_SWEEP),
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        this.http = new Http("http://127.0.0.1:" + server.address().getPort());
    }

    @Override
    public void close() {
        server.close();
    }
}
