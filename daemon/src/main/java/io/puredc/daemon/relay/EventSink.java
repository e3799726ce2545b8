package io.puredc.daemon.relay;

/**
 * The receiving end of an open event stream. Both methods are called while the relay holds its
 * lock, in sequence order, so they must only hand the work to another thread (for Netty: the
 * channel's event loop) and return.
 */
public interface EventSink {
    void deliver(Event event);

    /** The session or daemon is gone, or the relay is closing: end the stream. */
    void end();
}
