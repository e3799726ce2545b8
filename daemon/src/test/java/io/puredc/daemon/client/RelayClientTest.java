package io.puredc.daemon.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.puredc.daemon.files.RootDirectory;
import io.puredc.daemon.relay.Relay;
import io.puredc.daemon.relay.SessionListener;
import io.puredc.daemon.relay.SessionListener.SessionInfo;
import io.puredc.daemon.testing.MutableClock;
import io.puredc.daemon.testing.RelayServerFixture;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The daemon's client of a relay alone, against a real relay over HTTP on 127.0.0.1. */
@Timeout(60)
class RelayClientTest {
    static final String KEY = "k";
    static final RelayClient.Settings FAST = new RelayClient.Settings(
            Duration.ofMillis(20), Duration.ofMillis(200), Duration.ofDays(1), Duration.ofSeconds(5));

    @TempDir
    Path tmp;
    Path rootDir;
    RootDirectory root;
    final BlockingQueue<SessionInfo> sessions = new LinkedBlockingQueue<>();
    final SessionListener listener = new SessionListener() {
        @Override
        public void sessionCreated(SessionInfo session) {
            sessions.add(session);
        }

        @Override
        public void sessionRemoved(String sessionId) {
        }
    };
    final List<AutoCloseable> toClose = new ArrayList<>();

    @BeforeEach
    void files() throws Exception {
        rootDir = Files.createDirectories(tmp.resolve("root"));
        Files.write(rootDir.resolve("a.mp4"), new byte[11]);
        root = RootDirectory.open(rootDir);
    }

    @AfterEach
    void close() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
    }

    RelayServerFixture relay(long maxStreamMillis, int port) throws Exception {
        MutableClock clock = new MutableClock();
        RelayServerFixture fx = new RelayServerFixture(Relay.alone(KEY, clock), clock, maxStreamMillis, List.of(), port);
        toClose.add(fx);
        return fx;
    }

    RelayClient client(RelayServerFixture fx, RelayClient.Settings settings) throws Exception {
        RelayClient c = RelayClient.connect(URI.create(fx.base()), KEY, root, listener, settings);
        toClose.add(c);
        return c;
    }

    String browserCreates(RelayServerFixture fx, String path) {
        var r = fx.http.post("/api/sessions", "{\"path\":\"" + path + "\",\"quality\":\"480p\"}");
        assertEquals(201, r.status(), r.body());
        return r.json().get("sessionId").asText();
    }

    /** A bounded wait on a condition the client reaches asynchronously; nothing is asserted about time. */
    static void await(BooleanSupplier condition, String what) throws InterruptedException {
        for (int i = 0; i < 1_000 && !condition.getAsBoolean(); i++) {
            Thread.sleep(10);
        }
        assertTrue(condition.getAsBoolean(), what);
    }

    @Test
    void registersItsFilesAndHandsEachBrowserSessionToTheDaemonSide() throws Exception {
        RelayServerFixture fx = relay(20_000, 0);
        RelayClient c = client(fx, FAST);
        assertEquals("{\"files\":[{\"path\":\"a.mp4\",\"size\":11,\"daemonId\":\"" + c.daemonId() + "\"}]}",
                fx.http.get("/api/files").body());
        await(() -> c.connections() >= 1, "the events stream opens");
        String id = browserCreates(fx, "a.mp4");
        SessionInfo s = sessions.poll(10, TimeUnit.SECONDS);
        assertNotNull(s);
        assertEquals(id, s.sessionId());
        assertEquals("a.mp4", s.path());
        assertEquals("480p", s.quality());
        assertEquals(rootDir.resolve("a.mp4").toRealPath(), s.file());
        // The token handed over is the session's: the daemon side can signal with it.
        assertEquals(204, fx.http.post("/api/sessions/" + id + "/signal?from=daemon", s.token(),
                "{\"type\":\"answer\",\"payload\":\"x\"}").status());
    }

    @Test
    void resumesAcrossTheRelaysCutsWithoutLosingOrRepeatingASession() throws Exception {
        RelayServerFixture fx = relay(150, 0);
        RelayClient c = client(fx, FAST);
        List<String> created = new ArrayList<>();
        List<String> received = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            long before = c.connections();
            created.add(browserCreates(fx, "a.mp4"));
            SessionInfo s = sessions.poll(10, TimeUnit.SECONDS);
            assertNotNull(s);
            received.add(s.sessionId());
            await(() -> c.connections() > before + 1, "the client reconnected after the cut");
        }
        long before = c.connections();
        await(() -> c.connections() > before + 1, "one more reconnection, which would replay anything unacknowledged");
        assertNull(sessions.poll(), "no session was delivered twice");
        assertEquals(created, received);
    }

    @Test
    void registersAgainWhenTheRelayHasForgottenIt() throws Exception {
        RelayServerFixture first = relay(150, 0);
        int port = first.server.address().getPort();
        RelayClient c = client(first, FAST);
        String oldId = c.daemonId();
        first.close(); // the relay restarts: every registration is gone
        RelayServerFixture second = relay(150, port);
        await(() -> second.relay.hasDaemon(c.daemonId()), "registered with the new relay");
        assertNotEquals(oldId, c.daemonId());
        await(() -> c.connections() >= 2, "following the new relay's events");
        browserCreates(second, "a.mp4");
        assertNotNull(sessions.poll(10, TimeUnit.SECONDS));
    }

    @Test
    void sendsTheFileListAgainWhenTheRootChanges() throws Exception {
        RelayServerFixture fx = relay(100, 0);
        RelayClient c = client(fx, new RelayClient.Settings(
                Duration.ofMillis(20), Duration.ofMillis(200), Duration.ZERO, Duration.ofSeconds(5)));
        Files.write(rootDir.resolve("new.webm"), new byte[3]);
        await(() -> fx.http.get("/api/files").body().contains("\"new.webm\""), "the new file is listed");
        assertTrue(fx.relay.hasDaemon(c.daemonId()));
    }

    @Test
    void aSessionForAPathOutsideTheRootIsIgnoredEvenIfTheRelayAsks() throws Exception {
        RelayServerFixture fx = relay(20_000, 0);
        RelayClient c = client(fx, FAST);
        Files.write(tmp.resolve("secret"), new byte[1]);
        for (String path : List.of("../secret", "/etc/passwd", "missing.mp4", "a.mp4\\u0000")) {
            c.handleEvent("{\"type\":\"session\",\"sessionId\":\"s\",\"token\":\"t\",\"path\":\"" + path + "\"}");
        }
        c.handleEvent("not json");
        c.handleEvent("{\"type\":\"other\"}");
        assertNull(sessions.poll());
        c.handleEvent("{\"type\":\"session\",\"sessionId\":\"s\",\"token\":\"t\",\"path\":\"a.mp4\"}");
        assertEquals("s", sessions.poll().sessionId());
    }

    @Test
    void aWrongKeyOrAnUnreachableRelayFailsAtConnect() throws Exception {
        RelayServerFixture fx = relay(20_000, 0);
        RelayClient.RegistrationException wrongKey = assertThrows(RelayClient.RegistrationException.class,
                () -> RelayClient.connect(URI.create(fx.base()), "wrong", root, listener, FAST));
        assertTrue(wrongKey.keyRefused());
        int port = fx.server.address().getPort();
        fx.close();
        RelayClient.RegistrationException unreachable = assertThrows(RelayClient.RegistrationException.class,
                () -> RelayClient.connect(URI.create("http://127.0.0.1:" + port + "/"), KEY, root, listener, FAST));
        assertFalse(unreachable.keyRefused());
    }
}
