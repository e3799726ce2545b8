package io.puredc.sctp.tx;

/**
 * The sender's congestion window of RFC 9260 §7.2: slow start (§7.2.1), congestion
 * avoidance with partial_bytes_acked (§7.2.2), the reaction to a T3-rtx expiry (§7.2.3) and
 * fast recovery on fast retransmit (§7.2.4). Byte counts are DATA chunk bytes as the RFC
 * counts them (payload plus chunk header is our choice: what goes on the wire).
 */
public final class CongestionControl {
    private final int mtu;
    private long cwnd;
    private long ssthresh;
    private long partialBytesAcked;

    /** §7.2.1: initial cwnd = min(4*MTU, max(2*MTU, 4404)); initial ssthresh = peer's a_rwnd. */
    public CongestionControl(int mtu, long peerInitialRwnd) {
        this.mtu = mtu;
        this.cwnd = Math.min(4L * mtu, Math.max(2L * mtu, 4404));
        this.ssthresh = Math.max(peerInitialRwnd, 4L * mtu);
    }

    public long cwnd() {
        return cwnd;
    }

    public long ssthresh() {
        return ssthresh;
    }

    public long partialBytesAcked() {
        return partialBytesAcked;
    }

    public boolean inSlowStart() {
        return cwnd <= ssthresh;
    }

    /**
     * §7.2.1 grows cwnd only while it "is being fully utilized": here, when the flight left no room
     * for another full packet. Comparing the flight with cwnd itself would never see a cwnd of one
     * MTU (after T3-rtx, §7.2.3) as used, since one full DATA chunk is the MTU minus the common
     * header: cwnd stayed at one packet per round trip for the rest of the transfer, and with the
     * peer's delayed SACK that is one packet per 200 ms.
     */
    public boolean isFullyUtilized(long flightSize) {
        return cwnd - flightSize < mtu;
    }

    /**
     * A SACK advanced the cumulative TSN and newly acknowledged {@code bytesAcked}.
     * {@code fullyUtilized}: {@link #isFullyUtilized} of the flight before the SACK (the RFC
     * only grows cwnd when it was used). {@code inFastRecovery}: cwnd does not grow then.
     */
    public void onCumulativeAckAdvanced(long bytesAcked, boolean fullyUtilized, boolean inFastRecovery) {
        if (bytesAcked <= 0 || inFastRecovery) {
            return;
        }
        if (inSlowStart()) {
            // §7.2.1: increase by at most the bytes acked, and at most one MTU (L = 1).
            if (fullyUtilized) {
                cwnd += Math.min(bytesAcked, mtu);
            }
        } else {
            // §7.2.2: count partial_bytes_acked; one MTU more per cwnd's worth acknowledged.
            partialBytesAcked += bytesAcked;
            if (partialBytesAcked >= cwnd && fullyUtilized) {
                partialBytesAcked -= cwnd;
                cwnd += mtu;
            }
        }
    }

    /** §7.2.2: when the sender has no data outstanding, partial_bytes_acked is reset. */
    public void onAllDataAcked() {
        partialBytesAcked = 0;
    }

    /** §7.2.3: T3-rtx expired: ssthresh = max(cwnd/2, 4*MTU), cwnd = 1*MTU. */
    public void onRetransmissionTimeout() {
        ssthresh = Math.max(cwnd / 2, 4L * mtu);
        cwnd = mtu;
        partialBytesAcked = 0;
    }

    /** §7.2.4: entering fast recovery: ssthresh = max(cwnd/2, 4*MTU), cwnd = ssthresh. */
    public void onFastRetransmit() {
        ssthresh = Math.max(cwnd / 2, 4L * mtu);
        cwnd = ssthresh;
        partialBytesAcked = 0;
    }

    /**
     * §7.2.1: while the endpoint sends no data, cwnd is adjusted to max(cwnd/2, 4*MTU) once
     * per RTO of idleness; the caller invokes this once per such RTO.
     */
    public void onIdleRto() {
        cwnd = Math.max(cwnd / 2, 4L * mtu);
    }
}
