package io.puredc.sctp.types;

/**
 * Widens wrapping 32-bit TSNs or 16-bit SSNs to {@code long}s that compare with plain
 * {@code <} across wrap-around, so receive and send queues can key maps and sort by them.
 *
 * <p>Each value is placed at the serial distance (RFC 1982) from the largest value unwrapped so
 * far: correct as long as every value is within half the number space of that largest value,
 * which SCTP's windows guarantee. A value exactly half the space behind the largest is taken as
 * behind. The first value unwraps to its unsigned self; later ones may be negative.
 */
public final class Unwrapper {
    private final int bits;
    private final long mask;
    private boolean started;
    private long largest;

    private Unwrapper(int bits) {
        this.bits = bits;
        this.mask = (1L << bits) - 1;
    }

    public static Unwrapper forTsn() {
        return new Unwrapper(32);
    }

    public static Unwrapper forSsn() {
        return new Unwrapper(16);
    }

    /** Unwraps and remembers the value if it is the largest so far. */
    public long unwrap(int wrapped) {
        long v = peek(wrapped);
        if (!started || v > largest) {
            largest = v;
            started = true;
        }
        return v;
    }

    public long unwrap(Tsn tsn) {
        return unwrap(tsn.value());
    }

    public long unwrap(Ssn ssn) {
        return unwrap(ssn.value());
    }

    /** Unwraps without changing the reference point. */
    public long peek(int wrapped) {
        long w = wrapped & mask;
        if (!started) {
            return w;
        }
        // Sign-extend the difference modulo 2^bits: the serial distance from the largest value.
        int shift = 64 - bits;
        long delta = ((w - largest) << shift) >> shift;
        return largest + delta;
    }

    /** Drops the unwrapped value back to its wrapped bits. */
    public int wrap(long unwrapped) {
        return (int) (unwrapped & mask);
    }
}
