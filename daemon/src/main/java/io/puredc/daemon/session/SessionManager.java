package io.puredc.daemon.session;

import io.puredc.daemon.relay.Relay;
import io.puredc.daemon.relay.SessionListener;
import io.puredc.peer.PeerConfig;
import io.puredc.transcode.Quality;
import io.puredc.transcode.Transcoder;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon side of every session: told by the relay (embedded, or the external relay's events
 * stream) about each new session, it starts a {@link StreamSession} that answers the browser's
 * offer and streams the file; on close it ends them all (each browser hears {@code bye}).
 */
public final class SessionManager implements SessionListener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SessionManager.class);
    /** Ctrl-C must exit within 2 s; this is the share the sessions get. */
    private static final Duration CLOSE_WAIT = Duration.ofMillis(1200);

    private interface LinkFactory {
        SignalLink open(SessionInfo info, SerialExecutor serial);
    }

    private final SessionContext ctx;
    private final LinkFactory links;
    private final Map<String, StreamSession> sessions = new ConcurrentHashMap<>();
    private volatile boolean closed;

    private SessionManager(PeerConfig peerConfig, Transcoder transcoder, Quality defaultQuality,
                           java.util.function.Function<SessionContext, LinkFactory> links,
                           SessionContext.ChannelHooks hooks) {
        AtomicInteger n = new AtomicInteger();
        ExecutorService workers = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "session-worker-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "session-timers");
            t.setDaemon(true);
            return t;
        });
        this.ctx = new SessionContext(peerConfig, new MediaSources(transcoder, defaultQuality), workers, timers, hooks);
        this.links = links.apply(ctx);
    }

    /** Sessions of the embedded relay, signalled in process. */
    public static SessionManager embedded(Relay relay, PeerConfig peerConfig, Transcoder transcoder,
                                          Quality defaultQuality) {
        return new SessionManager(peerConfig, transcoder, defaultQuality,
                ctx -> (info, serial) -> new RelaySignalLink(relay, info.sessionId(), info.token(), serial),
                new SessionContext.ChannelHooks() {
                    @Override
                    public void channelOpened(String sessionId) {
                        relay.channelOpened(sessionId);
                    }

                    @Override
                    public void channelClosed(String sessionId) {
                        relay.channelClosed(sessionId);
                    }
                });
    }

    /** Sessions of an external relay, signalled over HTTP. */
    public static SessionManager external(URI relay, PeerConfig peerConfig, Transcoder transcoder,
                                          Quality defaultQuality) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        return new SessionManager(peerConfig, transcoder, defaultQuality,
                ctx -> (info, serial) -> new HttpSignalLink(http, relay, info.sessionId(), info.token(), serial),
                SessionContext.ChannelHooks.NONE);
    }

    @Override
    public void sessionCreated(SessionInfo info) {
        if (closed) {
            return;
        }
        SerialExecutor serial = new SerialExecutor(ctx.workers());
        StreamSession s = new StreamSession(info, ctx, links.open(info, serial), serial);
        if (sessions.putIfAbsent(info.sessionId(), s) != null) {
            return; // a relay that repeats an event: the session already runs
        }
        s.endedFuture().whenComplete((v, e) -> sessions.remove(info.sessionId(), s));
        serial.execute(s::start); // off the caller's (Netty) thread
    }

    @Override
    public void sessionRemoved(String sessionId) {
        StreamSession s = sessions.get(sessionId);
        if (s != null) {
            s.stop("the relay removed the session");
        }
    }

    public int activeSessions() {
        return sessions.size();
    }

    /** Ends every session (bye to each browser), waits for their connections to close, stops the pools. */
    @Override
    public void close() {
        closed = true;
        List<StreamSession> all = List.copyOf(sessions.values());
        all.forEach(s -> s.stop("the daemon is shutting down"));
        try {
            CompletableFuture.allOf(all.stream().map(StreamSession::endedFuture).toArray(CompletableFuture[]::new))
                    .get(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            LOG.warn("{} sessions did not close within {} ms", sessions.size(), CLOSE_WAIT.toMillis());
        }
        ctx.timers().shutdownNow();
        ctx.workers().shutdownNow();
    }
}
