package io.puredc.sctp.sim;

import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;

/**
 * Runs two sans-IO endpoints joined by a {@link SimNetwork} on a virtual clock: each step jumps
 * to the earliest timer or arrival, so minutes of protocol time take milliseconds and a seed
 * always gives the same run.
 */
public final class SimLoop {
    /** What the loop needs of an endpoint (an association, or data channels over one). */
    public interface Endpoint {
        void handlePacket(byte[] packet, long now);

        void handleTimeout(long now);

        byte[] pollPacket();

        long nextDeadline();

        /** Collects the endpoint's events into the test's lists. */
        void drainEvents();

        /** An endpoint from the five operations, for cores that share no interface. */
        static Endpoint of(java.util.function.ObjLongConsumer<byte[]> handlePacket,
                java.util.function.LongConsumer handleTimeout, java.util.function.Supplier<byte[]> pollPacket,
                java.util.function.LongSupplier nextDeadline, Runnable drainEvents) {
            return new Endpoint() {
                @Override
                public void handlePacket(byte[] packet, long now) {
                    handlePacket.accept(packet, now);
                }

                @Override
                public void handleTimeout(long now) {
                    handleTimeout.accept(now);
                }

                @Override
                public byte[] pollPacket() {
                    return pollPacket.get();
                }

                @Override
                public long nextDeadline() {
                    return nextDeadline.getAsLong();
                }

                @Override
                public void drainEvents() {
                    drainEvents.run();
                }
            };
        }
    }

    private final SimNetwork net;
    private final Endpoint a;
    private final Endpoint b;
    /** Rewrites datagrams on their way out (null drops them): for scripted tampering. */
    public UnaryOperator<byte[]> tamperFromA = UnaryOperator.identity();
    public UnaryOperator<byte[]> tamperFromB = UnaryOperator.identity();
    private long now;

    public SimLoop(SimNetwork net, Endpoint a, Endpoint b) {
        this.net = net;
        this.a = a;
        this.b = b;
    }

    public long now() {
        return now;
    }

    /** Hands every queued packet to the network and collects every event. */
    public void drain() {
        byte[] p;
        while ((p = a.pollPacket()) != null) {
            byte[] out = tamperFromA.apply(p);
            if (out != null) {
                net.send(0, out, now);
            }
        }
        while ((p = b.pollPacket()) != null) {
            byte[] out = tamperFromB.apply(p);
            if (out != null) {
                net.send(1, out, now);
            }
        }
        a.drainEvents();
        b.drainEvents();
    }

    /** Advances to the next timer or arrival; false when nothing is left to happen. */
    public boolean step() {
        long next = Math.min(Math.min(a.nextDeadline(), b.nextDeadline()), net.nextArrival());
        if (next == Long.MAX_VALUE) {
            return false;
        }
        now = Math.max(now, next);
        SimNetwork.Delivery d;
        while ((d = net.poll(now)) != null) {
            (d.to() == 0 ? a : b).handlePacket(d.datagram(), now);
            drain();
        }
        if (a.nextDeadline() <= now) {
            a.handleTimeout(now);
        }
        if (b.nextDeadline() <= now) {
            b.handleTimeout(now);
        }
        drain();
        return true;
    }

    /** Runs until {@code done} or {@code maxNanos} of simulated time pass; returns whether done. */
    public boolean runUntil(BooleanSupplier done, long maxNanos) {
        long limit = now + maxNanos;
        while (!done.getAsBoolean() && now < limit) {
            if (!step()) {
                break;
            }
        }
        return done.getAsBoolean();
    }
}
