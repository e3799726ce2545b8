package io.puredc.daemon.session;

/**
 * The daemon's end of one session's signalling (PROTOCOL.md §2): messages {@code to=daemon} in,
 * messages {@code from=daemon} out. In process against the embedded relay, or over HTTP against
 * an external one.
 */
interface SignalLink extends AutoCloseable {
    /** Receives the browser's messages in order, one at a time. */
    interface Receiver {
        void message(String type, String payload);

        /** The session is gone on the relay's side, or cannot be followed any more. */
        void ended(String why);
    }

    /** Starts delivering messages (those already queued first). Called once. */
    void start(Receiver receiver);

    /** Queues one message for the browser; never blocks on the network. */
    void send(String type, String payload);

    @Override
    void close();
}
