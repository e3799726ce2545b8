package io.puredc.sctp.assoc;

import static io.puredc.sctp.sim.AssociationPair.MS;
import static io.puredc.sctp.sim.ChannelPair.of;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.puredc.sctp.api.AssociationEvent;
import io.puredc.sctp.api.AssociationState;
import io.puredc.sctp.api.Message;
import io.puredc.sctp.api.SctpOptions;
import io.puredc.sctp.api.SendOptions;
import io.puredc.sctp.channel.Channel;
import io.puredc.sctp.channel.ChannelEvent;
import io.puredc.sctp.channel.ChannelOptions;
import io.puredc.sctp.sim.AssociationPair;
import io.puredc.sctp.sim.ChannelPair;
import io.puredc.sctp.sim.SimNetwork;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Link outages (RFC 9260 §6.3.3 T3-rtx backoff, §8.1 and §8.2 error counting): a 30 s outage
 * is survived, one that never ends closes the association once Association.Max.Retrans is
 * passed.
 */
class OutageTest {
    private static final long SECOND = 1000 * MS;

    private static SimNetwork.Conditions link() {
        return new SimNetwork.Conditions(0.01, 0.01, 0.05, 20 * MS, 5 * MS, 5_000_000, 1200);
    }

    private static Message message(int stream, int index, int size) {
        byte[] b = new byte[size];
        SplittableRandom r = new SplittableRandom(stream * 1_000_003L + index);
        r.nextBytes(b);
        b[0] = (byte) (index >>> 8);
        b[1] = (byte) index;
        return new Message(stream, 53, b);
    }

    private static int index(Message m) {
        return (m.payload()[0] & 0xFF) << 8 | (m.payload()[1] & 0xFF);
    }

    @Test
    void aThirtySecondOutageMidTransferIsSurvivedAndEveryMessageArrivesOnceInOrder() {
        AssociationPair p = new AssociationPair(30, link());
        p.connectBoth();
        assertTrue(p.runUntil(p::connected, 60 * SECOND));
        int count = 400;
        for (int i = 0; i < count; i++) {
            p.a.send(message(i % 2, i, 500 + (i * 37) % 4000), SendOptions.reliable(false), p.now());
            if (i % 4 == 0) {
                p.b.send(message(0, i, 300), SendOptions.RELIABLE_ORDERED, p.now());
            }
        }
        p.drain();
        assertTrue(p.runUntil(() -> p.receivedB.size() >= count / 4, 60 * SECOND));
        long outageStart = p.now();
        long outageEnd = outageStart + 30 * SECOND;
        p.net.outage(outageStart, outageEnd);
        long t3Before = p.a.metrics().t3Expirations();

        assertTrue(p.runUntil(() -> p.receivedB.size() == count && p.receivedA.size() == count / 4, 600 * SECOND),
                "A->B " + p.receivedB.size() + ", B->A " + p.receivedA.size() + "; " + p.a.metrics());
        assertTrue(p.a.metrics().t3Expirations() - t3Before >= 5, "T3-rtx kept expiring through the outage");
        // The backoff is capped at 3 s: the path is used again within a few seconds of its return.
        assertTrue(p.now() < outageEnd + 15 * SECOND, "finished " + (p.now() - outageEnd) / MS + " ms after the outage");
        p.runUntil(() -> false, 5 * SECOND);

        assertEquals(AssociationState.ESTABLISHED, p.a.state());
        assertEquals(AssociationState.ESTABLISHED, p.b.state());
        assertEquals(count, p.receivedB.size(), "exactly once");
        int[] next = new int[2];
        for (Message m : p.receivedB) {
            int i = index(m);
            assertEquals(next[m.streamId()], i / 2, "stream " + m.streamId() + " in order");
            next[m.streamId()]++;
            assertArrayEquals(message(m.streamId(), i, m.size()).payload(), m.payload());
        }
        for (int k = 0; k < p.receivedA.size(); k++) {
            assertEquals(4 * k, index(p.receivedA.get(k)));
        }
        assertTrue(p.eventsA.stream().noneMatch(e -> e instanceof AssociationEvent.Aborted));
    }

    @Test
    void anOutageThatNeverEndsClosesBothSidesAfterTheirRetransmissionLimitRfc9260Section81() {
        int limit = 5;
        SctpOptions options = SctpOptions.defaults().withMaxRetransmissions(limit);
        ChannelPair p = new ChannelPair(31, link(), options, options);
        int[] sentByA = {0};
        int[] sentByB = {0};
        p.setTamperFromA(d -> {
            sentByA[0]++;
            return d;
        });
        p.setTamperFromB(d -> {
            sentByB[0]++;
            return d;
        });
        p.connectBoth();
        assertTrue(p.runUntil(() -> !of(p.eventsA, ChannelEvent.Connected.class).isEmpty()
                && !of(p.eventsB, ChannelEvent.Connected.class).isEmpty(), 60 * SECOND));
        Channel ch = p.a.create("files", ChannelOptions.reliableOrdered(), p.now());
        p.a.send(ch, new byte[100], true, p.now());
        p.drain();
        assertTrue(p.runUntil(() -> !of(p.eventsB, ChannelEvent.Message.class).isEmpty(), 10 * SECOND));
        p.runUntil(() -> false, 2 * SECOND); // every SACK in, B has nothing outstanding

        p.net.outage(p.now(), Long.MAX_VALUE);
        for (int i = 0; i < 20; i++) {
            p.a.send(ch, new byte[1000], true, p.now());
        }
        p.drain();

        // A has DATA outstanding: T3-rtx expires limit + 1 times, then A gives up.
        assertTrue(p.runUntil(() -> !of(p.eventsA, ChannelEvent.AssociationEnded.class).isEmpty(), 600 * SECOND));
        ChannelEvent.AssociationEnded endA = of(p.eventsA, ChannelEvent.AssociationEnded.class).get(0);
        assertTrue(endA.error());
        assertTrue(endA.reason().contains("T3-rtx") && endA.reason().contains("§8.1"), endA.reason());
        assertEquals(limit + 1, p.a.association().metrics().t3Expirations());
        assertEquals(AssociationState.CLOSED, p.a.association().state());
        List<ChannelEvent.Closed> closedA = of(p.eventsA, ChannelEvent.Closed.class);
        assertEquals(1, closedA.size());
        assertEquals(ch.id(), closedA.get(0).channel().id());
        assertEquals(Channel.State.CLOSED, ch.state());
        int sentAtEnd = sentByA[0];
        int eventsAtEnd = p.eventsA.size();

        // B only receives: its unanswered HEARTBEATs (one per 30 s interval) reach the limit.
        assertTrue(p.runUntil(() -> !of(p.eventsB, ChannelEvent.AssociationEnded.class).isEmpty(), 3600 * SECOND));
        ChannelEvent.AssociationEnded endB = of(p.eventsB, ChannelEvent.AssociationEnded.class).get(0);
        assertTrue(endB.error());
        assertTrue(endB.reason().contains("HEARTBEAT"), endB.reason());
        assertEquals(1, of(p.eventsB, ChannelEvent.Closed.class).size());
        int sentByBAtEnd = sentByB[0];

        p.runUntil(() -> false, 3600 * SECOND);
        assertEquals(sentAtEnd, sentByA[0], "A sends nothing once closed");
        assertEquals(sentByBAtEnd, sentByB[0], "B sends nothing once closed");
        assertEquals(Long.MAX_VALUE, p.a.nextDeadline(), "no timer runs on a closed association");
        assertEquals(Long.MAX_VALUE, p.b.nextDeadline());
        assertNull(p.a.pollPacket());
        assertEquals(eventsAtEnd, p.eventsA.size(), "no events after the end: " + p.eventsA);
        assertFalse(p.a.channels().iterator().hasNext(), "no channel left open");
    }

    @Test
    void withoutALimitTheAssociationNeverGivesUpOnItsOwn() {
        // The WebRTC default (Chrome, jvb): SCTP keeps retrying; ICE consent decides.
        AssociationPair p = new AssociationPair(32, link());
        p.connectBoth();
        assertTrue(p.runUntil(p::connected, 60 * SECOND));
        p.net.outage(p.now(), Long.MAX_VALUE);
        p.a.send(message(0, 1, 1000), SendOptions.RELIABLE_ORDERED, p.now());
        p.drain();
        p.runUntil(() -> false, 1800 * SECOND);
        assertTrue(p.a.metrics().t3Expirations() > 100, "still retrying every 3 s: " + p.a.metrics());
        assertEquals(AssociationState.ESTABLISHED, p.a.state());
        assertEquals(AssociationState.ESTABLISHED, p.b.state());
    }
}
