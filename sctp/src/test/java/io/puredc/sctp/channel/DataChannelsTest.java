package io.puredc.sctp.channel;

import static io.puredc.sctp.sim.AssociationPair.MS;
import static io.puredc.sctp.sim.ChannelPair.of;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.puredc.sctp.sim.ChannelPair;
import io.puredc.sctp.sim.SimNetwork;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** RFC 8831/8832 data channels over the simulated network. */
class DataChannelsTest {
    private static final int MAX = 256 * 1024;

    private static ChannelPair pair(long seed, double loss) {
        ChannelPair p = new ChannelPair(seed, new SimNetwork.Conditions(loss, 0, 0, 10 * MS, 2 * MS, 0, 1200), MAX, MAX);
        p.connectBoth();
        assertTrue(p.runUntil(() -> !of(p.eventsA, ChannelEvent.Connected.class).isEmpty()
                && !of(p.eventsB, ChannelEvent.Connected.class).isEmpty(), 60_000 * MS));
        return p;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void dcepOpenCreatesTheRemoteChannelWithLabelProtocolAndTypeRfc8832Section6() {
        ChannelPair p = pair(1, 0);
        Channel mine = p.a.create("chat", ChannelOptions.of(false, 3, -1).withProtocol("json"), p.now());
        p.drain();
        assertEquals(0, mine.id(), "the DTLS client takes even ids");
        assertEquals(Channel.State.OPEN, mine.state());
        assertTrue(p.runUntil(() -> !of(p.eventsB, ChannelEvent.Opened.class).isEmpty(), 1000 * MS));
        Channel theirs = of(p.eventsB, ChannelEvent.Opened.class).get(0).channel();
        assertEquals("chat", theirs.label());
        assertEquals("json", theirs.protocol());
        assertFalse(theirs.options().ordered());
        assertEquals(3, theirs.options().maxRetransmits());
        assertTrue(theirs.isRemote());
        Channel odd = p.b.create("from-b", ChannelOptions.reliableOrdered(), p.now());
        assertEquals(1, odd.id(), "the DTLS server takes odd ids");
    }

    @Test
    void stringBinaryAndEmptyMessagesKeepTheirTypeAndOrderRfc8831Section66() {
        ChannelPair p = pair(2, 0.1);
        Channel ch = p.a.create("echo", ChannelOptions.reliableOrdered(), p.now());
        p.a.send(ch, new byte[0], true, p.now());
        p.a.send(ch, new byte[0], false, p.now());
        p.a.send(ch, utf8("x"), false, p.now());
        p.a.send(ch, new byte[] {1, 2, 3}, true, p.now());
        p.a.send(ch, new byte[MAX], true, p.now());
        p.drain();
        assertTrue(p.runUntil(() -> of(p.eventsB, ChannelEvent.Message.class).size() == 5, 60_000 * MS));
        List<ChannelEvent.Message> got = of(p.eventsB, ChannelEvent.Message.class);
        assertTrue(got.get(0).binary());
        assertEquals(0, got.get(0).data().length);
        assertFalse(got.get(1).binary());
        assertEquals(0, got.get(1).data().length);
        assertEquals("x", new String(got.get(2).data(), StandardCharsets.UTF_8));
        assertArrayEquals(new byte[] {1, 2, 3}, got.get(3).data());
        assertEquals(MAX, got.get(4).data().length);
    }

    @Test
    void theRemoteMaxMessageSizeIsEnforcedOnSendRfc8841Section6() {
        ChannelPair p = new ChannelPair(3, SimNetwork.Conditions.perfect(5 * MS), MAX, 65536);
        p.connectBoth();
        Channel ch = p.a.create("x", ChannelOptions.reliableOrdered(), p.now());
        assertTrue(p.runUntil(() -> ch.state() == Channel.State.OPEN, 1000 * MS));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> p.a.send(ch, new byte[65537], true, p.now()));
        assertTrue(e.getMessage().contains("65536"), e.getMessage());
        p.a.send(ch, new byte[65536], true, p.now());
    }

    @Test
    void negotiatedChannelsSkipDcepAndUseTheAgreedId() {
        ChannelPair p = pair(4, 0);
        Channel a = p.a.create("neg", ChannelOptions.negotiatedWith(7, true), p.now());
        Channel b = p.b.create("neg", ChannelOptions.negotiatedWith(7, true), p.now());
        assertEquals(Channel.State.OPEN, a.state());
        p.a.send(a, utf8("hello"), false, p.now());
        p.drain();
        assertTrue(p.runUntil(() -> !of(p.eventsB, ChannelEvent.Message.class).isEmpty(), 1000 * MS));
        ChannelEvent.Message m = of(p.eventsB, ChannelEvent.Message.class).get(0);
        assertEquals(b, m.channel());
        assertEquals(0, of(p.eventsB, ChannelEvent.Opened.class).stream().filter(o -> o.channel().isRemote()).count(),
                "no DCEP OPEN announced a remote channel");
    }

    @Test
    void aChannelCreatedBeforeTheAssociationIsUpOpensOnceItIs() {
        ChannelPair p = new ChannelPair(5, SimNetwork.Conditions.perfect(5 * MS), MAX, MAX);
        Channel early = p.a.create("early", ChannelOptions.reliableOrdered(), 0);
        assertEquals(Channel.State.CONNECTING, early.state());
        p.connectBoth();
        assertTrue(p.runUntil(() -> !of(p.eventsB, ChannelEvent.Opened.class).isEmpty(), 1000 * MS));
        assertEquals(Channel.State.OPEN, early.state());
    }

    @Test
    void closingResetsBothDirectionsAndFreesTheIdRfc8831Section67() {
        ChannelPair p = pair(6, 0.1);
        Channel ch = p.a.create("x", ChannelOptions.reliableOrdered(), p.now());
        for (int i = 0; i < 20; i++) {
            p.a.send(ch, utf8("m" + i), false, p.now());
        }
        p.a.close(ch, p.now());
        p.drain();
        assertThrows(IllegalStateException.class, () -> p.a.send(ch, utf8("late"), false, p.now()));
        assertTrue(p.runUntil(() -> !of(p.eventsA, ChannelEvent.Closed.class).isEmpty()
                && !of(p.eventsB, ChannelEvent.Closed.class).isEmpty(), 60_000 * MS));
        assertEquals(20, of(p.eventsB, ChannelEvent.Message.class).size(), "data sent before close arrives");
        assertEquals(1, of(p.eventsB, ChannelEvent.Closing.class).size());
        assertEquals(Channel.State.CLOSED, ch.state());
        Channel again = p.a.create("y", ChannelOptions.reliableOrdered(), p.now());
        assertEquals(0, again.id(), "the id is free again once both directions were reset");
        p.a.send(again, utf8("after"), false, p.now());
        p.drain();
        assertTrue(p.runUntil(() -> of(p.eventsB, ChannelEvent.Opened.class).size() == 2
                && of(p.eventsB, ChannelEvent.Message.class).size() == 21, 60_000 * MS));
    }

    @Test
    void theRemoteSideClosesAndTheConnectionStaysUsable() {
        ChannelPair p = pair(7, 0);
        Channel x = p.a.create("x", ChannelOptions.reliableOrdered(), p.now());
        p.a.send(x, utf8("first"), false, p.now());
        p.drain();
        assertTrue(p.runUntil(() -> !of(p.eventsB, ChannelEvent.Message.class).isEmpty(), 1000 * MS));
        p.b.close(of(p.eventsB, ChannelEvent.Message.class).get(0).channel(), p.now());
        p.drain();
        assertTrue(p.runUntil(() -> x.state() == Channel.State.CLOSED, 10_000 * MS));
        Channel y = p.a.create("y", ChannelOptions.reliableOrdered(), p.now());
        p.drain();
        assertTrue(p.runUntil(() -> of(p.eventsB, ChannelEvent.Opened.class).stream()
                .anyMatch(o -> o.channel().label().equals("y")), 1000 * MS));
        assertEquals(Channel.State.OPEN, y.state());
    }

    @Test
    void manyChannelsOpenEchoAndCloseAll() {
        ChannelPair p = pair(8, 0.05);
        int n = 128;
        for (int i = 0; i < n; i++) {
            Channel c = p.a.create("c" + i, ChannelOptions.reliableOrdered(), p.now());
            p.a.send(c, utf8("c" + i), false, p.now());
        }
        p.drain();
        assertTrue(p.runUntil(() -> of(p.eventsB, ChannelEvent.Message.class).size() == n, 60_000 * MS));
        Set<String> labels = new HashSet<>();
        for (ChannelEvent.Message m : of(p.eventsB, ChannelEvent.Message.class)) {
            assertEquals(m.channel().label(), new String(m.data(), StandardCharsets.UTF_8));
            labels.add(m.channel().label());
        }
        assertEquals(n, labels.size());
        for (Channel c : List.copyOf(p.a.channels())) {
            p.a.close(c, p.now());
        }
        p.drain();
        assertTrue(p.runUntil(() -> of(p.eventsB, ChannelEvent.Closed.class).size() == n
                && of(p.eventsA, ChannelEvent.Closed.class).size() == n, 120_000 * MS));
    }

    @Test
    void abortClosesEveryChannel() {
        ChannelPair p = pair(9, 0);
        p.a.create("x", ChannelOptions.reliableOrdered(), p.now());
        p.drain();
        assertTrue(p.runUntil(() -> !of(p.eventsB, ChannelEvent.Opened.class).isEmpty(), 1000 * MS));
        p.a.association().abort("gone", p.now());
        p.drain();
        assertTrue(p.runUntil(() -> !of(p.eventsB, ChannelEvent.AssociationEnded.class).isEmpty(), 1000 * MS));
        assertEquals(1, of(p.eventsB, ChannelEvent.Closed.class).size());
        assertTrue(of(p.eventsB, ChannelEvent.AssociationEnded.class).get(0).error());
    }
}
