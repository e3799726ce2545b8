package io.puredc.sctp.assoc;

/**
 * The association's overall error counter of RFC 9260 §8.1, which with a single destination
 * address is also that path's error counter (§8.2). It counts consecutive failures to hear
 * from the peer: each T3-rtx expiry (§6.3.3) and each HEARTBEAT not answered (§8.3). It
 * resets when a SACK acknowledges DATA not acknowledged before, or a HEARTBEAT ACK arrives.
 * When it exceeds Association.Max.Retrans the peer is unreachable and the association
 * closes; a negative limit means never (the WebRTC default, where ICE consent decides).
 */
final class ErrorCounter {
    private final int limit;
    private int count;

    ErrorCounter(int limit) {
        this.limit = limit;
    }

    /** Counts one failure; true when the counter now exceeds the limit (§8.1: the peer is unreachable). */
    boolean increment() {
        count++;
        return limit >= 0 && count > limit;
    }

    void reset() {
        count = 0;
    }

    int count() {
        return count;
    }

    int limit() {
        return limit;
    }
}
