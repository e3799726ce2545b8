package io.puredc.daemon.relay;

import com.fasterxml.jackson.databind.JsonNode;
import io.puredc.daemon.files.FileEntry;
import io.puredc.daemon.files.PathRefusedException;
import io.puredc.daemon.files.RelativePaths;
import io.puredc.daemon.files.RootDirectory;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The signalling relay of PROTOCOL.md §2, without HTTP: sessions, their two message queues, and
 * (when it runs alone) the registered daemons. One lock guards everything; every operation is
 * short and never blocks, so contention is not a concern at signalling rates. A refused call
 * throws {@link RelayException} before it changes anything.
 */
public final class Relay implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Relay.class);

    public static final long IDLE_MILLIS = 60_000;
    /** Bounds that keep one client from filling the heap; beyond them the relay answers 503/429. */
    public static final int MAX_SESSIONS = 10_000;
    public static final int MAX_DAEMONS = 1_000;
    public static final int MAX_MESSAGES_PER_DIRECTION = 1_000;
    static final int MAX_QUALITY_LENGTH = 64;

    private final Clock clock;
    private final RootDirectory root;
    private final String relayKey;
    private final Map<String, Session> sessions = new HashMap<>();
    private final Map<String, RegisteredDaemon> daemons = new LinkedHashMap<>();
    private volatile SessionListener listener = SessionListener.NONE;
    private boolean closed;

    private Relay(Clock clock, RootDirectory root, String relayKey) {
        this.clock = clock;
        this.root = root;
        this.relayKey = relayKey;
    }

    /** The relay inside a daemon: its files are the root's, its one daemon is this process. */
    public static Relay embedded(RootDirectory root, Clock clock) {
        return new Relay(clock, root, null);
    }

    /** The relay alone: daemons register with {@code relayKey} and bring their file lists. */
    public static Relay alone(String relayKey, Clock clock) {
        if (relayKey == null || relayKey.isEmpty()) {
            throw new IllegalArgumentException("a relay alone needs a relay key");
        }
        return new Relay(clock, null, relayKey);
    }

    public boolean isAlone() {
        return root == null;
    }

    public void setListener(SessionListener listener) {
        this.listener = listener == null ? SessionListener.NONE : listener;
    }

    /** {@code GET /api/files}: path and size, plus daemonId when the relay runs alone. */
    public List<Map<String, Object>> files() {
        List<Map<String, Object>> out = new ArrayList<>();
        if (!isAlone()) {
            for (FileEntry f : root.list()) { // disk I/O stays outside the lock
                out.add(fileJson(f, null));
            }
            return out;
        }
        synchronized (this) {
            for (RegisteredDaemon d : daemons.values()) {
                for (FileEntry f : d.files) {
                    out.add(fileJson(f, d.id));
                }
            }
        }
        return out;
    }

    private static Map<String, Object> fileJson(FileEntry f, String daemonId) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("path", f.path());
        m.put("size", f.size());
        if (daemonId != null) {
            m.put("daemonId", daemonId);
        }
        return m;
    }

    /** The answer to {@code POST /api/sessions}. */
    public record Created(String sessionId, String token) {
    }

    /**
     * {@code POST /api/sessions} body {@code {"path", "quality"?, "daemonId"?}}: 400 for a malformed
     * body or a path outside the root, 404 for a path (or daemon) that is not there.
     */
    public Created createSession(byte[] body) throws RelayException {
        JsonNode req = Json.object(body);
        String path = optionalText(req, "path");
        String quality = optionalText(req, "quality");
        String daemonId = optionalText(req, "daemonId");
        if (path == null) {
            throw RelayException.badRequest("path is required");
        }
        if (quality != null && quality.length() > MAX_QUALITY_LENGTH) {
            throw RelayException.badRequest("quality too long");
        }
        Path file = null;
        try {
            if (isAlone()) {
                RelativePaths.check(path);
            } else {
                Optional<Path> resolved = root.resolve(path); // disk I/O outside the lock
                file = resolved.orElseThrow(() -> RelayException.notFound("no such file"));
            }
        } catch (PathRefusedException e) {
            throw RelayException.badRequest(e.getMessage());
        }
        Session s;
        synchronized (this) {
            checkOpen();
            if (sessions.size() >= MAX_SESSIONS) {
                throw new RelayException(503, "too many sessions");
            }
            RegisteredDaemon daemon = isAlone() ? daemonFor(daemonId, path) : null;
            s = new Session(Ids.newId(), Ids.newToken(), path, quality, daemon == null ? null : daemon.id,
                    clock.millis());
            sessions.put(s.id, s);
            if (daemon != null) {
                Map<String, Object> event = new LinkedHashMap<>();
                event.put("type", "session");
                event.put("sessionId", s.id);
                event.put("token", s.token);
                event.put("path", s.path);
                event.put("quality", s.quality);
                daemon.events.append(Json.write(event), s.id);
            }
        }
        LOG.info("session {} created for {}{}", s.id, path, s.daemonId == null ? "" : " on daemon " + s.daemonId);
        listener.sessionCreated(new SessionListener.SessionInfo(s.id, s.token, s.path, s.quality, file));
        return new Created(s.id, s.token);
    }

    private RegisteredDaemon daemonFor(String daemonId, String path) throws RelayException {
        RegisteredDaemon d;
        if (daemonId != null) {
            d = daemons.get(daemonId);
            if (d == null) {
                throw RelayException.notFound("no such daemon");
            }
        } else if (daemons.size() == 1) {
            d = daemons.values().iterator().next(); // one daemon: naming it is optional
        } else if (daemons.isEmpty()) {
            throw RelayException.notFound("no daemon is registered");
        } else {
            throw RelayException.badRequest("daemonId is required when several daemons are registered");
        }
        if (!d.serves(path)) {
            throw RelayException.notFound("no such file");
        }
        return d;
    }

    /** {@code POST /api/sessions/{id}/signal?from=...}: queues one message for the other side. */
    public synchronized void signal(String sessionId, String token, Direction from, byte[] body) throws RelayException {
        Session s = authorized(sessionId, token);
        String message = SignalMessage.normalize(body);
        EventLog log = s.log(from.other());
        if (log.size() >= MAX_MESSAGES_PER_DIRECTION) {
            throw new RelayException(429, "too many messages in this session");
        }
        log.append(message, null);
        s.lastActivityMillis = clock.millis();
    }

    /**
     * {@code GET /api/sessions/{id}/signal?to=...}: the messages after {@code lastEventId}, then
     * live ones through {@code sink} until the subscription is closed.
     */
    public synchronized Subscription openSignalStream(String sessionId, String token, Direction to,
                                                      long lastEventId, EventSink sink) throws RelayException {
        Session s = authorized(sessionId, token);
        EventLog log = s.log(to);
        checkResumePoint(lastEventId, log);
        List<Event> backlog = log.after(lastEventId);
        log.subscribe(sink);
        s.lastActivityMillis = clock.millis();
        return new Subscription(backlog, () -> {
            synchronized (Relay.this) {
                log.unsubscribe(sink);
                s.lastActivityMillis = clock.millis(); // the idle count starts when the stream ends
            }
        });
    }

    private static void checkResumePoint(long lastEventId, EventLog log) throws RelayException {
        if (lastEventId < 0 || lastEventId > log.lastId()) {
            throw RelayException.badRequest("Last-Event-ID " + lastEventId + " was never sent");
        }
    }

    /** The peer connection marks its data channel open, so an idle signalling side keeps the session. */
    public synchronized void channelOpened(String sessionId) {
        Session s = sessions.get(sessionId);
        if (s != null) {
            s.openChannels++;
        }
    }

    public synchronized void channelClosed(String sessionId) {
        Session s = sessions.get(sessionId);
        if (s != null && s.openChannels > 0) {
            s.openChannels--;
            s.lastActivityMillis = clock.millis();
        }
    }

    /** The answer to {@code POST /api/daemons}. */
    public record Registered(String daemonId, String token) {
    }

    /** {@code POST /api/daemons} with the relay key. */
    public synchronized Registered registerDaemon(String presentedKey, byte[] body) throws RelayException {
        requireAlone();
        if (!Ids.secretMatches(relayKey, presentedKey)) {
            throw RelayException.unauthorized();
        }
        List<FileEntry> files = FileLists.parse(body);
        checkOpen();
        if (daemons.size() >= MAX_DAEMONS) {
            throw new RelayException(503, "too many daemons");
        }
        RegisteredDaemon d = new RegisteredDaemon(Ids.newId(), Ids.newToken(), files, clock.millis());
        daemons.put(d.id, d);
        LOG.info("daemon {} registered with {} files", d.id, files.size());
        return new Registered(d.id, d.token);
    }

    /** {@code PUT /api/daemons/{id}/files}. */
    public synchronized void replaceFiles(String daemonId, String token, byte[] body) throws RelayException {
        RegisteredDaemon d = authorizedDaemon(daemonId, token);
        d.files = FileLists.parse(body);
    }

    /** {@code GET /api/daemons/{id}/events}: session events, resumable like the signal stream. */
    public synchronized Subscription openDaemonEvents(String daemonId, String token, long lastEventId,
                                                      EventSink sink) throws RelayException {
        RegisteredDaemon d = authorizedDaemon(daemonId, token);
        checkResumePoint(lastEventId, d.events);
        List<Event> backlog = d.events.after(lastEventId);
        d.events.subscribe(sink);
        d.lastStreamMillis = clock.millis();
        return new Subscription(backlog, () -> {
            synchronized (Relay.this) {
                d.events.unsubscribe(sink);
                d.lastStreamMillis = clock.millis();
            }
        });
    }

    /**
     * Removes sessions idle for {@link #IDLE_MILLIS} with no open stream or channel, and daemons
     * whose events stream has been gone that long (with their sessions). Returns how many
     * sessions went. Called periodically by the server and directly by tests.
     */
    public int expireIdle() {
        List<String> removed = new ArrayList<>();
        synchronized (this) {
            long now = clock.millis();
            daemons.values().removeIf(d -> {
                if (!d.gone(now, IDLE_MILLIS)) {
                    return false;
                }
                LOG.info("daemon {} unregistered: its events stream has been gone {} s", d.id, IDLE_MILLIS / 1000);
                d.events.endAll();
                return true;
            });
            sessions.values().removeIf(s -> {
                boolean orphan = s.daemonId != null && !daemons.containsKey(s.daemonId);
                if (!orphan && !s.idle(now, IDLE_MILLIS)) {
                    return false;
                }
                s.endStreams();
                RegisteredDaemon d = s.daemonId == null ? null : daemons.get(s.daemonId);
                if (d != null) {
                    d.events.forget(s.id); // a daemon resuming later gets no event for a session that is gone
                }
                removed.add(s.id);
                return true;
            });
        }
        for (String id : removed) {
            LOG.info("session {} removed (idle)", id);
            listener.sessionRemoved(id);
        }
        return removed.size();
    }

    public synchronized boolean hasSession(String sessionId) {
        return sessions.containsKey(sessionId);
    }

    /** Open event streams of a session (both directions); 0 for an unknown session. */
    public synchronized int openStreams(String sessionId) {
        Session s = sessions.get(sessionId);
        return s == null ? 0 : s.openStreams();
    }

    public synchronized int sessionCount() {
        return sessions.size();
    }

    public synchronized boolean hasDaemon(String daemonId) {
        return daemons.containsKey(daemonId);
    }

    /** Ends every open stream; later calls are refused with 503. */
    @Override
    public void close() {
        List<String> removed;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            removed = new ArrayList<>(sessions.keySet());
            sessions.values().forEach(Session::endStreams);
            daemons.values().forEach(d -> d.events.endAll());
            sessions.clear();
            daemons.clear();
        }
        removed.forEach(listener::sessionRemoved);
    }

    private void checkOpen() throws RelayException {
        if (closed) {
            throw new RelayException(503, "shutting down");
        }
    }

    private void requireAlone() throws RelayException {
        if (!isAlone()) {
            throw RelayException.notFound("daemons register only with a relay that runs alone");
        }
    }

    private Session authorized(String sessionId, String token) throws RelayException {
        Session s = sessions.get(sessionId);
        if (s == null) {
            throw RelayException.notFound("no such session");
        }
        if (!Ids.secretMatches(s.token, token)) {
            throw RelayException.unauthorized();
        }
        return s;
    }

    private RegisteredDaemon authorizedDaemon(String daemonId, String token) throws RelayException {
        requireAlone();
        RegisteredDaemon d = daemons.get(daemonId);
        if (d == null) {
            throw RelayException.notFound("no such daemon");
        }
        if (!Ids.secretMatches(d.token, token)) {
            throw RelayException.unauthorized();
        }
        return d;
    }

    private static String optionalText(JsonNode req, String field) throws RelayException {
        JsonNode v = req.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw RelayException.badRequest(field + " must be a string");
        }
        return v.textValue();
    }
}
