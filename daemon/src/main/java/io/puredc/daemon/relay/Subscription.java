package io.puredc.daemon.relay;

import java.util.List;

/**
 * An open event stream: the events after the client's Last-Event-ID at the moment it opened
 * (write these first), then live events through the sink. {@link #close()} must be called when
 * the stream ends for any reason, exactly once.
 */
public final class Subscription implements AutoCloseable {
    private final List<Event> backlog;
    private final Runnable onClose;
    private boolean closed;

    Subscription(List<Event> backlog, Runnable onClose) {
        this.backlog = List.copyOf(backlog);
        this.onClose = onClose;
    }

    public List<Event> backlog() {
        return backlog;
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            onClose.run();
        }
    }
}
