package io.puredc.sctp.sim;

import io.puredc.sctp.api.SctpOptions;
import io.puredc.sctp.assoc.Association;
import io.puredc.sctp.channel.ChannelEvent;
import io.puredc.sctp.channel.DataChannels;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;

/** Data channels over two associations on a {@link SimNetwork}; A is the DTLS client (even ids). */
public final class ChannelPair {
    public final DataChannels a;
    public final DataChannels b;
    public final SimNetwork net;
    public final List<ChannelEvent> eventsA = new ArrayList<>();
    public final List<ChannelEvent> eventsB = new ArrayList<>();
    private final SimLoop loop;

    public ChannelPair(long seed, SimNetwork.Conditions conditions, int maxMessageSizeA, int maxMessageSizeB) {
        this(seed, conditions, SctpOptions.defaults().withMaxMessageSize(maxMessageSizeA),
                SctpOptions.defaults().withMaxMessageSize(maxMessageSizeB));
    }

    public ChannelPair(long seed, SimNetwork.Conditions conditions, SctpOptions oa, SctpOptions ob) {
        SplittableRandom r = new SplittableRandom(seed);
        this.a = new DataChannels(new Association(oa, r.split()), true, ob.maxMessageSize());
        this.b = new DataChannels(new Association(ob, r.split()), false, oa.maxMessageSize());
        this.net = new SimNetwork(r.nextLong(), conditions);
        this.loop = new SimLoop(net, endpoint(a, eventsA), endpoint(b, eventsB));
    }

    private static SimLoop.Endpoint endpoint(DataChannels x, List<ChannelEvent> events) {
        return SimLoop.Endpoint.of(x::handlePacket, x::handleTimeout, x::pollPacket, x::nextDeadline, () -> {
            ChannelEvent e;
            while ((e = x.pollEvent()) != null) {
                events.add(e);
            }
        });
    }

    /** Rewrites (or, returning null, drops) datagrams A sends: for counting or tampering. */
    public void setTamperFromA(java.util.function.UnaryOperator<byte[]> t) {
        loop.tamperFromA = t;
    }

    public void setTamperFromB(java.util.function.UnaryOperator<byte[]> t) {
        loop.tamperFromB = t;
    }

    public long now() {
        return loop.now();
    }

    public void connectBoth() {
        a.connect(now());
        b.connect(now());
        loop.drain();
    }

    public void drain() {
        loop.drain();
    }

    public boolean runUntil(BooleanSupplier done, long maxNanos) {
        return loop.runUntil(done, maxNanos);
    }

    public static <T extends ChannelEvent> List<T> of(List<ChannelEvent> events, Class<T> type) {
        List<T> out = new ArrayList<>();
        for (ChannelEvent e : events) {
            if (type.isInstance(e)) {
                out.add(type.cast(e));
            }
        }
        return out;
    }
}
