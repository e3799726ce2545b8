package io.puredc.daemon.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.puredc.daemon.files.RootDirectory;
import io.puredc.daemon.relay.Relay;
import io.puredc.daemon.testing.Http;
import io.puredc.daemon.testing.Http.SseEvent;
import io.puredc.daemon.testing.MutableClock;
import io.puredc.daemon.testing.RelayServerFixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Live delivery, Last-Event-ID resume, the response cut and idle expiry, over real HTTP. */
@Timeout(60)
class SignalStreamTest {
    /**
     * Bounded waits for the server to notice a connection open or close poll every 10 ms up to
     * 20 s: usually milliseconds, but 5 s could pass on a loaded machine, and they return as soon
     * as the condition holds.
     */
    static final int POLLS = 2_000;

    @TempDir
    Path tmp;
    RelayServerFixture fx;
    Http http;

    void start(long maxStreamMillis) throws IOException {
        Path root = Files.createDirectories(tmp.resolve("root"));
        Files.write(root.resolve("movie.mp4"), new byte[10]);
        MutableClock clock = new MutableClock();
        fx = new RelayServerFixture(Relay.embedded(RootDirectory.open(root), clock), clock, maxStreamMillis, List.of());
        http = fx.http;
    }

    @AfterEach
    void stop() {
        if (fx != null) {
            fx.close();
        }
    }

    String[] create() {
        Http.Response r = http.post("/api/sessions", "{\"path\":\"movie.mp4\"}");
        assertEquals(201, r.status());
        return new String[] {r.json().get("sessionId").asText(), r.json().get("token").asText()};
    }

    static String msg(int i) {
        return "{\"type\":\"candidate\",\"payload\":\"c" + i + "\"}";
    }

    static String signal(String id, String dir) {
        return "/api/sessions/" + id + "/signal?" + dir;
    }

    @Test
    void anOpenStreamReceivesMessagesPostedAfterItOpened() throws Exception {
        start(10_000);
        String[] s = create();
        try (Http.Sse sse = http.stream(signal(s[0], "to=browser"), s[1], null)) {
            CompletableFuture<List<SseEvent>> got = CompletableFuture.supplyAsync(() -> sse.take(5));
            for (int i = 1; i <= 5; i++) {
                assertEquals(204, http.post(signal(s[0], "from=daemon"), s[1], msg(i)).status());
            }
            List<SseEvent> events = got.get(20, TimeUnit.SECONDS);
            List<SseEvent> expected = new ArrayList<>();
            for (int i = 1; i <= 5; i++) {
                expected.add(new SseEvent(i, msg(i)));
            }
            assertEquals(expected, events);
        }
    }

    @Test
    void theServerEndsTheResponseAfterTheConfiguredCut() throws Exception {
        start(200);
        String[] s = create();
        try (Http.Sse sse = http.stream(signal(s[0], "to=daemon"), s[1], null)) {
            // With no message, next() returns only because the server ended the response; the
            // class timeout fails the test if it never does.
            assertNull(sse.next());
        }
        assertTrue(fx.relay.hasSession(s[0]));
    }

    @Test
    void resumingWithLastEventIdDeliversExactlyTheMessagesAfterIt() throws Exception {
        start(300);
        String[] s = create();
        for (int i = 1; i <= 5; i++) {
            assertEquals(204, http.post(signal(s[0], "from=browser"), s[1], msg(i)).status());
        }
        try (Http.Sse sse = http.stream(signal(s[0], "to=daemon"), s[1], null)) {
            assertEquals(List.of(new SseEvent(1, msg(1)), new SseEvent(2, msg(2))), sse.take(2));
        } // the client leaves after event 2
        for (int i = 6; i <= 8; i++) {
            assertEquals(204, http.post(signal(s[0], "from=browser"), s[1], msg(i)).status());
        }
        try (Http.Sse sse = http.stream(signal(s[0], "to=daemon"), s[1], 2L)) {
            List<SseEvent> expected = new ArrayList<>();
            for (int i = 3; i <= 8; i++) {
                expected.add(new SseEvent(i, msg(i)));
            }
            assertEquals(expected, sse.drain());
        }
        try (Http.Sse sse = http.stream(signal(s[0], "to=daemon"), s[1], 8L)) {
            assertEquals(200, sse.status);
            assertEquals(List.of(), sse.drain());
        }
        assertEquals(400, http.stream(signal(s[0], "to=daemon"), s[1], 9L).status, "an id never sent");
        assertEquals(400, http.send(http.request(signal(s[0], "to=daemon")).header("Authorization", "Bearer " + s[1])
                .header("Last-Event-ID", "two").GET().build()).status());
    }

    /**
     * A writer posts while a reader keeps dropping its connection after a random number of
     * events and resuming from the last id it saw: every message arrives exactly once, in order.
     */
    @Test
    void forcedReconnectionsLoseAndRepeatNothing() throws Exception {
        start(400);
        String[] s = create();
        int total = 200;
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            for (int i = 1; i <= total; i++) {
                assertEquals(204, http.post(signal(s[0], "from=daemon"), s[1], msg(i)).status());
            }
        });
        Random random = new Random(42);
        List<SseEvent> received = new ArrayList<>();
        int connections = 0;
        while (received.size() < total && connections < 2_000) {
            connections++;
            Long last = received.isEmpty() ? null : received.get(received.size() - 1).id();
            try (Http.Sse sse = http.stream(signal(s[0], "to=browser"), s[1], last)) {
                received.addAll(sse.take(1 + random.nextInt(15)));
            }
        }
        writer.get(30, TimeUnit.SECONDS);
        List<SseEvent> expected = new ArrayList<>();
        for (int i = 1; i <= total; i++) {
            expected.add(new SseEvent(i, msg(i)));
        }
        assertEquals(expected, received);
        assertTrue(connections > 10, "the reader must really have reconnected: " + connections);
    }

    @Test
    void aSessionIdleFor60SecondsIsRemovedAndLaterCallsGet404() throws Exception {
        start(300);
        String[] s = create();
        fx.clock.advance(Duration.ofSeconds(59));
        assertEquals(0, fx.relay.expireIdle());
        assertEquals(204, http.post(signal(s[0], "from=browser"), s[1], msg(1)).status()); // activity
        fx.clock.advance(Duration.ofSeconds(59));
        assertEquals(0, fx.relay.expireIdle(), "the message restarted the idle count");
        fx.clock.advance(Duration.ofSeconds(1));
        assertEquals(1, fx.relay.expireIdle());
        assertFalse(fx.relay.hasSession(s[0]));
        assertEquals(404, http.post(signal(s[0], "from=browser"), s[1], msg(2)).status());
        assertEquals(404, http.stream(signal(s[0], "to=daemon"), s[1], null).status);
    }

    @Test
    void refusedCallsDoNotCountAsActivity() throws Exception {
        start(300);
        String[] s = create();
        fx.clock.advance(Duration.ofSeconds(30));
        assertEquals(401, http.post(signal(s[0], "from=browser"), "wrong", msg(1)).status());
        assertEquals(400, http.post(signal(s[0], "from=browser"), s[1], "{}").status());
        fx.clock.advance(Duration.ofSeconds(30));
        assertEquals(1, fx.relay.expireIdle());
    }

    @Test
    void anOpenStreamOrAnOpenChannelKeepsASessionAlive() throws Exception {
        start(20_000);
        String[] s = create();
        try (Http.Sse sse = http.stream(signal(s[0], "to=daemon"), s[1], null)) {
            fx.clock.advance(Duration.ofMinutes(5));
            assertEquals(0, fx.relay.expireIdle());
            assertEquals(204, http.post(signal(s[0], "from=browser"), s[1], msg(1)).status());
            assertEquals(new SseEvent(1, msg(1)), sse.next()); // the stream is still open and live
        }
        // The server notices the closed connection asynchronously; expiry must wait for it.
        waitUntilNoStreams(s);
        fx.clock.advance(Duration.ofSeconds(59));
        assertEquals(0, fx.relay.expireIdle(), "the idle count starts when the stream ends");
        fx.relay.channelOpened(s[0]);
        fx.clock.advance(Duration.ofMinutes(5));
        assertEquals(0, fx.relay.expireIdle());
        fx.relay.channelClosed(s[0]);
        fx.clock.advance(Duration.ofSeconds(60));
        assertEquals(1, fx.relay.expireIdle());
    }

    /** Polls (bounded) until the server has seen the client leave; no timing is asserted. */
    private void waitUntilNoStreams(String[] s) throws InterruptedException {
        for (int i = 0; i < POLLS && fx.relay.openStreams(s[0]) > 0; i++) {
            Thread.sleep(10);
        }
        assertEquals(0, fx.relay.openStreams(s[0]));
    }

    @Test
    void closingTheServerEndsOpenStreams() throws Exception {
        start(20_000);
        String[] s = create();
        try (Http.Sse sse = http.stream(signal(s[0], "to=daemon"), s[1], null)) {
            CompletableFuture<SseEvent> next = CompletableFuture.supplyAsync(sse::next);
            fx.server.close();
            try {
                assertNull(next.get(10, TimeUnit.SECONDS));
            } catch (java.util.concurrent.ExecutionException e) {
                // the connection may be reset instead of ended cleanly: either way the stream is over
                assertTrue(e.getCause() instanceof java.io.UncheckedIOException, e.toString());
            }
        }
    }

    @Test
    void aSessionHasAtMostEightOpenStreams() throws Exception {
        start(20_000);
        String[] s = create();
        List<Http.Sse> open = new ArrayList<>();
        try {
            for (int i = 0; i < Relay.MAX_STREAMS; i++) {
                Http.Sse sse = http.stream(signal(s[0], i % 2 == 0 ? "to=daemon" : "to=browser"), s[1], null);
                open.add(sse);
                assertEquals(200, sse.status);
            }
            assertEquals(429, http.stream(signal(s[0], "to=daemon"), s[1], null).status);
            open.remove(0).close();
            for (int i = 0; i < POLLS && fx.relay.openStreams(s[0]) >= Relay.MAX_STREAMS; i++) {
                Thread.sleep(10); // bounded wait for the server to see the client leave
            }
            Http.Sse again = http.stream(signal(s[0], "to=daemon"), s[1], null);
            open.add(again);
            assertEquals(200, again.status);
        } finally {
            open.forEach(Http.Sse::close);
        }
    }

    /**
     * A client that opens a stream and never reads must not make the server buffer every message:
     * the server ends that response, and a resumed stream still gets every message.
     */
    @Test
    void aClientThatStopsReadingHasItsStreamEndedAndLosesNothing() throws Exception {
        start(20_000);
        String[] s = create();
        try (java.net.Socket stalled = new java.net.Socket()) {
            stalled.setReceiveBufferSize(4096);
            stalled.connect(fx.server.address());
            stalled.getOutputStream().write(("GET " + signal(s[0], "to=daemon") + " HTTP/1.1\r\nHost: x\r\n"
                    + "Authorization: Bearer " + s[1] + "\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            for (int i = 0; i < POLLS && fx.relay.openStreams(s[0]) == 0; i++) {
                Thread.sleep(10); // bounded wait until the stream is open on the server
            }
            assertEquals(1, fx.relay.openStreams(s[0]));
            String big = "x".repeat(60_000);
            int sent = 0;
            while (fx.relay.openStreams(s[0]) > 0 && sent < 300) {
                sent++;
                assertEquals(204, http.post(signal(s[0], "from=browser"), s[1],
                        "{\"type\":\"candidate\",\"payload\":\"" + sent + big + "\"}").status());
            }
            for (int i = 0; i < POLLS && fx.relay.openStreams(s[0]) > 0; i++) {
                Thread.sleep(10);
            }
            assertEquals(0, fx.relay.openStreams(s[0]), "the stalled stream was ended after " + sent + " messages");
            final int total = sent;
            try (Http.Sse sse = http.stream(signal(s[0], "to=daemon"), s[1], null)) {
                List<SseEvent> got = sse.take(total);
                assertEquals(total, got.size());
                for (int i = 0; i < total; i++) {
                    assertEquals(i + 1, got.get(i).id());
                    assertTrue(got.get(i).data().contains("\"" + (i + 1) + "xxx"), "message " + (i + 1));
                }
            }
        }
    }
}
