package io.puredc.daemon.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.puredc.daemon.relay.Relay;
import io.puredc.daemon.testing.Http;
import io.puredc.daemon.testing.Http.SseEvent;
import io.puredc.daemon.testing.MutableClock;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The relay alone ("daemons elsewhere" in PROTOCOL.md §2) over real HTTP on 127.0.0.1. */
@Timeout(30)
class RelayAloneHttpTest {
    static final String KEY = "relay-key-for-tests";
    RelayServerFixture fx;
    Http http;

    @BeforeEach
    void start() throws IOException {
        MutableClock clock = new MutableClock();
        fx = new RelayServerFixture(Relay.alone(KEY, clock), clock, 300, List.of());
        http = fx.http;
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    void restartWithLongStreams() throws IOException {
        fx.close();
        MutableClock clock = new MutableClock();
        fx = new RelayServerFixture(Relay.alone(KEY, clock), clock, 20_000, List.of());
        http = fx.http;
    }

    record Daemon(String id, String token) {
        String path(String tail) {
            return "/api/daemons/" + id + tail;
        }
    }

    Daemon register(String filesJson) {
        Http.Response r = http.post("/api/daemons", KEY, "{\"files\":" + filesJson + "}");
        assertEquals(201, r.status(), r.body());
        return new Daemon(r.json().get("daemonId").asText(), r.json().get("token").asText());
    }

    @Test
    void registrationNeedsTheRelayKeyAndAWellFormedFileList() {
        assertEquals(401, http.post("/api/daemons", "{\"files\":[]}").status());
        assertEquals(401, http.post("/api/daemons", "not-the-key", "{\"files\":[]}").status());
        for (String bad : List.of("", "{}", "{\"files\":{}}", "{\"files\":[1]}", "{\"files\":[{\"path\":\"a\"}]}",
                "{\"files\":[{\"path\":\"a\",\"size\":-1}]}", "{\"files\":[{\"path\":\"a\",\"size\":\"3\"}]}",
                "{\"files\":[{\"path\":\"../a\",\"size\":1}]}", "{\"files\":[{\"path\":\"/etc/passwd\",\"size\":1}]}",
                "{\"files\":[{\"path\":\"a\",\"size\":1},{\"path\":\"a\",\"size\":2}]}")) {
            assertEquals(400, http.post("/api/daemons", KEY, bad).status(), bad);
        }
        assertEquals("{\"files\":[]}", http.get("/api/files").body(), "no refused call registered anything");
        Daemon d = register("[{\"path\":\"a.mp4\",\"size\":3}]");
        assertTrue(fx.relay.hasDaemon(d.id));
    }

    @Test
    void filesAreListedWithTheirDaemonAndSessionsNameTheDaemon() {
        Daemon a = register("[{\"path\":\"a.mp4\",\"size\":3}]");
        Daemon b = register("[{\"path\":\"b.mkv\",\"size\":4},{\"path\":\"dir/c.webm\",\"size\":5}]");
        JsonNode files = http.get("/api/files").json().get("files");
        assertEquals(3, files.size());
        assertEquals(a.id, files.get(0).get("daemonId").asText());
        assertEquals("a.mp4", files.get(0).get("path").asText());
        assertEquals(3, files.get(0).get("size").asLong());
        assertEquals(b.id, files.get(2).get("daemonId").asText());
        assertEquals("dir/c.webm", files.get(2).get("path").asText());

        assertEquals(201, http.post("/api/sessions", "{\"path\":\"b.mkv\",\"daemonId\":\"" + b.id + "\"}").status());
        assertEquals(400, http.post("/api/sessions", "{\"path\":\"b.mkv\"}").status(), "two daemons: which one?");
        assertEquals(404, http.post("/api/sessions", "{\"path\":\"b.mkv\",\"daemonId\":\"" + a.id + "\"}").status());
        assertEquals(404, http.post("/api/sessions", "{\"path\":\"b.mkv\",\"daemonId\":\"nobody\"}").status());
        assertEquals(400, http.post("/api/sessions", "{\"path\":\"../b.mkv\",\"daemonId\":\"" + b.id + "\"}").status());
        assertEquals(1, fx.relay.sessionCount());
    }

    @Test
    void anOpenEventsStreamGetsEachNewSessionLiveAndTheDaemonSignalsWithItsToken() throws Exception {
        restartWithLongStreams(); // the stream must still be open when the browser's POST comes
        Daemon a = register("[{\"path\":\"a.mp4\",\"size\":3}]");
        try (Http.Sse eventsA = http.stream(a.path("/events"), a.token, null)) {
            assertEquals(200, eventsA.status);
            CompletableFuture<SseEvent> first = CompletableFuture.supplyAsync(eventsA::next);
            Http.Response created = http.post("/api/sessions",
                    "{\"path\":\"a.mp4\",\"quality\":\"720p\",\"daemonId\":\"" + a.id + "\"}");
            assertEquals(201, created.status());
            String sessionId = created.json().get("sessionId").asText();
            String token = created.json().get("token").asText();
            SseEvent e = first.get(10, TimeUnit.SECONDS);
            assertEquals(1, e.id());
            assertEquals("{\"type\":\"session\",\"sessionId\":\"" + sessionId + "\",\"token\":\"" + token
                    + "\",\"path\":\"a.mp4\",\"quality\":\"720p\"}", e.data());

            // The daemon answers on the session with the token from its event; the browser reads it.
            String answer = "{\"type\":\"answer\",\"payload\":\"sdp\"}";
            assertEquals(204, http.post("/api/sessions/" + sessionId + "/signal?from=daemon", token, answer).status());
            try (Http.Sse browser = http.stream("/api/sessions/" + sessionId + "/signal?to=browser", token, null)) {
                assertEquals(new SseEvent(1, answer), browser.next());
            }
        }
    }

    @Test
    void sessionEventsGoToTheNamedDaemonOnly() {
        Daemon a = register("[{\"path\":\"a.mp4\",\"size\":3}]");
        Daemon b = register("[{\"path\":\"b.mkv\",\"size\":4}]");
        assertEquals(201, http.post("/api/sessions", "{\"path\":\"a.mp4\",\"daemonId\":\"" + a.id + "\"}").status());
        try (Http.Sse eventsA = http.stream(a.path("/events"), a.token, null)) {
            List<SseEvent> got = eventsA.drain();
            assertEquals(1, got.size());
            assertTrue(got.get(0).data().contains("\"path\":\"a.mp4\""));
        }
        try (Http.Sse eventsB = http.stream(b.path("/events"), b.token, null)) {
            assertEquals(List.of(), eventsB.drain(), "b must not see a's session");
        }
    }

    @Test
    void daemonEventsResumeWithLastEventId() {
        Daemon a = register("[{\"path\":\"a.mp4\",\"size\":3}]");
        String[] sessionIds = new String[4];
        for (int i = 0; i < 4; i++) {
            Http.Response r = http.post("/api/sessions", "{\"path\":\"a.mp4\"}"); // one daemon: naming it is optional
            assertEquals(201, r.status());
            sessionIds[i] = r.json().get("sessionId").asText();
        }
        try (Http.Sse sse = http.stream(a.path("/events"), a.token, null)) {
            assertEquals(2, sse.take(2).size());
        }
        try (Http.Sse sse = http.stream(a.path("/events"), a.token, 2L)) {
            List<SseEvent> rest = sse.drain();
            assertEquals(List.of(3L, 4L), rest.stream().map(SseEvent::id).toList());
            assertTrue(rest.get(0).data().contains(sessionIds[2]) && rest.get(1).data().contains(sessionIds[3]));
            assertTrue(rest.get(0).data().contains("\"quality\":null"));
        }
        assertEquals(400, http.stream(a.path("/events"), a.token, 5L).status);
    }

    @Test
    void daemonCallsCheckTheDaemonToken() {
        Daemon a = register("[{\"path\":\"a.mp4\",\"size\":3}]");
        Daemon b = register("[]");
        String files = "{\"files\":[{\"path\":\"new.mp4\",\"size\":9}]}";
        assertEquals(401, http.put(a.path("/files"), b.token, files).status());
        assertEquals(401, http.put(a.path("/files"), KEY, files).status());
        assertEquals(401, http.stream(a.path("/events"), null, null).status);
        assertEquals(404, http.put("/api/daemons/nobody/files", a.token, files).status());
        assertEquals(404, http.stream("/api/daemons/nobody/events", a.token, null).status);
        assertEquals(400, http.put(a.path("/files"), a.token, "{\"files\":[{\"path\":\"..\",\"size\":1}]}").status());
        assertTrue(http.get("/api/files").body().contains("a.mp4"), "refusals changed nothing");

        assertEquals(204, http.put(a.path("/files"), a.token, files).status());
        String listed = http.get("/api/files").body();
        assertTrue(listed.contains("new.mp4") && !listed.contains("a.mp4"), listed);
        assertEquals(404, http.post("/api/sessions", "{\"path\":\"a.mp4\",\"daemonId\":\"" + a.id + "\"}").status());
        assertEquals(201, http.post("/api/sessions", "{\"path\":\"new.mp4\",\"daemonId\":\"" + a.id + "\"}").status());
    }

    @Test
    void aDaemonWhoseEventsStreamIsGone60SecondsIsUnregisteredWithItsSessions() throws Exception {
        restartWithLongStreams(); // b's stream must stay open however slowly the test runs
        Daemon a = register("[{\"path\":\"a.mp4\",\"size\":3}]");
        Daemon b = register("[{\"path\":\"b.mp4\",\"size\":3}]");
        String session = http.post("/api/sessions", "{\"path\":\"a.mp4\",\"daemonId\":\"" + a.id + "\"}")
                .json().get("sessionId").asText();
        fx.clock.advance(Duration.ofSeconds(59));
        fx.relay.expireIdle();
        assertTrue(fx.relay.hasDaemon(a.id));
        Http.Sse bStream = http.stream(b.path("/events"), b.token, null); // b keeps its stream open
        try {
            fx.clock.advance(Duration.ofSeconds(1));
            fx.relay.expireIdle();
            assertFalse(fx.relay.hasDaemon(a.id));
            assertFalse(fx.relay.hasSession(session));
            assertEquals(404, http.put(a.path("/files"), a.token, "{\"files\":[]}").status());
            assertFalse(http.get("/api/files").body().contains(a.id));
            fx.clock.advance(Duration.ofMinutes(10));
            fx.relay.expireIdle();
            assertTrue(fx.relay.hasDaemon(b.id), "an open events stream keeps a daemon registered");
        } finally {
            bStream.close();
        }
        assertNotEquals(a.id, b.id);
    }
}
