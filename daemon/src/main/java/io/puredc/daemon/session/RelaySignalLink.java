package io.puredc.daemon.session;

import com.fasterxml.jackson.databind.JsonNode;
import io.puredc.daemon.relay.Direction;
import io.puredc.daemon.relay.Event;
import io.puredc.daemon.relay.EventSink;
import io.puredc.daemon.relay.Json;
import io.puredc.daemon.relay.Relay;
import io.puredc.daemon.relay.RelayException;
import io.puredc.daemon.relay.Subscription;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signalling with the embedded relay, without a socket: the same calls the HTTP handler makes.
 * The relay calls the sink under its lock, so each event is handed to {@code executor}.
 */
final class RelaySignalLink implements SignalLink {
    private static final Logger LOG = LoggerFactory.getLogger(RelaySignalLink.class);

    private final Relay relay;
    private final String sessionId;
    private final String token;
    private final Executor executor;
    private Subscription subscription;
    /** Live events that arrive while the backlog is being handed over, and the last id handed over. */
    private final List<Event> early = new ArrayList<>();
    private boolean started;
    private long lastId;
    private volatile boolean closed;

    RelaySignalLink(Relay relay, String sessionId, String token, Executor executor) {
        this.relay = relay;
        this.sessionId = sessionId;
        this.token = token;
        this.executor = executor;
    }

    @Override
    public void start(Receiver receiver) {
        EventSink sink = new EventSink() {
            @Override
            public void deliver(Event event) {
                synchronized (RelaySignalLink.this) {
                    if (!started) {
                        early.add(event);
                        return;
                    }
                    dispatch(event, receiver);
                }
            }

            @Override
            public void end() {
                executor.execute(() -> receiver.ended("the relay removed the session"));
            }
        };
        Subscription sub;
        try {
            sub = relay.openSignalStream(sessionId, token, Direction.DAEMON, 0, sink);
        } catch (RelayException e) {
            executor.execute(() -> receiver.ended("cannot follow the session: " + e.getMessage()));
            return;
        }
        synchronized (this) {
            subscription = sub;
            for (Event e : sub.backlog()) {
                dispatch(e, receiver);
            }
            for (Event e : early) {
                dispatch(e, receiver);
            }
            early.clear();
            started = true;
        }
    }

    /** In id order, each once: the backlog and an early live event may overlap. */
    private void dispatch(Event e, Receiver receiver) {
        if (e.id() <= lastId) {
            return;
        }
        lastId = e.id();
        JsonNode m;
        try {
            m = Json.MAPPER.readTree(e.data());
        } catch (IOException ex) {
            LOG.warn("session {}: unreadable signalling message {}", sessionId, e.id());
            return;
        }
        String type = m.path("type").asText();
        String payload = m.path("payload").asText();
        executor.execute(() -> receiver.message(type, payload));
    }

    @Override
    public void send(String type, String payload) {
        if (closed) {
            return;
        }
        byte[] body = Json.write(Map.of("type", type, "payload", payload)).getBytes(StandardCharsets.UTF_8);
        try {
            relay.signal(sessionId, token, Direction.DAEMON, body);
        } catch (RelayException e) {
            LOG.warn("session {}: the relay refused our {}: {}", sessionId, type, e.getMessage());
        }
    }

    @Override
    public void close() {
        closed = true;
        Subscription s;
        synchronized (this) {
            s = subscription;
        }
        if (s != null) {
            s.close();
        }
    }
}
