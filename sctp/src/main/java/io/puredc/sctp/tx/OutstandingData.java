package io.puredc.sctp.tx;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongConsumer;

/**
 * DATA chunks sent and not yet acknowledged by the cumulative TSN, in TSN order (RFC 9260
 * §6.2.1 SACK processing, §7.2.4 fast retransmit with miss indications, §6.3.3 T3-rtx marking)
 * and their abandonment under partial reliability (RFC 3758 §3.5: the advanced peer ack point
 * and the FORWARD TSN it calls for). TSNs are unwrapped {@code long}s; the caller wraps them
 * for the wire.
 */
public final class OutstandingData {
    /** Where a sent chunk stands. */
    public enum State { IN_FLIGHT, TO_RETRANSMIT, ACKED, ABANDONED }

    /** One sent DATA chunk. */
    public static final class Item {
        final long tsn;
        final OutgoingFragment fragment;
        final int wireSize;
        /** Whether its message has a lifetime: kept here so that acking needs no look at the fragment. */
        final boolean hasLifetime;
        long sentAt;
        int transmissions;
        int missIndications;
        boolean fastRetransmitted;
        State state = State.IN_FLIGHT;

        Item(long tsn, OutgoingFragment fragment, int wireSize, long now) {
            this.tsn = tsn;
            this.fragment = fragment;
            this.wireSize = wireSize;
            this.hasLifetime = fragment.expiry() != Long.MAX_VALUE;
            this.sentAt = now;
            this.transmissions = 1;
        }

        public long tsn() {
            return tsn;
        }

        public OutgoingFragment fragment() {
            return fragment;
        }

        public int wireSize() {
            return wireSize;
        }

        public State state() {
            return state;
        }

        public int transmissions() {
            return transmissions;
        }
    }

    /** What a SACK did. */
    public record AckResult(boolean cumulativeAdvanced, long bytesAcked, long rttSample,
            boolean fastRetransmitNeeded, long highestNewlyAcked) {
        public static final AckResult STALE = new AckResult(false, 0, -1, false, -1);
    }

    /** FORWARD TSN content (RFC 3758 §3.2): the new cumulative TSN and, per ordered stream, the highest skipped SSN. */
    public record ForwardTsn(long newCumulativeTsn, Map<Integer, Integer> skippedSsnByStream) {}

    /** RFC 9260 §7.2.4: a chunk is fast-retransmitted on its third miss indication. */
    public static final int FAST_RETRANSMIT_MISSES = 3;

    private final ItemRing items = new ItemRing();
    private final LongConsumer onMessageAbandoned;
    private long cumulativeAck; // last TSN acked cumulatively
    private long bytesInFlight;
    private int inFlight;
    private int toRetransmit;
    private int gapAcked;
    private long abandonedMessages;
    /** The gap blocks of the last SACK processed: every ACKED chunk lies in them. */
    private List<long[]> previousGaps = List.of();
    /** Items whose message has a lifetime: without any, {@link #expireLifetimes} has nothing to scan. */
    private int withLifetime;

    /** {@code initialTsn}: our Initial TSN (unwrapped); {@code onMessageAbandoned} gets message ids. */
    public OutstandingData(long initialTsn, LongConsumer onMessageAbandoned) {
        this.cumulativeAck = initialTsn - 1;
        this.onMessageAbandoned = onMessageAbandoned;
    }

    /** The TSN the next new chunk gets. */
    public long nextTsn() {
        return cumulativeAck + 1 + items.size();
    }

    public long cumulativeAck() {
        return cumulativeAck;
    }

    /** Wire bytes of chunks in flight (sent, not acked, not marked for retransmission). */
    public long bytesInFlight() {
        return bytesInFlight;
    }

    public boolean isEmpty() {
        return items.size() == 0;
    }

    /** Chunks in flight or waiting for retransmission: T3-rtx runs while any exist (§6.3.2). */
    public boolean hasUnackedData() {
        return inFlight + toRetransmit > 0;
    }

    /** Whether chunks wait for retransmission. */
    public boolean hasRetransmissions() {
        return toRetransmit > 0;
    }

    public long abandonedMessageCount() {
        return abandonedMessages;
    }

    /** Records a first transmission and returns its TSN. */
    public long sent(OutgoingFragment fragment, int wireSize, long now) {
        Item item = new Item(nextTsn(), fragment, wireSize, now);
        items.addLast(item);
        if (item.hasLifetime) {
            withLifetime++;
        }
        inFlight++;
        bytesInFlight += wireSize;
        return item.tsn;
    }

    /**
     * Processes a SACK (RFC 9260 §6.2.1): {@code cumulativeTsnAck} and gap blocks as absolute
     * inclusive TSN ranges. A SACK older than the last one, or acking TSNs never sent, is
     * ignored (§6.2.1 D i).
     */
    public AckResult handleSack(long cumulativeTsnAck, List<long[]> gapRanges, long now) {
        return handleAck(cumulativeTsnAck, gapRanges, true, now);
    }

    /**
     * The cumulative TSN ack of a SHUTDOWN (RFC 9260 §9.2): it carries no gap blocks, and their
     * absence must not be taken for reneging.
     */
    public AckResult handleShutdownAck(long cumulativeTsnAck, long now) {
        return handleAck(cumulativeTsnAck, List.of(), false, now);
    }

    /**
     * Only what changed since the previous SACK is visited: the TSNs gap-acked now and not
     * before are newly acked, those gap-acked before and not now were reneged, and only the
     * holes below the highest newly acked TSN can get miss indications. Every chunk in the
     * ACKED state lies in {@link #previousGaps}, so this is exact, and a SACK costs what it
     * changes rather than the whole window (one SACK per packet while there are gaps, §6.7).
     */
    private AckResult handleAck(long cumulativeTsnAck, List<long[]> gapRanges, boolean gapsReported, long now) {
        if (cumulativeTsnAck < cumulativeAck || cumulativeTsnAck >= nextTsn()) {
            return AckResult.STALE;
        }
        boolean advanced = cumulativeTsnAck > cumulativeAck;
        long bytesAcked = 0;
        long rtt = -1;
        long highestNewlyAcked = -1;
        while (items.size() > 0 && items.first().tsn <= cumulativeTsnAck) {
            Item i = items.pollFirst();
            if (i.hasLifetime) {
                withLifetime--;
            }
            if (i.state == State.IN_FLIGHT || i.state == State.TO_RETRANSMIT) {
                bytesAcked += i.wireSize;
                highestNewlyAcked = i.tsn;
                if (i.transmissions == 1 && i.state == State.IN_FLIGHT) {
                    rtt = now - i.sentAt; // Karn's rule (§6.3.1 C5): never from a retransmitted chunk
                }
            }
            leave(i);
        }
        cumulativeAck = cumulativeTsnAck;
        List<long[]> before = TsnRanges.normalize(previousGaps, cumulativeAck + 1, nextTsn() - 1);
        List<long[]> gaps = gapsReported ? TsnRanges.normalize(gapRanges, cumulativeAck + 1, nextTsn() - 1) : before;

        for (long[] range : TsnRanges.minus(gaps, before)) {
            for (long t = range[0]; t <= range[1]; t++) {
                Item i = item(t);
                if (i.state == State.IN_FLIGHT || i.state == State.TO_RETRANSMIT) {
                    if (i.state == State.IN_FLIGHT && i.transmissions == 1) {
                        rtt = now - i.sentAt;
                    }
                    bytesAcked += i.wireSize;
                    highestNewlyAcked = Math.max(highestNewlyAcked, t);
                    setState(i, State.ACKED);
                }
            }
        }
        if (gapAcked > 0) {
            // §6.2.1: a chunk gap-acked before and missing from this SACK was reneged.
            for (long[] range : TsnRanges.minus(before, gaps)) {
                for (long t = range[0]; t <= range[1]; t++) {
                    Item i = item(t);
                    if (i.state == State.ACKED) {
                        i.missIndications = 0;
                        setState(i, State.IN_FLIGHT);
                    }
                }
            }
        }
        previousGaps = gaps;

        boolean fastRetransmit = false;
        if (!gaps.isEmpty() && highestNewlyAcked > cumulativeAck) {
            // §7.2.4 (HTNA): only chunks in flight below the highest newly acked TSN get a miss
            // indication; they are in the holes between the gap blocks.
            for (long[] hole : TsnRanges.holes(cumulativeAck + 1, highestNewlyAcked - 1, gaps)) {
                for (long t = hole[0]; t <= hole[1]; t++) {
                    Item i = item(t);
                    // A chunk is fast-retransmitted once; if that copy is lost too, T3-rtx resends it.
                    if (i.state == State.IN_FLIGHT && !i.fastRetransmitted
                            && ++i.missIndications == FAST_RETRANSMIT_MISSES) {
                        i.fastRetransmitted = true;
                        markForRetransmission(i, now);
                        fastRetransmit |= i.state == State.TO_RETRANSMIT;
                    }
                }
            }
        }
        return new AckResult(advanced, bytesAcked, rtt, fastRetransmit, highestNewlyAcked);
    }

    /** §6.3.3 E3: on T3-rtx expiry every chunk in flight is marked for retransmission. */
    public void markAllForRetransmission(long now) {
        for (int k = 0; k < items.size(); k++) {
            Item i = items.get(k);
            if (i.state == State.IN_FLIGHT) {
                markForRetransmission(i, now);
            }
        }
    }

    /**
     * Takes chunks marked for retransmission, lowest TSN first, while their wire sizes fit in
     * {@code budget} bytes; they are back in flight from {@code now}. Chunks whose message has
     * expired meanwhile are abandoned instead of resent (RFC 3758 §3.5 A3).
     */
    public List<Item> takeRetransmissions(int budget, long now) {
        List<Item> out = new ArrayList<>();
        for (int k = 0; k < items.size() && toRetransmit > 0; k++) {
            Item i = items.get(k);
            if (i.state != State.TO_RETRANSMIT) {
                continue;
            }
            if (i.fragment.expired(now, i.transmissions)) {
                abandon(i.fragment.messageId());
                continue;
            }
            if (i.wireSize > budget) {
                break;
            }
            budget -= i.wireSize;
            i.transmissions++;
            i.missIndications = 0;
            i.sentAt = now;
            setState(i, State.IN_FLIGHT);
            out.add(i);
        }
        return out;
    }

    /** Abandons unacked chunks whose lifetime has passed (RFC 3758 §3.5 A1, timed reliability). */
    public void expireLifetimes(long now) {
        if (withLifetime == 0) {
            return; // the common case, checked on every SACK: nothing to scan
        }
        for (int k = 0; k < items.size(); k++) {
            Item i = items.get(k);
            if ((i.state == State.IN_FLIGHT || i.state == State.TO_RETRANSMIT) && now >= i.fragment.expiry()) {
                abandon(i.fragment.messageId());
            }
        }
    }

    /**
     * RFC 3758 §3.5 C1–C2: from the cumulative ack, the advanced peer ack point moves over
     * abandoned chunks only; a FORWARD TSN is due when it moved. It must not move over a chunk
     * that is merely gap-acked: the receiver drops every fragment at or below the new
     * cumulative TSN that it cannot deliver yet (§3.6), which would destroy a reliable message
     * whose first fragments were gap-acked and whose later ones are still missing. Returns null
     * when none is due.
     */
    public ForwardTsn forwardTsn() {
        long point = cumulativeAck;
        Map<Integer, Integer> skipped = new TreeMap<>();
        for (int k = 0; k < items.size(); k++) {
            Item i = items.get(k);
            if (i.state != State.ABANDONED) {
                break;
            }
            if (!i.fragment.unordered()) {
                skipped.put(i.fragment.streamId(), i.fragment.ssn());
            }
            point = i.tsn;
        }
        return point > cumulativeAck ? new ForwardTsn(point, skipped) : null;
    }

    private void markForRetransmission(Item i, long now) {
        if (i.fragment.expired(now, i.transmissions)) {
            abandon(i.fragment.messageId());
        } else {
            setState(i, State.TO_RETRANSMIT);
        }
    }

    /** RFC 3758 §3.5: every fragment of the message is abandoned, sent or not. */
    private void abandon(long messageId) {
        boolean any = false;
        for (int k = 0; k < items.size(); k++) {
            Item i = items.get(k);
            if (i.fragment.messageId() == messageId && i.state != State.ABANDONED) {
                setState(i, State.ABANDONED);
                any = true;
            }
        }
        if (any) {
            abandonedMessages++;
            onMessageAbandoned.accept(messageId);
        }
    }

    /** The one place a state changes, so the counters and bytes in flight stay derived from it. */
    private void setState(Item i, State to) {
        leave(i);
        i.state = to;
        switch (to) {
            case IN_FLIGHT -> {
                inFlight++;
                bytesInFlight += i.wireSize;
            }
            case TO_RETRANSMIT -> toRetransmit++;
            case ACKED -> gapAcked++;
            case ABANDONED -> { }
        }
    }

    private void leave(Item i) {
        switch (i.state) {
            case IN_FLIGHT -> {
                inFlight--;
                bytesInFlight -= i.wireSize;
            }
            case TO_RETRANSMIT -> toRetransmit--;
            case ACKED -> gapAcked--;
            case ABANDONED -> { }
        }
    }

    private Item item(long tsn) {
        return items.get((int) (tsn - (cumulativeAck + 1)));
    }

    /** A growable ring of items with O(1) access by index (TSNs are consecutive). */
    private static final class ItemRing {
        private Item[] ring = new Item[256];
        private int head;
        private int size;

        int size() {
            return size;
        }

        Item get(int index) {
            return ring[(head + index) & (ring.length - 1)];
        }

        Item first() {
            return ring[head];
        }

        void addLast(Item item) {
            if (size == ring.length) {
                Item[] bigger = new Item[ring.length * 2];
                for (int k = 0; k < size; k++) {
                    bigger[k] = get(k);
                }
                ring = bigger;
                head = 0;
            }
            ring[(head + size) & (ring.length - 1)] = item;
            size++;
        }

        Item pollFirst() {
            Item i = ring[head];
            ring[head] = null;
            head = (head + 1) & (ring.length - 1);
            size--;
            return i;
        }
    }
}
