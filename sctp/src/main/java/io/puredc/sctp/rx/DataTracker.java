package io.puredc.sctp.rx;

import io.puredc.sctp.timer.Timer;
import io.puredc.sctp.types.Unwrapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The receiver's view of the TSN space (RFC 9260 §6.2): the cumulative TSN, the received TSNs
 * beyond it as gap ranges, duplicates to report, and when to acknowledge — at least every
 * second packet with DATA, within the delayed-ack time otherwise, at once when there are gaps
 * or duplicates (§6.2, §6.7).
 */
public final class DataTracker {
    /** The answer to {@link #observe}: what to do with a received DATA chunk. */
    public enum Verdict {
        /** First time seen: deliver it. */
        NEW,
        /** Seen before (or at/below the cumulative TSN): report as duplicate, don't deliver. */
        DUPLICATE,
        /** So far ahead that it can't be a chunk of this window: drop without acknowledging. */
        OUT_OF_WINDOW
    }

    /** A SACK's content: offsets of gap blocks are relative to {@code cumulativeTsn} (§3.3.4). */
    public record SackInfo(int cumulativeTsn, List<GapBlock> gaps, List<Integer> duplicates) {}

    /** Gap Ack Block Start/End offsets, both inclusive, 1..65535. */
    public record GapBlock(int start, int end) {}

    /** At most this many gap blocks and duplicates are reported, keeping a SACK within one packet. */
    public static final int MAX_GAP_BLOCKS = 64;
    public static final int MAX_DUPLICATES = 32;
    /** TSNs further ahead of the cumulative TSN than this are out of any plausible window. */
    public static final long MAX_TSN_AHEAD = 1 << 20;

    private final Unwrapper unwrapper = Unwrapper.forTsn();
    private final Timer delayedAck;
    private long cumulative; // unwrapped, last TSN received in sequence
    private final TreeMap<Long, Long> ranges = new TreeMap<>(); // start -> end (inclusive), all > cumulative
    private final List<Integer> duplicates = new ArrayList<>();
    private int packetsSinceAck;
    private boolean ackNow;
    private long outOfWindow;

    /** {@code peerInitialTsn}: the Initial TSN from the peer's INIT or INIT-ACK. */
    public DataTracker(int peerInitialTsn, long delayedAckNanos) {
        this.cumulative = unwrapper.unwrap(peerInitialTsn - 1);
        this.delayedAck = Timer.fixed("delayed-ack", delayedAckNanos, Timer.UNLIMITED);
    }

    /** Classifies and records the TSN of a received DATA chunk. */
    public Verdict observe(int tsn) {
        long t = unwrapper.peek(tsn);
        if (t <= cumulative || contains(t)) {
            if (duplicates.size() < MAX_DUPLICATES) {
                duplicates.add(tsn);
            }
            ackNow = true; // §6.2: a duplicate is reported immediately
            return Verdict.DUPLICATE;
        }
        if (t - cumulative > MAX_TSN_AHEAD) {
            outOfWindow++;
            return Verdict.OUT_OF_WINDOW;
        }
        unwrapper.unwrap(tsn);
        boolean wasGapped = !ranges.isEmpty();
        add(t);
        if (wasGapped || !ranges.isEmpty()) {
            // §6.7: a SACK goes out at once while the sequence has holes, and when one is filled.
            ackNow = true;
        }
        return Verdict.NEW;
    }

    /** Whether {@code tsn} would be accepted as new (no side effects). */
    public boolean isNew(int tsn) {
        long t = unwrapper.peek(tsn);
        return t > cumulative && !contains(t) && t - cumulative <= MAX_TSN_AHEAD;
    }

    /** True if {@code tsn} is the next in sequence: accepting it always makes progress. */
    public boolean isNextInSequence(int tsn) {
        return unwrapper.peek(tsn) == cumulative + 1;
    }

    /**
     * Called once per received packet that carried DATA (§6.2: acknowledge at least every
     * second such packet). {@code immediate}: the sender asked for it (I bit, RFC 7053).
     */
    public void onPacketWithData(long now, boolean immediate) {
        packetsSinceAck++;
        if (immediate || packetsSinceAck >= 2) {
            ackNow = true;
        }
        if (!ackNow) {
            delayedAck.startIfStopped(now);
        }
    }

    /** Whether a SACK should be bundled into the next packet without waiting. */
    public boolean shouldSendSackNow() {
        return ackNow;
    }

    /** Advances the delayed-ack timer; true when a SACK is now due. */
    public boolean handleTimeout(long now) {
        if (delayedAck.poll(now) == Timer.Outcome.EXPIRED) {
            delayedAck.stop();
            ackNow = true;
        }
        return ackNow;
    }

    public long nextDeadline() {
        return delayedAck.expiry();
    }

    /** Builds the SACK content and resets the ack triggers and duplicate list. */
    public SackInfo createSack() {
        List<GapBlock> gaps = new ArrayList<>();
        for (Map.Entry<Long, Long> r : ranges.entrySet()) {
            long start = r.getKey() - cumulative;
            long end = r.getValue() - cumulative;
            if (end > 0xFFFF || gaps.size() == MAX_GAP_BLOCKS) {
                break; // offsets are 16 bits: later blocks are reported once the cum TSN moves
            }
            gaps.add(new GapBlock((int) start, (int) end));
        }
        SackInfo sack = new SackInfo(unwrapper.wrap(cumulative), gaps, List.copyOf(duplicates));
        duplicates.clear();
        packetsSinceAck = 0;
        ackNow = false;
        delayedAck.stop();
        return sack;
    }

    /**
     * RFC 3758 §3.6: the peer abandoned everything up to {@code newCumulativeTsn}; move the
     * cumulative TSN there (never backwards) and absorb ranges that now touch it.
     */
    public void handleForwardTsn(int newCumulativeTsn) {
        long t = unwrapper.peek(newCumulativeTsn);
        if (t <= cumulative) {
            ackNow = true; // §3.6: a stale FORWARD TSN is still answered with a SACK
            return;
        }
        if (t - cumulative > MAX_TSN_AHEAD) {
            outOfWindow++;
            return;
        }
        unwrapper.unwrap(newCumulativeTsn);
        cumulative = t;
        ranges.headMap(t, true).entrySet().removeIf(e -> e.getValue() <= cumulative);
        Map.Entry<Long, Long> first = ranges.firstEntry();
        if (first != null && first.getKey() <= cumulative) {
            ranges.pollFirstEntry();
            cumulative = Math.max(cumulative, first.getValue());
        }
        absorbContiguous();
        ackNow = true;
    }

    /** The cumulative TSN (wrapped). */
    public int cumulativeTsn() {
        return unwrapper.wrap(cumulative);
    }

    /** The cumulative TSN unwrapped, for comparisons with {@link #unwrap}. */
    public long cumulativeUnwrapped() {
        return cumulative;
    }

    /** Unwraps a TSN relative to what was received (no side effects). */
    public long unwrap(int tsn) {
        return unwrapper.peek(tsn);
    }

    /** DATA chunks dropped as out of window. */
    public long outOfWindowCount() {
        return outOfWindow;
    }

    public boolean hasGaps() {
        return !ranges.isEmpty();
    }

    private boolean contains(long t) {
        Map.Entry<Long, Long> r = ranges.floorEntry(t);
        return r != null && r.getValue() >= t;
    }

    private void add(long t) {
        if (t == cumulative + 1) {
            cumulative = t;
            absorbContiguous();
            return;
        }
        long start = t;
        long end = t;
        Map.Entry<Long, Long> below = ranges.floorEntry(t - 1);
        if (below != null && below.getValue() == t - 1) {
            start = below.getKey();
            ranges.remove(below.getKey());
        }
        Long aboveEnd = ranges.remove(t + 1);
        if (aboveEnd != null) {
            end = aboveEnd;
        }
        ranges.put(start, end);
    }

    private void absorbContiguous() {
        Map.Entry<Long, Long> first = ranges.firstEntry();
        while (first != null && first.getKey() == cumulative + 1) {
            ranges.pollFirstEntry();
            cumulative = first.getValue();
            first = ranges.firstEntry();
        }
    }
}
