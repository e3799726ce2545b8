package io.puredc.sctp.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.function.Predicate;

/**
 * A seeded, sans-IO network between two endpoints, A (0) and B (1), on simulated time: loss,
 * duplication, reordering (extra delay for some datagrams), one-way delay with jitter and a
 * bandwidth limit per direction. Deterministic for a seed. Targeted drops ("drop the next
 * datagram that matches") let scripted tests lose one chosen packet, and an outage drops
 * everything sent or due to arrive in a window of time, both ways.
 */
public final class SimNetwork {
    /** Link behaviour; probabilities in [0, 1], times in nanoseconds, bandwidth in bytes/s (0 = unlimited). */
    public record Conditions(double loss, double duplicate, double reorder, long delay, long jitter,
            long bandwidth, int mtu) {
        public static Conditions perfect(long delay) {
            return new Conditions(0, 0, 0, delay, 0, 0, Integer.MAX_VALUE);
        }

        public Conditions withLoss(double p) {
            return new Conditions(p, duplicate, reorder, delay, jitter, bandwidth, mtu);
        }
    }

    /** A datagram on its way. */
    public record Delivery(int to, byte[] datagram, long at, long sequence) {}

    private final SplittableRandom random;
    private final Conditions conditions;
    private final PriorityQueue<Delivery> inFlight = new PriorityQueue<>(
            (a, b) -> a.at != b.at ? Long.compare(a.at, b.at) : Long.compare(a.sequence, b.sequence));
    private final long[] linkFreeAt = new long[2];
    private final List<List<Predicate<byte[]>>> dropNext = List.of(new ArrayList<>(), new ArrayList<>());
    private long sequence;
    private long sent;
    private long lost;
    private long duplicated;
    private long largest;
    private long outageFrom = Long.MAX_VALUE;
    private long outageUntil = Long.MIN_VALUE;

    public SimNetwork(long seed, Conditions conditions) {
        this.random = new SplittableRandom(seed);
        this.conditions = conditions;
    }

    /** Drops the next datagram from {@code from} that matches. */
    public void dropNextFrom(int from, Predicate<byte[]> match) {
        dropNext.get(from).add(match);
    }

    /**
     * From {@code from} until {@code until} (exclusive; {@link Long#MAX_VALUE} = for ever) the
     * link is down: datagrams sent then, or due to arrive then, are lost.
     */
    public void outage(long from, long until) {
        this.outageFrom = from;
        this.outageUntil = until;
    }

    private boolean down(long t) {
        return t >= outageFrom && t < outageUntil;
    }

    /** Sends a datagram from endpoint {@code from} (0 or 1) at {@code now}. */
    public void send(int from, byte[] datagram, long now) {
        sent++;
        largest = Math.max(largest, datagram.length);
        if (datagram.length > conditions.mtu()) {
            throw new AssertionError("datagram of " + datagram.length + " bytes exceeds the MTU " + conditions.mtu());
        }
        for (var it = dropNext.get(from).iterator(); it.hasNext();) {
            if (it.next().test(datagram)) {
                it.remove();
                lost++;
                return;
            }
        }
        // Serialization on the sender's link takes time even for packets that are then lost.
        long departure = now;
        if (conditions.bandwidth() > 0) {
            departure = Math.max(now, linkFreeAt[from]) + datagram.length * 1_000_000_000L / conditions.bandwidth();
            linkFreeAt[from] = departure;
        }
        if (random.nextDouble() < conditions.loss() || down(now)) {
            lost++;
            return;
        }
        schedule(1 - from, datagram, departure);
        if (random.nextDouble() < conditions.duplicate()) {
            duplicated++;
            schedule(1 - from, datagram.clone(), departure);
        }
    }

    private void schedule(int to, byte[] datagram, long departure) {
        long at = departure + conditions.delay();
        if (conditions.jitter() > 0) {
            at += random.nextLong(conditions.jitter() + 1);
        }
        if (random.nextDouble() < conditions.reorder()) {
            at += conditions.delay() + random.nextLong(conditions.delay() + 1);
        }
        inFlight.add(new Delivery(to, datagram, at, sequence++));
    }

    /** When the next datagram arrives, or {@link Long#MAX_VALUE}. */
    public long nextArrival() {
        Delivery d = inFlight.peek();
        return d == null ? Long.MAX_VALUE : d.at;
    }

    /** The next datagram due at or before {@code now}, or null. */
    public Delivery poll(long now) {
        Delivery d;
        while ((d = inFlight.peek()) != null && d.at <= now) {
            inFlight.poll();
            if (!down(d.at)) {
                return d;
            }
            lost++;
        }
        return null;
    }

    public long sentCount() {
        return sent;
    }

    public long lostCount() {
        return lost;
    }

    public long duplicatedCount() {
        return duplicated;
    }

    public long largestDatagram() {
        return largest;
    }
}
