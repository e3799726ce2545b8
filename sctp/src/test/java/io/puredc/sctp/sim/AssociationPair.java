package io.puredc.sctp.sim;

import io.puredc.sctp.api.AssociationEvent;
import io.puredc.sctp.api.Message;
import io.puredc.sctp.api.SctpOptions;
import io.puredc.sctp.assoc.Association;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;

/**
 * Two associations joined by a {@link SimNetwork} on a virtual clock: each step jumps to the
 * earliest timer or arrival, so a test of minutes of protocol time runs in milliseconds and is
 * the same every run for a seed.
 */
public final class AssociationPair {
    public static final long MS = 1_000_000L;

    public final Association a;
    public final Association b;
    public final SimNetwork net;
    public final List<AssociationEvent> eventsA = new ArrayList<>();
    public final List<AssociationEvent> eventsB = new ArrayList<>();
    public final List<Message> receivedA = new ArrayList<>();
    public final List<Message> receivedB = new ArrayList<>();
    /** Rewrites datagrams on their way out (null drops them): for scripted tampering. */
    public UnaryOperator<byte[]> tamperFromA = UnaryOperator.identity();
    public UnaryOperator<byte[]> tamperFromB = UnaryOperator.identity();
    /** While false, B's application does not read: its events stay queued (a slow reader). */
    public boolean readB = true;
    private long now;

    public AssociationPair(long seed, SimNetwork.Conditions conditions) {
        this(seed, conditions, SctpOptions.defaults(), SctpOptions.defaults());
    }

    public AssociationPair(long seed, SimNetwork.Conditions conditions, SctpOptions optionsA, SctpOptions optionsB) {
        SplittableRandom r = new SplittableRandom(seed);
        this.a = new Association(optionsA, r.split());
        this.b = new Association(optionsB, r.split());
        this.net = new SimNetwork(r.nextLong(), conditions);
    }

    public long now() {
        return now;
    }

    /** Both sides connect at once, as WebRTC peers do (an INIT collision). */
    public void connectBoth() {
        a.connect(now);
        b.connect(now);
        drain();
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
        AssociationEvent e;
        while ((e = a.pollEvent()) != null) {
            eventsA.add(e);
            if (e instanceof AssociationEvent.MessageReceived m) {
                receivedA.add(m.message());
            }
        }
        while (readB && (e = b.pollEvent()) != null) {
            eventsB.add(e);
            if (e instanceof AssociationEvent.MessageReceived m) {
                receivedB.add(m.message());
            }
        }
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

    public boolean connected() {
        return eventsA.stream().anyMatch(e -> e instanceof AssociationEvent.Connected)
                && eventsB.stream().anyMatch(e -> e instanceof AssociationEvent.Connected);
    }
}
