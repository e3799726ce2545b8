package io.puredc.sctp.timer;

/**
 * A protocol timer as plain data (no threads, no clock): the association starts it with the
 * current time, asks {@link #poll} when time advances, and reports {@link #expiry()} as part of
 * its next deadline. Expiries back off exponentially (RFC 9260 §6.3.3 E2: "RTO = RTO * 2"),
 * capped at {@code maxDuration}, and a timer with a restart limit reports exhaustion
 * (e.g. Max.Init.Retransmits, §5.1 and §8.1).
 */
public final class Timer {
    /** {@link #expiry()} of a timer that is not running. */
    public static final long NOT_RUNNING = Long.MAX_VALUE;
    /** {@code maxRestarts} of a timer that may expire for ever. */
    public static final int UNLIMITED = -1;

    /** What {@link #poll} found. */
    public enum Outcome {
        /** Not running, or not yet due. */
        NOT_DUE,
        /** Expired; the timer was restarted with a backed-off duration. */
        EXPIRED,
        /** Expired one time more than allowed; the timer is stopped. */
        EXHAUSTED
    }

    private final String name;
    private long baseDuration;
    private final long maxDuration;
    private final int maxRestarts;
    private final boolean backoff;
    private long expiry = NOT_RUNNING;
    private int expirations;

    private Timer(String name, long baseDuration, long maxDuration, int maxRestarts, boolean backoff) {
        if (baseDuration <= 0) {
            throw new IllegalArgumentException(name + ": duration must be positive: " + baseDuration);
        }
        this.name = name;
        this.baseDuration = baseDuration;
        this.maxDuration = Math.max(maxDuration, baseDuration);
        this.maxRestarts = maxRestarts;
        this.backoff = backoff;
    }

    /** A timer whose duration doubles on each expiry up to {@code maxDurationNanos}. */
    public static Timer exponential(String name, long durationNanos, long maxDurationNanos, int maxRestarts) {
        return new Timer(name, durationNanos, maxDurationNanos, maxRestarts, true);
    }

    /** A timer whose duration never changes (delayed SACK, heartbeat interval). */
    public static Timer fixed(String name, long durationNanos, int maxRestarts) {
        return new Timer(name, durationNanos, durationNanos, maxRestarts, false);
    }

    public String name() {
        return name;
    }

    /** (Re)starts the timer at {@code now} with its base duration; the expiry count is reset. */
    public void start(long now) {
        expirations = 0;
        expiry = saturatedAdd(now, baseDuration);
    }

    /** Starts the timer only if it is not running (RFC 9260 §6.3.2 R1). */
    public void startIfStopped(long now) {
        if (!isRunning()) {
            start(now);
        }
    }

    public void stop() {
        expiry = NOT_RUNNING;
        expirations = 0;
    }

    public boolean isRunning() {
        return expiry != NOT_RUNNING;
    }

    /** The time at which the timer expires, or {@link #NOT_RUNNING}. */
    public long expiry() {
        return expiry;
    }

    /** How many times it expired since it was last started. */
    public int expirations() {
        return expirations;
    }

    /** The base duration used by the next {@link #start}; a running timer keeps its expiry. */
    public void setDuration(long durationNanos) {
        if (durationNanos <= 0) {
            throw new IllegalArgumentException(name + ": duration must be positive: " + durationNanos);
        }
        this.baseDuration = durationNanos;
    }

    public long duration() {
        return baseDuration;
    }

    /**
     * Checks the timer at {@code now}. On expiry the timer restarts from {@code now} with the
     * backed-off duration, or stops when the restart limit is passed.
     */
    public Outcome poll(long now) {
        if (expiry == NOT_RUNNING || now < expiry) {
            return Outcome.NOT_DUE;
        }
        expirations++;
        if (maxRestarts != UNLIMITED && expirations > maxRestarts) {
            expiry = NOT_RUNNING;
            return Outcome.EXHAUSTED;
        }
        expiry = saturatedAdd(now, currentDuration());
        return Outcome.EXPIRED;
    }

    private long currentDuration() {
        if (!backoff) {
            return baseDuration;
        }
        long d = baseDuration;
        for (int i = 0; i < expirations && d < maxDuration; i++) {
            d = Math.min(maxDuration, d * 2);
        }
        return d;
    }

    private static long saturatedAdd(long a, long b) {
        long r = a + b;
        return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE - 1 : r;
    }

    @Override
    public String toString() {
        return name + (isRunning() ? "@" + expiry : "(stopped)");
    }
}
