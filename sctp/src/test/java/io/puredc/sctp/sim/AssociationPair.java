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

/** Two associations over a {@link SimNetwork}, driven by a {@link SimLoop}, with their events collected. */
public final class AssociationPair {
    public static final long MS = 1_000_000L;

    public final Association a;
    public final Association b;
    public final SimNetwork net;
    public final List<AssociationEvent> eventsA = new ArrayList<>();
    public final List<AssociationEvent> eventsB = new ArrayList<>();
    public final List<Message> receivedA = new ArrayList<>();
    public final List<Message> receivedB = new ArrayList<>();
    /** While false, B's application does not read: its events stay queued (a slow reader). */
    public boolean readB = true;
    private final SimLoop loop;

    public AssociationPair(long seed, SimNetwork.Conditions conditions) {
        this(seed, conditions, SctpOptions.defaults(), SctpOptions.defaults());
    }

    public AssociationPair(long seed, SimNetwork.Conditions conditions, SctpOptions optionsA, SctpOptions optionsB) {
        SplittableRandom r = new SplittableRandom(seed);
        this.a = new Association(optionsA, r.split());
        this.b = new Association(optionsB, r.split());
        this.net = new SimNetwork(r.nextLong(), conditions);
        this.loop = new SimLoop(net, endpoint(a, eventsA, receivedA, () -> true),
                endpoint(b, eventsB, receivedB, () -> readB));
    }

    private static SimLoop.Endpoint endpoint(Association x, List<AssociationEvent> events, List<Message> received,
            BooleanSupplier reading) {
        return SimLoop.Endpoint.of(x::handlePacket, x::handleTimeout, x::pollPacket, x::nextDeadline, () -> {
            AssociationEvent e;
            while (reading.getAsBoolean() && (e = x.pollEvent()) != null) {
                events.add(e);
                if (e instanceof AssociationEvent.MessageReceived m) {
                    received.add(m.message());
                }
            }
        });
    }

    public void setTamperFromA(UnaryOperator<byte[]> t) {
        loop.tamperFromA = t;
    }

    public void setTamperFromB(UnaryOperator<byte[]> t) {
        loop.tamperFromB = t;
    }

    public long now() {
        return loop.now();
    }

    /** Both sides connect at once, as WebRTC peers do (an INIT collision). */
    public void connectBoth() {
        a.connect(now());
        b.connect(now());
        drain();
    }

    public void drain() {
        loop.drain();
    }

    public boolean step() {
        return loop.step();
    }

    public boolean runUntil(BooleanSupplier done, long maxNanos) {
        return loop.runUntil(done, maxNanos);
    }

    public boolean connected() {
        return eventsA.stream().anyMatch(e -> e instanceof AssociationEvent.Connected)
                && eventsB.stream().anyMatch(e -> e instanceof AssociationEvent.Connected);
    }
}
