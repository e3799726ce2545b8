package io.puredc.sctp.assoc;

import static io.puredc.sctp.sim.AssociationPair.MS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.puredc.sctp.api.AssociationEvent;
import io.puredc.sctp.api.AssociationState;
import io.puredc.sctp.api.Message;
import io.puredc.sctp.api.SendOptions;
import io.puredc.sctp.sim.AssociationPair;
import io.puredc.sctp.sim.SimNetwork;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RFC 9260 §9 (ABORT, SHUTDOWN) and RFC 6525 stream resets, as data channels close. */
class ShutdownAndResetTest {

    private static AssociationPair connected(long seed, double loss) {
        AssociationPair p = new AssociationPair(seed,
                new SimNetwork.Conditions(loss, 0, 0, 10 * MS, 2 * MS, 0, 1200));
        p.connectBoth();
        assertTrue(p.runUntil(p::connected, 60_000 * MS));
        return p;
    }

    private static Message text(int stream, String s) {
        return new Message(stream, 51, s.getBytes());
    }

    private static boolean has(List<AssociationEvent> events, Class<?> type) {
        return events.stream().anyMatch(type::isInstance);
    }

    @Test
    void gracefulShutdownDeliversQueuedDataFirstRfc9260Section92() {
        AssociationPair p = connected(1, 0.1);
        for (int i = 0; i < 50; i++) {
            p.a.send(text(0, "m" + i), SendOptions.RELIABLE_ORDERED, p.now());
        }
        p.a.shutdown(p.now());
        p.drain();
        assertThrows(IllegalStateException.class, () -> p.a.send(text(0, "late"), SendOptions.RELIABLE_ORDERED, p.now()));
        assertTrue(p.runUntil(() -> has(p.eventsA, AssociationEvent.Closed.class)
                && has(p.eventsB, AssociationEvent.Closed.class), 120_000 * MS));
        assertEquals(50, p.receivedB.size());
        assertEquals(AssociationState.CLOSED, p.a.state());
        assertEquals(AssociationState.CLOSED, p.b.state());
    }

    @Test
    void abortEndsBothSidesAndCarriesTheReasonRfc9260Section91() {
        AssociationPair p = connected(2, 0);
        p.a.abort("bye now", p.now());
        p.drain();
        assertTrue(p.runUntil(() -> has(p.eventsB, AssociationEvent.Aborted.class), 1000 * MS));
        AssociationEvent.Aborted aborted = (AssociationEvent.Aborted) p.eventsB.stream()
                .filter(e -> e instanceof AssociationEvent.Aborted).findFirst().orElseThrow();
        assertTrue(aborted.byPeer());
        assertTrue(aborted.reason().contains("bye now"), aborted.reason());
        assertEquals(AssociationState.CLOSED, p.b.state());
    }

    @Test
    void resetWithDataInFlightDeliversTheDataBeforeTheResetRfc6525Section522() {
        AssociationPair p = connected(3, 0.2);
        for (int i = 0; i < 100; i++) {
            p.a.send(text(5, "x" + i), SendOptions.RELIABLE_ORDERED, p.now());
        }
        p.a.resetStreams(List.of(5), p.now());
        p.drain();
        assertThrows(IllegalStateException.class, () -> p.a.send(text(5, "late"), SendOptions.RELIABLE_ORDERED, p.now()));
        assertTrue(p.runUntil(() -> has(p.eventsA, AssociationEvent.OutgoingStreamsReset.class), 120_000 * MS));
        int resetAt = -1;
        for (int i = 0; i < p.eventsB.size(); i++) {
            if (p.eventsB.get(i) instanceof AssociationEvent.IncomingStreamsReset r) {
                assertEquals(List.of(5), r.streamIds());
                resetAt = i;
            }
        }
        assertTrue(resetAt >= 0, "B saw the reset");
        long messagesBeforeReset = p.eventsB.subList(0, resetAt).stream()
                .filter(e -> e instanceof AssociationEvent.MessageReceived).count();
        assertEquals(100, messagesBeforeReset, "every message arrived before the close event");
    }

    @Test
    void aResetStreamStartsOverAtSsnZeroAndCanBeReused() {
        AssociationPair p = connected(4, 0);
        p.a.send(text(2, "one"), SendOptions.RELIABLE_ORDERED, p.now());
        p.a.send(text(2, "two"), SendOptions.RELIABLE_ORDERED, p.now());
        p.a.resetStreams(List.of(2), p.now());
        p.drain();
        assertTrue(p.runUntil(() -> has(p.eventsA, AssociationEvent.OutgoingStreamsReset.class), 10_000 * MS));
        p.a.send(text(2, "three"), SendOptions.RELIABLE_ORDERED, p.now());
        p.drain();
        assertTrue(p.runUntil(() -> p.receivedB.size() == 3, 10_000 * MS));
        assertEquals("three", new String(p.receivedB.get(2).payload()));
    }

    @Test
    void bothSidesClosingAtOnceBothComplete() {
        AssociationPair p = connected(5, 0.1);
        p.a.send(text(1, "from a"), SendOptions.RELIABLE_ORDERED, p.now());
        p.b.send(text(1, "from b"), SendOptions.RELIABLE_ORDERED, p.now());
        p.a.resetStreams(List.of(1), p.now());
        p.b.resetStreams(List.of(1), p.now());
        p.drain();
        assertTrue(p.runUntil(() -> has(p.eventsA, AssociationEvent.OutgoingStreamsReset.class)
                && has(p.eventsB, AssociationEvent.OutgoingStreamsReset.class)
                && has(p.eventsA, AssociationEvent.IncomingStreamsReset.class)
                && has(p.eventsB, AssociationEvent.IncomingStreamsReset.class), 60_000 * MS));
        assertEquals(1, p.receivedA.size());
        assertEquals(1, p.receivedB.size());
    }

    @Test
    void manyStreamsClosedOneAfterAnotherAllComplete() {
        AssociationPair p = connected(6, 0.05);
        for (int s = 0; s < 64; s++) {
            p.a.send(text(s, "hi " + s), SendOptions.RELIABLE_ORDERED, p.now());
            p.a.resetStreams(List.of(s), p.now());
        }
        p.drain();
        assertTrue(p.runUntil(() -> p.eventsB.stream().filter(e -> e instanceof AssociationEvent.IncomingStreamsReset)
                .mapToInt(e -> ((AssociationEvent.IncomingStreamsReset) e).streamIds().size()).sum() == 64,
                120_000 * MS));
        assertEquals(64, p.receivedB.size());
    }
}
