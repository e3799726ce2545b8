package io.puredc.sctp.assoc;

import static io.puredc.sctp.sim.AssociationPair.MS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.puredc.sctp.api.AssociationEvent;
import io.puredc.sctp.api.AssociationState;
import io.puredc.sctp.packet.Crc32c;
import io.puredc.sctp.packet.SctpPacket;
import io.puredc.sctp.packet.chunk.CookieEchoChunk;
import io.puredc.sctp.packet.chunk.InitAckChunk;
import io.puredc.sctp.sim.AssociationPair;
import io.puredc.sctp.sim.SimNetwork;
import org.junit.jupiter.api.Test;

/** RFC 9260 §5: the four-way handshake, its timers and its collision cases. */
class HandshakeTest {

    private static boolean firstChunkIs(byte[] packet, Class<?> type) {
        try {
            return type.isInstance(SctpPacket.parse(packet).chunks().get(0));
        } catch (Exception e) {
            return false;
        }
    }

    @Test
    void oneSideConnectsRfc9260Section51() {
        AssociationPair p = new AssociationPair(1, SimNetwork.Conditions.perfect(5 * MS));
        p.a.connect(0);
        p.drain();
        assertTrue(p.runUntil(p::connected, 1000 * MS));
        assertEquals(AssociationState.ESTABLISHED, p.a.state());
        assertEquals(AssociationState.ESTABLISHED, p.b.state());
        assertEquals(20 * MS, p.now(), "two round trips: INIT/INIT-ACK, COOKIE-ECHO/COOKIE-ACK");
    }

    @Test
    void simultaneousConnectIsAnInitCollisionRfc9260Section521() {
        for (long seed = 0; seed < 20; seed++) {
            AssociationPair p = new AssociationPair(seed, SimNetwork.Conditions.perfect(5 * MS));
            p.connectBoth();
            assertTrue(p.runUntil(p::connected, 1000 * MS), "seed " + seed);
            assertEquals(1, p.eventsA.stream().filter(e -> e instanceof AssociationEvent.Connected).count());
            assertEquals(1, p.eventsB.stream().filter(e -> e instanceof AssociationEvent.Connected).count());
        }
    }

    @Test
    void lostInitIsRetransmittedOnT1InitRfc9260Section51A() {
        AssociationPair p = new AssociationPair(2, SimNetwork.Conditions.perfect(5 * MS));
        p.net.dropNextFrom(0, pkt -> firstChunkIs(pkt, io.puredc.sctp.packet.chunk.InitChunk.class));
        p.a.connect(0);
        p.drain();
        assertTrue(p.runUntil(p::connected, 5000 * MS));
        assertEquals(1000 * MS + 20 * MS, p.now(), "one RTO.Initial later");
    }

    @Test
    void lostCookieAckIsRecoveredByT1CookieRfc9260Section51C() {
        AssociationPair p = new AssociationPair(3, SimNetwork.Conditions.perfect(5 * MS));
        p.net.dropNextFrom(1, pkt -> firstChunkIs(pkt, io.puredc.sctp.packet.chunk.CookieAckChunk.class));
        p.a.connect(0);
        p.drain();
        assertTrue(p.runUntil(p::connected, 5000 * MS));
        assertEquals(AssociationState.ESTABLISHED, p.a.state());
    }

    @Test
    void tamperedCookieIsRefusedRfc9260Section515() {
        AssociationPair p = new AssociationPair(4, SimNetwork.Conditions.perfect(5 * MS));
        p.setTamperFromA(pkt -> {
            if (!firstChunkIs(pkt, CookieEchoChunk.class)) {
                return pkt;
            }
            byte[] t = pkt.clone();
            t[SctpPacket.HEADER_SIZE + 4 + 10] ^= 0x01; // a byte inside the cookie
            Crc32c.store(t, 0, Crc32c.compute(t, 0, t.length));
            return t;
        });
        p.a.connect(0);
        p.drain();
        assertFalse(p.runUntil(p::connected, 3000 * MS));
        assertTrue(p.b.metrics().badCookies() > 0);
        assertEquals(AssociationState.CLOSED, p.b.state());
    }

    @Test
    void staleCookieIsRefusedWithAnErrorRfc9260Section515Step3() throws Exception {
        AssociationPair p = new AssociationPair(5, SimNetwork.Conditions.perfect(5 * MS));
        java.util.List<byte[]> echoes = new java.util.ArrayList<>();
        p.setTamperFromA(pkt -> {
            if (firstChunkIs(pkt, CookieEchoChunk.class)) {
                echoes.add(pkt);
                return null;
            }
            return pkt;
        });
        p.a.connect(0);
        p.drain();
        assertTrue(p.runUntil(() -> !echoes.isEmpty(), 1000 * MS));
        // The echo reaches B 61 s after B made the cookie: past the 60 s lifetime.
        p.b.handlePacket(echoes.get(0), p.now() + 61_000 * MS);
        assertEquals(1, p.b.metrics().staleCookies());
        assertEquals(AssociationState.CLOSED, p.b.state());
        SctpPacket answer = SctpPacket.parse(p.b.pollPacket());
        io.puredc.sctp.packet.chunk.ErrorChunk error = (io.puredc.sctp.packet.chunk.ErrorChunk) answer.chunks().get(0);
        assertTrue(error.causes().get(0) instanceof io.puredc.sctp.packet.cause.StaleCookieCause);
    }

    @Test
    void packetsWithAWrongVerificationTagAreDroppedRfc9260Section85() {
        AssociationPair p = new AssociationPair(6, SimNetwork.Conditions.perfect(5 * MS));
        p.connectBoth();
        assertTrue(p.runUntil(p::connected, 1000 * MS));
        byte[] stray = new SctpPacket(5000, 5000, 0x12345678,
                java.util.List.of(new io.puredc.sctp.packet.chunk.CookieAckChunk())).toBytes();
        p.b.handlePacket(stray, p.now());
        assertEquals(1, p.b.metrics().badVerificationTag());
        byte[] corrupt = stray.clone();
        corrupt[corrupt.length - 1] ^= 1;
        p.b.handlePacket(corrupt, p.now());
        assertEquals(1, p.b.metrics().badChecksum());
        p.b.handlePacket(new byte[] {1, 2, 3}, p.now());
        assertEquals(1, p.b.metrics().malformedPackets());
        assertEquals(AssociationState.ESTABLISHED, p.b.state());
    }

    @Test
    void unansweredInitGivesUpAfterMaxInitRetransmits() {
        AssociationPair p = new AssociationPair(7, SimNetwork.Conditions.perfect(5 * MS).withLoss(1.0));
        p.a.connect(0);
        p.drain();
        p.runUntil(() -> p.a.state() == AssociationState.CLOSED, 600_000 * MS);
        assertTrue(p.eventsA.stream().anyMatch(e -> e instanceof AssociationEvent.Aborted));
    }

    @Test
    void initAckInCookieEchoedIsDiscardedRfc9260Section523() {
        AssociationPair p = new AssociationPair(8, SimNetwork.Conditions.perfect(5 * MS));
        p.a.connect(0);
        p.drain();
        // Duplicate every INIT ACK: the second one reaches A in COOKIE-ECHOED.
        p.setTamperFromB(pkt -> {
            if (firstChunkIs(pkt, InitAckChunk.class)) {
                p.net.send(1, pkt.clone(), p.now());
            }
            return pkt;
        });
        assertTrue(p.runUntil(p::connected, 1000 * MS));
        assertTrue(p.a.metrics().unexpectedChunks() > 0);
    }
}
