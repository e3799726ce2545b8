package io.puredc.sctp.tx;

/**
 * The retransmission timeout of RFC 9260 §6.3.1, from round-trip measurements: SRTT and
 * RTTVAR with RTO.Alpha = 1/8 and RTO.Beta = 1/4, clamped to [RTO.Min, RTO.Max]. All in
 * nanoseconds.
 */
public final class RtoEstimator {
    private final long rtoMin;
    private final long rtoMax;
    private long rto;
    private long srtt;
    private long rttvar;
    private boolean measured;

    public RtoEstimator(long rtoInitial, long rtoMin, long rtoMax) {
        if (rtoMin <= 0 || rtoMin > rtoMax || rtoInitial < rtoMin || rtoInitial > rtoMax) {
            throw new IllegalArgumentException("need 0 < RTO.Min <= RTO.Initial <= RTO.Max");
        }
        this.rtoMin = rtoMin;
        this.rtoMax = rtoMax;
        this.rto = rtoInitial;
    }

    /** Takes one RTT measurement R (§6.3.1 C2, C3); callers follow Karn's rule (C5). */
    public void observe(long rttNanos) {
        if (rttNanos < 0) {
            return;
        }
        if (!measured) {
            // C2: SRTT = R, RTTVAR = R/2.
            srtt = rttNanos;
            rttvar = rttNanos / 2;
            measured = true;
        } else {
            // C3: RTTVAR = 3/4 RTTVAR + 1/4 |SRTT - R'|, then SRTT = 7/8 SRTT + 1/8 R'.
            rttvar = rttvar - rttvar / 4 + Math.abs(srtt - rttNanos) / 4;
            srtt = srtt - srtt / 8 + rttNanos / 8;
        }
        // C3: "If RTTVAR is computed to be 0, then it is set to G" — clock granularity; our
        // clock is the caller's nanoseconds, so 1 ms stands in for G.
        long variance = Math.max(rttvar, 1_000_000L);
        rto = clamp(srtt + 4 * variance);
    }

    /**
     * §6.3.3 E2: T3-rtx expired, "RTO = RTO * 2" ("back off the timer"), at most {@code cap} and
     * RTO.Max. The backed-off value stays the RTO until the next measurement recomputes it (C3);
     * since retransmitted chunks give none (Karn, C5), every timer started meanwhile uses it. A
     * backoff that lived only in the expired timer would be lost by the next restart (R3 on the SACK
     * of the retransmission): with a 200 ms RTO against a peer's 200 ms delayed SACK (§6.2), each
     * single-packet flight would then time out again before its SACK came, one packet per RTO.
     */
    public void backOff(long cap) {
        long doubled = rto > rtoMax / 2 ? rtoMax : rto * 2;
        rto = Math.max(rto, Math.min(doubled, cap));
    }

    /** The current RTO (§6.3.1 C6, C7 clamp). */
    public long rto() {
        return rto;
    }

    /** Smoothed RTT, or 0 before the first measurement. */
    public long srtt() {
        return srtt;
    }

    public boolean hasMeasurement() {
        return measured;
    }

    private long clamp(long v) {
        return Math.max(rtoMin, Math.min(rtoMax, v));
    }
}
