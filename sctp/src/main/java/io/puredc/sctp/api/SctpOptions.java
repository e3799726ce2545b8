package io.puredc.sctp.api;

/**
 * Configuration of one association. Times in nanoseconds. The defaults are WebRTC's:
 * <ul>
 * <li>{@code mtu} 1200: the largest SCTP packet; DTLS (≤ 37 bytes of record overhead with
 *     AES-GCM), UDP and IPv6 headers must still fit a conservative path MTU (RFC 8261 §5).
 * <li>{@code maxMessageSize} 256 KiB: what we advertise in {@code a=max-message-size}
 *     (RFC 8841 §6) and accept.
 * <li>{@code receiveWindow} 4 MiB: our a_rwnd when nothing is buffered.
 * <li>RTO.Initial 1 s, RTO.Min 200 ms, RTO.Max 60 s (RFC 9260 §16 with a lower minimum, as
 *     browsers use on low-latency paths), backoff capped at 3 s as Chrome does so that a
 *     recovered path is used again quickly.
 * <li>{@code maxRetransmissions} unlimited: SCTP does not give up on its own; ICE consent
 *     decides when the path is dead (Chrome and jvb do the same).
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
        long cookieLifetime) {

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
    }

    public static SctpOptions defaults() {
        return new SctpOptions(5000, 5000, 1200, 256 * 1024, 4 * 1024 * 1024, 65535, 65535,
                1000 * MS, 200 * MS, 60_000 * MS, 3000 * MS, 200 * MS, 30_000 * MS, 8, -1, 60_000 * MS);
    }

    public SctpOptions withPorts(int local, int remote) {
        return new SctpOptions(local, remote, mtu, maxMessageSize, receiveWindow, outboundStreams, inboundStreams,
                rtoInitial, rtoMin, rtoMax, maxTimerBackoff, delayedAckTimeout, heartbeatInterval,
                maxInitRetransmits, maxRetransmissions, cookieLifetime);
    }

    public SctpOptions withMtu(int newMtu) {
        return new SctpOptions(localPort, remotePort, newMtu, maxMessageSize, receiveWindow, outboundStreams,
                inboundStreams, rtoInitial, rtoMin, rtoMax, maxTimerBackoff, delayedAckTimeout, heartbeatInterval,
                maxInitRetransmits, maxRetransmissions, cookieLifetime);
    }

    public SctpOptions withMaxMessageSize(int size) {
        return new SctpOptions(localPort, remotePort, mtu, size, receiveWindow, outboundStreams, inboundStreams,
                rtoInitial, rtoMin, rtoMax, maxTimerBackoff, delayedAckTimeout, heartbeatInterval,
                maxInitRetransmits, maxRetransmissions, cookieLifetime);
    }

    public SctpOptions withReceiveWindow(int window) {
        return new SctpOptions(localPort, remotePort, mtu, maxMessageSize, window, outboundStreams, inboundStreams,
                rtoInitial, rtoMin, rtoMax, maxTimerBackoff, delayedAckTimeout, heartbeatInterval,
                maxInitRetransmits, maxRetransmissions, cookieLifetime);
    }

    public SctpOptions withMaxRetransmissions(int max) {
        return new SctpOptions(localPort, remotePort, mtu, maxMessageSize, receiveWindow, outboundStreams,
                inboundStreams, rtoInitial, rtoMin, rtoMax, maxTimerBackoff, delayedAckTimeout, heartbeatInterval,
                maxInitRetransmits, max, cookieLifetime);
    }
}
