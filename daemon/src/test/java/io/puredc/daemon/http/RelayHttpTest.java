package io.puredc.daemon.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.puredc.daemon.files.RootDirectory;
import io.puredc.daemon.relay.Relay;
import io.puredc.daemon.testing.Http;
import io.puredc.daemon.testing.Http.SseEvent;
import io.puredc.daemon.testing.MutableClock;
import io.puredc.daemon.testing.RelayServerFixture;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The embedded relay's API of PROTOCOL.md §2 over real HTTP on 127.0.0.1. */
@Timeout(30)
class RelayHttpTest {
    static final long SHORT_STREAM_MILLIS = 300;

    @TempDir
    Path tmp;
    Path outside;
    RelayServerFixture fx;
    Http http;

    @BeforeEach
    void start() throws IOException {
        Path root = Files.createDirectories(tmp.resolve("root"));
        outside = Files.createDirectories(tmp.resolve("outside"));
        Files.write(root.resolve("movie.mp4"), new byte[1234]);
        Files.createDirectories(root.resolve("shows/s1"));
        Files.write(root.resolve("shows/s1/e1.mkv"), new byte[56]);
        Files.write(outside.resolve("secret.txt"), new byte[1]);
        Files.createSymbolicLink(root.resolve("escape.txt"), outside.resolve("secret.txt"));
        MutableClock clock = new MutableClock();
        List<Map<String, Object>> ice = List.of(Map.of("urls", "stun:stun.example.org:3478"));
        fx = new RelayServerFixture(Relay.embedded(RootDirectory.open(root), clock), clock, SHORT_STREAM_MILLIS, ice);
        http = fx.http;
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    record Sess(String id, String token) {
        String signal(String dirParam) {
            return "/api/sessions/" + id + "/signal?" + dirParam;
        }
    }

    Sess create(String path) {
        Http.Response r = http.post("/api/sessions", "{\"path\":\"" + path + "\",\"quality\":\"720p\"}");
        assertEquals(201, r.status(), r.body());
        assertTrue(r.body().startsWith("{\"sessionId\":\""), r.body());
        return new Sess(r.json().get("sessionId").asText(), r.json().get("token").asText());
    }

    static String msg(String type, String payload) {
        return "{\"type\":\"" + type + "\",\"payload\":" + Http.JSON.valueToTree(payload) + "}";
    }

    @Test
    void listsTheRootRecursivelyWithSizes() {
        Http.Response r = http.get("/api/files");
        assertEquals(200, r.status());
        assertTrue(r.headers().firstValue("content-type").orElse("").startsWith("application/json"));
        assertEquals("{\"files\":[{\"path\":\"movie.mp4\",\"size\":1234},{\"path\":\"shows/s1/e1.mkv\",\"size\":56}]}",
                r.body());
    }

    @Test
    void createsSessionsWithUnguessableIdsAndTokens() {
        Sess a = create("movie.mp4");
        Sess b = create("shows/s1/e1.mkv");
        for (String s : List.of(a.id, a.token, b.id, b.token)) {
            assertTrue(Base64.getUrlDecoder().decode(s).length >= 16, s);
        }
        assertFalse(a.id.equals(b.id) || a.token.equals(b.token));
        assertTrue(fx.relay.hasSession(a.id) && fx.relay.hasSession(b.id));
    }

    @Test
    void sessionCreationRefusesUnknownAndOutsidePathsAndMalformedBodies() {
        assertEquals(404, http.post("/api/sessions", "{\"path\":\"nope.mp4\"}").status());
        assertEquals(404, http.post("/api/sessions", "{\"path\":\"shows\"}").status());
        String abs = outside.resolve("secret.txt").toString();
        for (String outsidePath : List.of("../outside/secret.txt", abs, "escape.txt", "movie.mp4\\u0000x")) {
            assertEquals(400, http.post("/api/sessions", "{\"path\":\"" + outsidePath + "\"}").status(), outsidePath);
        }
        for (String bad : List.of("", "not json", "[]", "{}", "{\"path\":7}", "{\"path\":\"movie.mp4\",\"quality\":1}",
                "{\"path\":\"movie.mp4\"} trailing", "{\"path\":\"movie.mp4\",\"path\":\"x\"}")) {
            assertEquals(400, http.post("/api/sessions", bad).status(), bad);
        }
        assertEquals(405, http.get("/api/sessions").status());
        assertEquals(0, fx.relay.sessionCount());
        assertEquals(15, fx.server.refusals().total());
    }

    @Test
    void messagesReachTheOtherSideInOrderWithPerDirectionIdsAndTheResponseEndsByItself() {
        Sess s = create("movie.mp4");
        List<String> toDaemon = new ArrayList<>();
        List<String> toBrowser = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String b = msg(i == 0 ? "offer" : "candidate", "b" + i);
            String d = msg(i == 0 ? "answer" : "candidate", "d" + i);
            assertEquals(204, http.post(s.signal("from=browser"), s.token, b).status());
            assertEquals(204, http.post(s.signal("from=daemon"), s.token, d).status());
            toDaemon.add(b);
            toBrowser.add(d);
        }
        try (Http.Sse sse = http.stream(s.signal("to=daemon"), s.token, null)) {
            assertEquals(200, sse.status);
            assertTrue(sse.contentType.startsWith("text/event-stream"), sse.contentType);
            assertEquals(numbered(toDaemon, 1), sse.drain()); // drain() returns only once the server cut the response
        }
        try (Http.Sse sse = http.stream(s.signal("to=browser"), s.token, null)) {
            assertEquals(numbered(toBrowser, 1), sse.drain());
        }
    }

    static List<SseEvent> numbered(List<String> data, long firstId) {
        List<SseEvent> out = new ArrayList<>();
        for (int i = 0; i < data.size(); i++) {
            out.add(new SseEvent(firstId + i, data.get(i)));
        }
        return out;
    }

    @Test
    void messagesAreNormalisedToOneCompactLine() {
        Sess s = create("movie.mp4");
        String pretty = "{\n  \"type\" : \"offer\",\n  \"payload\" : \"{\\\"type\\\":\\\"offer\\\",\\\"sdp\\\":\\\"v=0\\\\r\\\\n\\\"}\"\n}";
        assertEquals(204, http.post(s.signal("from=browser"), s.token, pretty).status());
        try (Http.Sse sse = http.stream(s.signal("to=daemon"), s.token, null)) {
            SseEvent e = sse.next();
            assertEquals(1, e.id());
            assertEquals(msg("offer", "{\"type\":\"offer\",\"sdp\":\"v=0\\r\\n\"}"), e.data());
        }
    }

    @Test
    void malformedMessagesAreRefusedAndChangeNothing() {
        Sess s = create("movie.mp4");
        assertEquals(204, http.post(s.signal("from=browser"), s.token, msg("offer", "o")).status());
        List<String> bad = List.of("", "nope", "[]", "{}", "{\"type\":\"offer\"}", "{\"payload\":\"x\"}",
                "{\"type\":\"hello\",\"payload\":\"x\"}", "{\"type\":\"offer\",\"payload\":{}}",
                "{\"type\":\"offer\",\"payload\":1}", "{\"type\":\"bye\",\"payload\":null}",
                "{\"type\":\"bye\",\"payload\":\"\",\"extra\":1}", "{\"type\":\"OFFER\",\"payload\":\"\"}");
        for (String b : bad) {
            assertEquals(400, http.post(s.signal("from=browser"), s.token, b).status(), b);
        }
        for (String q : List.of("", "from=", "from=server", "from=browser&from=daemon", "to=daemon")) {
            String path = "/api/sessions/" + s.id + "/signal" + (q.isEmpty() ? "" : "?" + q);
            assertEquals(400, http.post(path, s.token, msg("bye", "")).status(), q);
        }
        assertEquals(400, http.stream(s.signal("to=nobody"), s.token, null).status);
        assertEquals(413, http.post(s.signal("from=browser"), s.token, msg("offer", "x".repeat(70_000))).status());
        assertEquals(204, http.post(s.signal("from=browser"), s.token, msg("bye", "")).status());
        try (Http.Sse sse = http.stream(s.signal("to=daemon"), s.token, null)) {
            assertEquals(List.of(new SseEvent(1, msg("offer", "o")), new SseEvent(2, msg("bye", ""))), sse.drain());
        }
        try (Http.Sse sse = http.stream(s.signal("to=browser"), s.token, null)) {
            assertEquals(List.of(), sse.drain());
        }
        assertEquals(bad.size() + 5 + 1, fx.server.refusals().count(400));
    }

    @Test
    void wrongOrMissingTokensGet401AndUnknownSessions404WithoutTouchingAnySession() {
        Sess a = create("movie.mp4");
        Sess b = create("movie.mp4");
        String m = msg("offer", "x");
        assertEquals(401, http.send(http.request(a.signal("from=browser"))
                .POST(HttpRequest.BodyPublishers.ofString(m)).build()).status());
        assertEquals(401, http.post(a.signal("from=browser"), "wrong", m).status());
        assertEquals(401, http.post(a.signal("from=browser"), b.token, m).status());
        assertEquals(401, http.send(http.request(a.signal("from=browser")).header("Authorization", "Basic " + a.token)
                .POST(HttpRequest.BodyPublishers.ofString(m)).build()).status());
        assertEquals(401, http.stream(a.signal("to=daemon"), null, null).status);
        assertEquals(401, http.stream(a.signal("to=daemon"), b.token, null).status);
        assertEquals(404, http.post("/api/sessions/nosuchsession/signal?from=browser", a.token, m).status());
        assertEquals(404, http.stream("/api/sessions/nosuchsession/signal?to=daemon", a.token, null).status);
        assertEquals(404, http.get("/api/sessions/" + a.id).status());
        assertEquals(6, fx.server.refusals().count(401));
        for (Sess s : List.of(a, b)) {
            for (String dir : List.of("to=daemon", "to=browser")) {
                try (Http.Sse sse = http.stream(s.signal(dir), s.token, null)) {
                    assertEquals(List.of(), sse.drain(), "no message may have been queued");
                }
            }
        }
    }

    @Test
    void twoSessionsNeverSeeEachOthersMessages() {
        Sess a = create("movie.mp4");
        Sess b = create("movie.mp4");
        assertEquals(204, http.post(a.signal("from=browser"), a.token, msg("offer", "for a")).status());
        assertEquals(204, http.post(b.signal("from=browser"), b.token, msg("offer", "for b")).status());
        try (Http.Sse sse = http.stream(a.signal("to=daemon"), a.token, null)) {
            assertEquals(List.of(new SseEvent(1, msg("offer", "for a"))), sse.drain());
        }
        try (Http.Sse sse = http.stream(b.signal("to=daemon"), b.token, null)) {
            assertEquals(List.of(new SseEvent(1, msg("offer", "for b"))), sse.drain());
        }
    }

    @Test
    void iceServersAndThePageAndUnknownRoutes() {
        Http.Response ice = http.get("/api/ice-servers");
        assertEquals(200, ice.status());
        assertEquals("{\"iceServers\":[{\"urls\":\"stun:stun.example.org:3478\"}]}", ice.body());
        Http.Response page = http.get("/");
        assertEquals(200, page.status());
        assertTrue(page.headers().firstValue("content-type").orElse("").startsWith("text/html"));
        // The scripts in the order they depend on each other: the codec and signalling before the app.
        assertTrue(page.body().contains("<script src=\"/wire.js\"></script>\n<script src=\"/signalling.js\"></script>\n"
                + "<script src=\"/app.js\"></script>"), page.body());
        assertEquals(404, http.get("/api/nothing").status());
        assertEquals(404, http.get("/api/daemons/x/events").status(), "daemons register only with a relay alone");
        assertEquals(404, http.post("/api/daemons", "{\"files\":[]}").status());
        Http.Response wrongMethod = http.post("/api/files", "{}");
        assertEquals(405, wrongMethod.status());
        assertEquals("GET", wrongMethod.headers().firstValue("allow").orElse(""));
    }

    @Test
    void thePageFilesAreServedWithTheirTypesAndRevalidatedAndNothingElseIs() throws IOException {
        Map<String, String> files = Map.of(
                "/", "text/html; charset=utf-8",
                "/index.html", "text/html; charset=utf-8",
                "/app.js", "text/javascript; charset=utf-8",
                "/wire.js", "text/javascript; charset=utf-8",
                "/signalling.js", "text/javascript; charset=utf-8",
                "/sw.js", "text/javascript; charset=utf-8");
        for (Map.Entry<String, String> f : files.entrySet()) {
            Http.Response r = http.get(f.getKey());
            assertEquals(200, r.status(), f.getKey());
            assertEquals(f.getValue(), r.headers().firstValue("content-type").orElse(""), f.getKey());
            assertEquals("no-cache", r.headers().firstValue("cache-control").orElse(""), f.getKey());
            String name = f.getKey().equals("/") ? "/index.html" : f.getKey();
            try (var in = HttpServer.class.getResourceAsStream("/io/puredc/daemon/page" + name)) {
                assertEquals(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8), r.body(), name);
            }
        }
        for (String missing : List.of("/favicon.ico", "/main.js", "/page/app.js", "/io/puredc/daemon/page/app.js",
                "/app.js/", "/media/x/y.mp4", "/App.js", "/signaling.js", "/page/signalling.js")) {
            assertEquals(404, http.get(missing).status(), missing);
        }
        Http.Response post = http.post("/sw.js", "{}");
        assertEquals(405, post.status());
        assertEquals("GET", post.headers().firstValue("allow").orElse(""));
        // The API keeps its own caching rule.
        assertEquals("no-store", http.get("/api/files").headers().firstValue("cache-control").orElse(""));
    }

    @Test
    void aBodyOverTheLimitIs413AndTheServerGoesOn() {
        Http.Response r = http.post("/api/sessions", "x".repeat(HttpServer.MAX_BODY_BYTES + 1));
        assertEquals(413, r.status());
        assertEquals(1, fx.server.refusals().count(413));
        assertEquals(200, http.get("/api/files").status());
    }

    @Test
    void garbageOnTheSocketGets400AndTheServerGoesOn() throws IOException {
        try (java.net.Socket sock = new java.net.Socket("127.0.0.1", fx.server.address().getPort())) {
            sock.setSoTimeout(5_000);
            sock.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\nBroken header line\r\n\r\n".getBytes());
            String reply = new String(sock.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII);
            assertTrue(reply.startsWith("HTTP/1.1 400 "), reply);
        }
        assertEquals(1, fx.server.refusals().count(400));
        assertEquals(200, http.get("/api/files").status());
    }

    @Test
    void brokenPercentEscapesAre400NotAServerError() throws IOException {
        for (String target : List.of("/api/files%zz", "/api/sessions/x/signal?to=%zz", "/%")) {
            try (java.net.Socket sock = new java.net.Socket("127.0.0.1", fx.server.address().getPort())) {
                sock.setSoTimeout(5_000);
                sock.getOutputStream().write(("GET " + target + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                        .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                String reply = new String(sock.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII);
                assertTrue(reply.startsWith("HTTP/1.1 400 "), target + ": " + reply);
            }
        }
        assertEquals(3, fx.server.refusals().count(400));
        assertEquals(0, fx.server.refusals().count(500));
    }

    @Test
    void filesJsonIsWellFormedForTheClient() {
        JsonNode files = http.get("/api/files").json().get("files");
        assertEquals(2, files.size());
        assertEquals("shows/s1/e1.mkv", files.get(1).get("path").asText());
    }
}
