package io.puredc.sctp.api;

/**
 * Configuration of one association. Times in nanoseconds. The defaults are WebRTC's:
 * <ul>
 * <li>{@code mtu} 1200: the largest SCTP packet; DTLS (≤ 37 bytes of record overhead with
 *     AES-GCM), UDP and IPv6 headers must still fit a conservative path MTU (RFC 8261 §5).
 * <li>{@code maxMessageSize} 256 KiB: what we advertise in {@code a=max-message-size}
 *     (RFC 8841 §6) and accept.
 * <li>{@code receiveWindow} 4 MiB: our a_rwnd when nothing is buffered.
 * <li>RTO.Initial 1 s, RTO.Min 250 ms, RTO.Max 60 s (RFC 9260 §16 with a lower minimum, as
 *     browsers use on low-latency paths), backoff capped at 3 s as Chrome does so that a
 *     recovered path is used again quickly. The minimum stays above the 200 ms that peers delay
 *     the SACK of a lone packet (§6.2; dcSCTP and usrsctp both do): at 200 ms, T3-rtx raced that
 *     SACK, and Java→Chromium transfers stalled for seconds (see {@code RtoEstimator.backOff}).
 * <li>{@code maxRetransmissions} unlimited: SCTP does not give up on its own; ICE consent
 *     decides when the path is dead (Chrome and jvb do the same). When set, it is
 *     Association.Max.Retrans of RFC 9260 §8.1 (and, with one path, Path.Max.Retrans of §8.2):
 *     the association closes once its error counter, counting T3-rtx expiries and unanswered
 *     HEARTBEATs, exceeds it.
 * <li>{@code initialTsn} random ({@link #RANDOM_INITIAL_TSN}): RFC 9260 §3.3.2 leaves the value
 *     free; a random one makes blind injection harder (§5.3.1 reasons the same way for tags).
 *     Tests pin it (for example a few hundred TSNs before 2^32) with {@link #withInitialTsn}.
 * </ul>
 */
public record SctpOptions(
        int localPort,
        int remotePort,
        int mtu,
        int maxMessageSize,
        int receiveWindow,
        int outboundStreams,
        int inboundStreams,
        long rtoInitial,
        long rtoMin,
        long rtoMax,
        long maxTimerBackoff,
        long delayedAckTimeout,
        long heartbeatInterval,
        int maxInitRetransmits,
        int maxRetransmissions,
        long cookieLifetime,
        long initialTsn) {

    /** {@link #initialTsn()} when the association draws its Initial TSN at random (the default). */
    public static final long RANDOM_INITIAL_TSN = -1;

    private static final long MS = 1_000_000L;

    public SctpOptions {
        if (localPort < 0 || localPort > 0xFFFF || remotePort < 0 || remotePort > 0xFFFF) {
            throw new IllegalArgumentException("ports must be 0..65535");
        }
        if (mtu < 256 || mtu > 65535) {
            throw new IllegalArgumentException("mtu must be 256..65535: " + mtu);
        }
        if (maxMessageSize < 1 || receiveWindow < 1500 || outboundStreams < 1 || outboundStreams > 65535
                || inboundStreams < 1 || inboundStreams > 65535) {
            throw new IllegalArgumentException("invalid message size, window or stream counts");
        }
        if (initialTsn != RANDOM_INITIAL_TSN && (initialTsn < 0 || initialTsn > 0xFFFF_FFFFL)) {
            throw new IllegalArgumentException("initial TSN must be 0..2^32-1 or RANDOM_INITIAL_TSN: " + initialTsn);
        }
    }

    public static SctpOptions defaults() {
        return new SctpOptions(5000, 5000, 1200, 256 * 1024, 4 * 1024 * 1024, 65535, 65535,
                1000 * MS, 250 * MS, 60_000 * MS, 3000 * MS, 200 * MS, 30_000 * MS, 8, -1, 60_000 * MS, RANDOM_INITIAL_TSN);
    }

    public SctpOptions withPorts(int local, int remote) {
        return new SctpOptions(local, remote, mtu, maxMessageSize, receiveWindow, outboundStreams, inboundStreams,
                rtoInitial, rtoMin, rtoMax, maxTimerBackoff, delayedAckTimeout, heartbeatInterval,
                maxInitRetransmits, maxRetransmissions, cookieLifetime, initialTsn);
    }

    public SctpOptions withMtu(int newMtu) {
        return new SctpOptions(localPort, remotePort, newMtu, maxMessageSize, receiveWindow, outboundStreams,
                inboundStreams, rtoInitial, rtoMin, rtoMax, maxTimerBackoff, delayedAckTimeout, heartbeatInterval,
                maxInitRetransmits, maxRetransmissions, cookieLifetime, initialTsn);
    }

    public SctpOptions withMaxMessageSize(int size) {
        return new SctpOptions(localPort, remotePort, mtu, size, receiveWindow, outboundStreams, inboundStreams,
                rtoInitial, rtoMin, rtoMax, maxTimerBackoff, delayedAckTimeout, heartbeatInterval,
                maxInitRetransmits, maxRetransmissions, cookieLifetime, initialTsn);
    }

    public SctpOptions withReceiveWindow(int window) {
        return new SctpOptions(localPort, remotePort, mtu, maxMessageSize, window, outboundStreams, inboundStreams,
                rtoInitial, rtoMin, rtoMax, maxTimerBackoff, delayedAckTimeout, heartbeatInterval,
                maxInitRetransmits, maxRetransmissions, cookieLifetime, initialTsn);
    }

    public SctpOptions withMaxRetransmissions(int max) {
        return new SctpOptions(localPort, remotePort, mtu, maxMessageSize, receiveWindow, outboundStreams,
                inboundStreams, rtoInitial, rtoMin, rtoMax, maxTimerBackoff, delayedAckTimeout, heartbeatInterval,
                maxInitRetransmits, max, cookieLifetime, initialTsn);
    }

    /**
     * Pins the Initial TSN (RFC 9260 §3.3.2) instead of drawing it at random: for tests that
     * start near 2^32 to cross the wrap. Production code keeps the random default.
     */
    public SctpOptions withInitialTsn(long tsn) {
        return new SctpOptions(localPort, remotePort, mtu, maxMessageSize, receiveWindow, outboundStreams,
                inboundStreams, rtoInitial, rtoMin, rtoMax, maxTimerBackoff, delayedAckTimeout, heartbeatInterval,
                maxInitRetransmits, maxRetransmissions, cookieLifetime, tsn);
    }

    /** Sets the heartbeat interval (RFC 9260 §8.3, HB.interval). */
    public SctpOptions withHeartbeatInterval(long nanos) {
        return new SctpOptions(localPort, remotePort, mtu, maxMessageSize, receiveWindow, outboundStreams,
                inboundStreams, rtoInitial, rtoMin, rtoMax, maxTimerBackoff, delayedAckTimeout, nanos,
                maxInitRetransmits, maxRetransmissions, cookieLifetime, initialTsn);
    }
}
