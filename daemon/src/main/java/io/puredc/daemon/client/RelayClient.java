package io.puredc.daemon.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.puredc.daemon.files.FileEntry;
import io.puredc.daemon.files.PathRefusedException;
import io.puredc.daemon.files.RootDirectory;
import io.puredc.daemon.relay.Json;
import io.puredc.daemon.relay.SessionListener;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A daemon's side of an external relay (PROTOCOL.md §2, "Relay alone"): registers the root's
 * files, follows the daemon's events stream with {@code Last-Event-ID} resume, reconnects with
 * back-off, registers again when the relay has forgotten it, and keeps the file list current.
 * One thread of its own; session hand-off to the listener never waits on the relay.
 */
public final class RelayClient implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RelayClient.class);
    /** The contract's longest events response. */
    static final Duration STREAM_LIMIT = Duration.ofSeconds(25);

    /** Timing knobs; tests shorten them. */
    public record Settings(Duration minBackoff, Duration maxBackoff, Duration rescanEvery, Duration requestTimeout) {
        public static final Settings DEFAULT =
                new Settings(Duration.ofMillis(500), Duration.ofSeconds(30), Duration.ofSeconds(30), Duration.ofSeconds(10));
    }

    /** The first registration failed: 401/403 means a wrong relay key, anything else an unreachable relay. */
    public static final class RegistrationException extends Exception {
        private final int status;

        RegistrationException(int status, String message) {
            super(message);
            this.status = status;
        }

        public boolean keyRefused() {
            return status == 401 || status == 403;
        }
    }

    private final URI base;
    private final String relayKey;
    private final RootDirectory root;
    private final SessionListener listener;
    private final Settings settings;
    private final HttpClient http;
    private final Thread loop;
    private final Object wake = new Object();
    private final AtomicLong connections = new AtomicLong();
    private volatile String daemonId;
    private volatile String token;
    private volatile boolean closed;
    private volatile InputStream current;
    private ScheduledFuture<?> watchdog;
    private final ScheduledExecutorService watchdogs = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "puredc-relay-watchdog");
        t.setDaemon(true);
        return t;
    });
    private List<FileEntry> sentFiles;
    private long lastEventId;
    private long lastScanNanos;

    private RelayClient(URI base, String relayKey, RootDirectory root, SessionListener listener, Settings settings) {
        this.base = base.toString().endsWith("/") ? base : URI.create(base + "/");
        this.relayKey = relayKey;
        this.root = root;
        this.listener = listener;
        this.settings = settings;
        this.http = HttpClient.newBuilder().connectTimeout(settings.requestTimeout())
                .version(HttpClient.Version.HTTP_1_1).build();
        this.loop = new Thread(this::run, "puredc-relay-client");
        this.loop.setDaemon(true);
    }

    /** Registers once (synchronously, so a wrong key or URL is reported at start), then follows events. */
    public static RelayClient connect(URI base, String relayKey, RootDirectory root, SessionListener listener,
                                      Settings settings) throws RegistrationException {
        RelayClient c = new RelayClient(base, relayKey, root, listener, settings);
        try {
            c.register();
        } catch (IOException e) {
            throw new RegistrationException(0, "cannot reach relay " + base + ": " + e);
        } catch (StatusException e) {
            throw new RegistrationException(e.status, "relay " + base + " refused registration with " + e.status);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistrationException(0, "interrupted");
        }
        c.loop.start();
        return c;
    }

    public String daemonId() {
        return daemonId;
    }

    /** How many times the events stream has been opened; tests wait on it instead of on time. */
    public long connections() {
        return connections.get();
    }

    private static final class StatusException extends Exception {
        final int status;

        StatusException(int status) {
            super("HTTP " + status);
            this.status = status;
        }
    }

    private void register() throws IOException, InterruptedException, StatusException {
        List<FileEntry> files = root.list();
        HttpResponse<String> r = http.send(json(HttpRequest.newBuilder(base.resolve("api/daemons")), relayKey)
                .POST(HttpRequest.BodyPublishers.ofString(filesBody(files))).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 201) {
            throw new StatusException(r.statusCode());
        }
        JsonNode body = Json.MAPPER.readTree(r.body());
        daemonId = body.path("daemonId").asText();
        token = body.path("token").asText();
        sentFiles = files;
        lastEventId = 0; // a new registration has a new events stream
        lastScanNanos = System.nanoTime();
        LOG.info("registered with relay {} as daemon {} ({} files)", base, daemonId, files.size());
    }

    private HttpRequest.Builder json(HttpRequest.Builder b, String bearer) {
        return b.timeout(settings.requestTimeout()).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + bearer);
    }

    private static String filesBody(List<FileEntry> files) {
        List<Map<String, Object>> list = files.stream().map(f -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("path", f.path());
            m.put("size", f.size());
            return m;
        }).toList();
        return Json.write(Map.of("files", list));
    }

    private void run() {
        Duration backoff = settings.minBackoff();
        while (!closed) {
            try {
                refreshFiles();
                int status = followEvents();
                if (status == 200) {
                    backoff = settings.minBackoff(); // a normal end (the relay's cut): reconnect at once
                    continue;
                }
                if (status == 404 || status == 401) {
                    LOG.warn("relay {} no longer knows daemon {}; registering again", base, daemonId);
                    register();
                    backoff = settings.minBackoff();
                    continue;
                }
                LOG.warn("relay {} answered {} for the events stream", base, status);
            } catch (IOException | StatusException e) {
                if (closed) {
                    break;
                }
                LOG.warn("relay {} unreachable: {}; retrying in {} ms", base, e.toString(), backoff.toMillis());
            } catch (InterruptedException e) {
                break;
            }
            pause(backoff);
            backoff = backoff.multipliedBy(2).compareTo(settings.maxBackoff()) > 0 ? settings.maxBackoff()
                    : backoff.multipliedBy(2);
        }
    }

    /** Rescans the root at most every {@code rescanEvery} and sends the list only when it changed. */
    private void refreshFiles() throws IOException, InterruptedException, StatusException {
        if (System.nanoTime() - lastScanNanos < settings.rescanEvery().toNanos()) {
            return;
        }
        lastScanNanos = System.nanoTime();
        List<FileEntry> files = root.list();
        if (files.equals(sentFiles)) {
            return;
        }
        HttpResponse<Void> r = http.send(json(HttpRequest.newBuilder(base.resolve("api/daemons/" + daemonId + "/files")),
                token).PUT(HttpRequest.BodyPublishers.ofString(filesBody(files))).build(),
                HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() == 204) {
            sentFiles = files;
            LOG.info("sent {} files to relay {}", files.size(), base);
        } else if (r.statusCode() != 404 && r.statusCode() != 401) { // 404/401: the events stream re-registers
            throw new StatusException(r.statusCode());
        }
    }

    /** One events response, read to its end; returns its status. */
    private int followEvents() throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve("api/daemons/" + daemonId + "/events"))
                .timeout(settings.requestTimeout()) // covers the response head only, not the stream
                .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream").GET();
        if (lastEventId > 0) {
            b.header("Last-Event-ID", Long.toString(lastEventId));
        }
        HttpResponse<InputStream> r = http.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream in = r.body()) {
            if (r.statusCode() != 200) {
                return r.statusCode();
            }
            current = in;
            if (closed) {
                return 200; // close() may have missed this stream
            }
            connections.incrementAndGet();
            // A relay ends every response within 25 s; one that stays silent longer is a dead
            // connection, so it is dropped and the stream resumed rather than waited on forever.
            watchdog = watchdogs.schedule(() -> closeQuietly(in),
                    STREAM_LIMIT.plus(settings.requestTimeout()).toMillis(), TimeUnit.MILLISECONDS);
            SseReader.read(in, lastEventId, (id, data) -> {
                handleEvent(data);
                lastEventId = id; // per event: a stream cut half-way resumes after the last one handled
            });
            return 200;
        } finally {
            current = null;
            if (watchdog != null) {
                watchdog.cancel(false);
            }
        }
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException e) {
            LOG.debug("closing the events stream: {}", e.toString());
        }
    }

    /**
     * One event from the relay. The relay is outside this process, so the path it names is checked
     * against the root again; a session for a path outside it is ignored.
     */
    void handleEvent(String data) {
        JsonNode e;
        try {
            e = Json.MAPPER.readTree(data);
        } catch (IOException ex) {
            LOG.warn("ignoring malformed event from relay: {}", ex.getMessage());
            return;
        }
        if (e == null || !"session".equals(e.path("type").asText())) {
            LOG.debug("ignoring event {}", data);
            return;
        }
        String sessionId = e.path("sessionId").asText(null);
        String sessionToken = e.path("token").asText(null);
        String path = e.path("path").asText(null);
        String quality = e.path("quality").isTextual() ? e.path("quality").asText() : null;
        if (sessionId == null || sessionToken == null || path == null) {
            LOG.warn("ignoring session event without sessionId, token or path");
            return;
        }
        Optional<Path> file;
        try {
            file = root.resolve(path);
        } catch (PathRefusedException ex) {
            LOG.warn("relay asked for {} outside the root ({}); ignored", path, ex.getMessage());
            return;
        }
        if (file.isEmpty()) {
            LOG.warn("relay asked for {}, which is not here; ignored", path);
            return;
        }
        listener.sessionCreated(new SessionListener.SessionInfo(sessionId, sessionToken, path, quality, file.get()));
    }

    private void pause(Duration d) {
        synchronized (wake) {
            if (!closed) {
                try {
                    wake.wait(Math.max(1, d.toMillis()));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    /** Stops following the relay; returns within about a second. */
    @Override
    public void close() {
        closed = true;
        synchronized (wake) {
            wake.notifyAll();
        }
        InputStream in = current;
        if (in != null) {
            closeQuietly(in); // unblocks the reader
        }
        loop.interrupt();
        watchdogs.shutdownNow();
        try {
            loop.join(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
