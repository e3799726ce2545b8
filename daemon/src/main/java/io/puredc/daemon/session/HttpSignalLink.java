package io.puredc.daemon.session;

import com.fasterxml.jackson.databind.JsonNode;
import io.puredc.daemon.client.SseReader;
import io.puredc.daemon.relay.Json;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signalling with an external relay over HTTP (PROTOCOL.md §2). One thread follows
 * {@code GET .../signal?to=daemon}, resuming with {@code Last-Event-ID} after the relay's 25 s cut
 * and with back-off after errors; another posts our messages one at a time, in order (an answer
 * must reach the browser before our candidates), so a slow relay delays signalling but never
 * blocks the peer connection's thread.
 */
final class HttpSignalLink implements SignalLink {
    private static final Logger LOG = LoggerFactory.getLogger(HttpSignalLink.class);
    private static final Duration MIN_BACKOFF = Duration.ofMillis(250);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);
    /** The relay ends a stream within 25 s; one silent for longer than this is dead. */
    private static final Duration STREAM_LIMIT = Duration.ofSeconds(35);
    private static final int POST_ATTEMPTS = 4;

    private final HttpClient http;
    private final URI signalUri;
    private final String token;
    private final String sessionId;
    private final Executor executor;
    private final ExecutorService poster;
    private Thread follower;
    private volatile InputStream current;
    /** The last event handed over; only the follower thread touches it. */
    private long lastId;
    private volatile boolean closed;

    HttpSignalLink(HttpClient http, URI relay, String sessionId, String token, Executor executor) {
        this.http = http;
        this.signalUri = relay.resolve("api/sessions/" + sessionId + "/signal");
        this.sessionId = sessionId;
        this.token = token;
        this.executor = executor;
        this.poster = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "signal-post-" + sessionId.substring(0, Math.min(8, sessionId.length())));
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public void start(Receiver receiver) {
        follower = new Thread(() -> follow(receiver), "signal-follow-" + sessionId.substring(0, Math.min(8, sessionId.length())));
        follower.setDaemon(true);
        follower.start();
    }

    private void follow(Receiver receiver) {
        Duration backoff = MIN_BACKOFF;
        while (!closed) {
            try {
                HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(signalUri + "?to=daemon"))
                        .timeout(Duration.ofSeconds(10)) // the response head only
                        .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream").GET();
                if (lastId > 0) {
                    b.header("Last-Event-ID", Long.toString(lastId));
                }
                HttpResponse<InputStream> r = http.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
                try (InputStream in = r.body()) {
                    if (r.statusCode() == 404 || r.statusCode() == 401) {
                        executor.execute(() -> receiver.ended("the relay no longer knows the session ("
                                + r.statusCode() + ")"));
                        return;
                    }
                    if (r.statusCode() != 200) {
                        throw new IOException("relay answered " + r.statusCode());
                    }
                    current = in;
                    Thread watchdog = watchdog(in);
                    try {
                        SseReader.read(in, lastId, (id, data) -> {
                            dispatch(data, receiver);
                            lastId = id; // per event: a cut half-way resumes after the last one handled
                        });
                    } finally {
                        watchdog.interrupt();
                    }
                    backoff = MIN_BACKOFF; // a normal cut: reconnect at once
                }
            } catch (IOException e) {
                if (closed) {
                    return;
                }
                LOG.warn("session {}: signalling stream: {}; retrying in {} ms", sessionId, e.toString(),
                        backoff.toMillis());
                sleep(backoff);
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            } catch (InterruptedException e) {
                return;
            } finally {
                current = null;
            }
        }
    }

    private Thread watchdog(InputStream in) {
        Thread t = new Thread(() -> {
            try {
                Thread.sleep(STREAM_LIMIT.toMillis());
                in.close(); // unblocks the reader; the loop resumes with Last-Event-ID
            } catch (InterruptedException | IOException e) {
                // the stream ended first
            }
        }, "signal-watchdog");
        t.setDaemon(true);
        t.start();
        return t;
    }

    private void dispatch(String data, Receiver receiver) {
        try {
            JsonNode m = Json.MAPPER.readTree(data);
            String type = m.path("type").asText();
            String payload = m.path("payload").asText();
            executor.execute(() -> receiver.message(type, payload));
        } catch (IOException e) {
            LOG.warn("session {}: unreadable signalling message: {}", sessionId, e.getMessage());
        }
    }

    @Override
    public void send(String type, String payload) {
        if (closed) {
            return;
        }
        String body = Json.write(Map.of("type", type, "payload", payload));
        poster.execute(() -> post(type, body));
    }

    private void post(String type, String body) {
        Duration backoff = MIN_BACKOFF;
        for (int attempt = 1; attempt <= POST_ATTEMPTS && !closed; attempt++) {
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(signalUri + "?from=daemon"))
                        .timeout(Duration.ofSeconds(10))
                        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 204) {
                    return;
                }
                if (r.statusCode() < 500) {
                    LOG.warn("session {}: the relay refused our {} ({})", sessionId, type, r.statusCode());
                    return; // 4xx will not change on a retry
                }
            } catch (IOException e) {
                LOG.debug("session {}: posting {}: {}", sessionId, type, e.toString());
            } catch (InterruptedException e) {
                return;
            }
            sleep(backoff);
            backoff = backoff.multipliedBy(2);
        }
        if (!closed) {
            LOG.warn("session {}: could not deliver our {} to the relay", sessionId, type);
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closed = true;
        InputStream in = current;
        if (in != null) {
            try {
                in.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
        if (follower != null) {
            follower.interrupt();
        }
        poster.shutdown(); // a bye already queued still goes out
        try {
            poster.awaitTermination(500, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        poster.shutdownNow();
    }
}
