package io.puredc.ice;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static io.puredc.ice.LoopbackPeers.assertBytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Two real agents on 127.0.0.1 (never any other address). */
@Timeout(60)
class IceAgentLoopbackTest {

    @Test
    void controllingAndControlledConnectWithATrickledCandidateAndExchangeDtlsDatagrams() throws Exception {
        LoopbackPeers a = LoopbackPeers.on127(IceRole.CONTROLLING);
        LoopbackPeers b = LoopbackPeers.on127(IceRole.CONTROLLED);
        try {
            List<IceCandidate> aCands = a.awaitCandidates();
            List<IceCandidate> bCands = b.awaitCandidates();
            assertEquals(1, aCands.size(), "one host candidate per loopback address: " + aCands);
            assertEquals("127.0.0.1", aCands.get(0).address());
            assertEquals(IceCandidate.HOST, aCands.get(0).type());

            // Signalling goes through SDP text both ways, as it would between processes.
            LoopbackPeers.exchangeCredentials(a, b);
            for (IceCandidate c : bCands) {
                assertEquals(IceAgent.RemoteCandidateResult.ADDED, a.agent.addRemoteCandidate(IceSdp.candidateLine(c)));
            }
            a.agent.start();
            b.agent.start();
            // B learns A's candidate only after its checks started (trickle, RFC 8838).
            assertEquals(IceAgent.RemoteCandidateResult.ADDED, b.agent.addRemoteCandidate(aCands.get(0).toString()));

            a.awaitState(IceState.CONNECTED, Duration.ofSeconds(15));
            b.awaitState(IceState.CONNECTED, Duration.ofSeconds(15));
            IceTransport ta = a.awaitTransport();
            IceTransport tb = b.awaitTransport();
            assertEquals(1228, ta.maxPacketSize());

            ta.send(ByteBuffer.wrap(new byte[] {22, (byte) 0xfe, (byte) 0xfd, 1, 2, 3}));
            assertBytes(new byte[] {22, (byte) 0xfe, (byte) 0xfd, 1, 2, 3}, b.awaitDatagram());
            byte[] big = new byte[1228];
            big[0] = 23;
            big[1227] = 99;
            tb.send(ByteBuffer.wrap(big));
            assertBytes(big, a.awaitDatagram());
            assertThrows(IllegalArgumentException.class, () -> ta.send(ByteBuffer.allocate(1229)));
        } finally {
            a.agent.close();
            b.agent.close();
        }
    }

    @Test
    void onlyDtlsFirstBytesAreDeliveredAndTheRestIsCounted() throws Exception {
        LoopbackPeers a = LoopbackPeers.on127(IceRole.CONTROLLING);
        LoopbackPeers b = LoopbackPeers.on127(IceRole.CONTROLLED);
        try {
            connect(a, b);
            IceTransport ta = a.awaitTransport();
            b.awaitTransport();
            long before = b.agent.droppedDatagrams();
            // RFC 7983 §7: 20..63 is DTLS; 19 (ZRTP range) and 64 (TURN channel range) and 128 (RTP) are not.
            for (int first : new int[] {19, 20, 64, 128, 63}) {
                ta.send(ByteBuffer.wrap(new byte[] {(byte) first, 7}));
            }
            assertBytes(new byte[] {20, 7}, b.awaitDatagram());
            assertBytes(new byte[] {63, 7}, b.awaitDatagram());
            // The reader handles datagrams in order, so the three before 63 were already counted.
            assertEquals(3, b.agent.droppedDatagrams() - before);
            assertNull(b.received.poll());
        } finally {
            a.agent.close();
            b.agent.close();
        }
    }

    @Test
    void datagramsArrivingBeforeTheReceiverIsSetAreDeliveredToItInOrder() throws Exception {
        LoopbackPeers a = LoopbackPeers.on127(IceRole.CONTROLLING);
        LoopbackPeers b = LoopbackPeers.on127(IceRole.CONTROLLED);
        try {
            connect(a, b);
            IceTransport ta = a.awaitTransport();
            IceTransport tb = b.agent.transport().get(10, java.util.concurrent.TimeUnit.SECONDS);
            // A DTLS ClientHello can beat the application's onReceive; it must not be lost.
            ta.send(ByteBuffer.wrap(new byte[] {22, 1}));
            ta.send(ByteBuffer.wrap(new byte[] {22, 2}));
            Thread.sleep(300);
            tb.onReceive(b.received::add);
            assertBytes(new byte[] {22, 1}, b.awaitDatagram());
            assertBytes(new byte[] {22, 2}, b.awaitDatagram());
        } finally {
            a.agent.close();
            b.agent.close();
        }
    }

    @Test
    void candidatesThatArriveBeforeTheRemoteCredentialsStillConnect() throws Exception {
        LoopbackPeers a = LoopbackPeers.on127(IceRole.CONTROLLING);
        LoopbackPeers b = LoopbackPeers.on127(IceRole.CONTROLLED);
        try {
            // Trickle can outrun the description; ice4j takes check usernames from the stream at check time.
            assertEquals(IceAgent.RemoteCandidateResult.ADDED, a.agent.addRemoteCandidate(b.awaitCandidates().get(0)));
            assertEquals(IceAgent.RemoteCandidateResult.ADDED, b.agent.addRemoteCandidate(a.awaitCandidates().get(0)));
            LoopbackPeers.exchangeCredentials(a, b);
            a.agent.start();
            b.agent.start();
            a.awaitState(IceState.CONNECTED, Duration.ofSeconds(15));
            b.awaitState(IceState.CONNECTED, Duration.ofSeconds(15));
            assertEquals(IceCandidate.HOST, a.agent.selectedRemoteType());
            assertEquals(IceCandidate.HOST, b.agent.selectedRemoteType());
            exchangeOneDatagramEachWay(a, b);
        } finally {
            a.agent.close();
            b.agent.close();
        }
    }

    @Test
    void agentsConnectOverIpv6Loopback() throws Exception {
        java.net.InetAddress v6 = java.net.InetAddress.getByName("::1");
        LoopbackPeers a = new LoopbackPeers(IceConfig.of(IceRole.CONTROLLING).withHostAddresses(v6));
        LoopbackPeers b = new LoopbackPeers(IceConfig.of(IceRole.CONTROLLED).withHostAddresses(v6));
        try {
            assertEquals("0:0:0:0:0:0:0:1", a.awaitCandidates().get(0).address());
            connect(a, b);
            exchangeOneDatagramEachWay(a, b);
        } finally {
            a.agent.close();
            b.agent.close();
        }
    }

    @Test
    void aCandidateTrickledAfterStartIsEnoughToConnect() throws Exception {
        LoopbackPeers a = LoopbackPeers.on127(IceRole.CONTROLLING);
        LoopbackPeers b = LoopbackPeers.on127(IceRole.CONTROLLED);
        try {
            LoopbackPeers.exchangeCredentials(a, b);
            a.agent.start();
            b.agent.start();
            a.awaitState(IceState.CHECKING, Duration.ofSeconds(5));
            // A's only remote candidate arrives while its checks already run; B gets none of A's and
            // can only learn A as peer-reflexive from A's checks.
            Thread.sleep(200);
            a.agent.addRemoteCandidate(b.awaitCandidates().get(0));
            a.awaitState(IceState.CONNECTED, Duration.ofSeconds(15));
            b.awaitState(IceState.CONNECTED, Duration.ofSeconds(15));
            assertEquals(IceCandidate.PRFLX, b.agent.selectedRemoteType());
            assertEquals(IceCandidate.HOST, a.agent.selectedRemoteType());
            exchangeOneDatagramEachWay(a, b);
        } finally {
            a.agent.close();
            b.agent.close();
        }
    }

    @Test
    void mdnsCandidateIsSkippedWithoutBlockingAndThePeerIsFoundAsPeerReflexive() throws Exception {
        LoopbackPeers a = LoopbackPeers.on127(IceRole.CONTROLLING);
        LoopbackPeers b = LoopbackPeers.on127(IceRole.CONTROLLED);
        try {
            LoopbackPeers.exchangeCredentials(a, b);
            IceCandidate bHost = b.awaitCandidates().get(0);
            // What a browser sends: its host address hidden behind a random mDNS name.
            String mdns = IceSdp.formatCandidate(bHost).replace("127.0.0.1", "4f9a2c1e-8d3b-4e71-9c55-0a6b7d2e3f10.local");
            long t0 = System.nanoTime();
            assertEquals(IceAgent.RemoteCandidateResult.SKIPPED_MDNS, a.agent.addRemoteCandidate(mdns));
            // "localhost" resolves on every machine: SKIPPED (not ADDED as 127.0.0.1) shows no look-up was made.
            assertEquals(IceAgent.RemoteCandidateResult.SKIPPED_HOSTNAME,
                    a.agent.addRemoteCandidate(IceSdp.formatCandidate(bHost).replace("127.0.0.1", "localhost")));
            long micros = (System.nanoTime() - t0) / 1000;
            System.out.println("skipping an mDNS and a host-name candidate took " + micros + " us");
            assertTrue(micros < 500_000, "skipping must not wait on a resolver: " + micros + " us");

            b.agent.addRemoteCandidate(a.awaitCandidates().get(0));
            a.agent.start();
            b.agent.start();
            a.awaitState(IceState.CONNECTED, Duration.ofSeconds(15));
            b.awaitState(IceState.CONNECTED, Duration.ofSeconds(15));
            assertEquals(IceCandidate.PRFLX, a.agent.selectedRemoteType());
            exchangeOneDatagramEachWay(a, b);
        } finally {
            a.agent.close();
            b.agent.close();
        }
    }

    @Test
    void closingOneSideTakesTheOtherThroughDisconnectedToFailedByConsent() throws Exception {
        java.net.InetAddress lo = java.net.InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
        LoopbackPeers a = LoopbackPeers.on127(IceRole.CONTROLLING);
        // Consent runs every second in this JVM (pom); 4 s without a response is DISCONNECTED, 6 s FAILED.
        // A healthy pair's consent is up to ~1.5 s old (0.8-1.2 s interval, 250 ms polling), so 2 s
        // left ~0.5 s for a late response on a loaded machine; 4 s leaves 2.5 s.
        LoopbackPeers b = new LoopbackPeers(IceConfig.of(IceRole.CONTROLLED).withHostAddresses(lo)
                .withConsentTimeouts(Duration.ofSeconds(4), Duration.ofSeconds(6)));
        try {
            connect(a, b);
            IceTransport tb = b.awaitTransport();
            // Consent keeps a healthy pair connected past the disconnected timeout.
            Thread.sleep(5000);
            assertTrue(b.states.stream().noneMatch(s -> s == IceState.DISCONNECTED), "healthy pair: " + b.states);

            a.agent.close();
            assertEquals(IceState.CLOSED, a.agent.state());
            Duration toDisconnected = b.awaitState(IceState.DISCONNECTED, Duration.ofSeconds(10));
            Duration toFailed = b.awaitState(IceState.FAILED, Duration.ofSeconds(10));
            System.out.println("peer closed: DISCONNECTED after " + toDisconnected.toMillis()
                    + " ms, FAILED " + toFailed.toMillis() + " ms later");
            IceTransportException e = assertThrows(IceTransportException.class,
                    () -> tb.send(ByteBuffer.wrap(new byte[] {23, 0})));
            assertTrue(e.getMessage().contains("failed"), e.getMessage());
        } finally {
            a.agent.close();
            b.agent.close();
        }
    }

    /**
     * What werift does as controlling agent: it nominates on every check (RFC 5245 §8.1.1.2) and keeps the
     * first pair that answers, which here is not the one ice4j selected; its DTLS then comes from the other
     * socket. The agent checks that source itself, delivers the datagram that came from it and, being
     * controlled, sends there from then on (RFC 8445 §12.2).
     */
    @Test
    void dtlsFromAnotherSocketOfThePeerIsCheckedDeliveredAndFollowed() throws Exception {
        LoopbackPeers b = LoopbackPeers.on127(IceRole.CONTROLLED);
        try (ScriptedIcePeer peer = new ScriptedIcePeer(b.agent.localUfrag(), b.agent.localPassword())) {
            ScriptedIcePeer.Endpoint first = peer.endpoint();
            ScriptedIcePeer.Endpoint second = peer.endpoint();
            IceCandidate local = b.awaitCandidates().get(0);
            java.net.InetSocketAddress agentAt = new java.net.InetSocketAddress(local.address(), local.port());
            b.agent.setRemoteCredentials(peer.ufrag, peer.password);
            assertEquals(IceAgent.RemoteCandidateResult.ADDED, b.agent.addRemoteCandidate(first.candidate()));
            b.agent.start();
            first.nominate(agentAt);
            b.awaitState(IceState.CONNECTED, Duration.ofSeconds(15));
            IceTransport tb = b.awaitTransport();
            assertTrue(b.agent.selectedPairDescription().contains(":" + first.port()), b.agent.selectedPairDescription());

            // Never checked by anyone yet: the datagram is held until the agent's own check is answered.
            second.send(new byte[] {22, (byte) 0xfe, (byte) 0xfd, 1}, agentAt);
            assertBytes(new byte[] {22, (byte) 0xfe, (byte) 0xfd, 1}, b.awaitDatagram());
            assertTrue(second.requestsAnswered.get() >= 1, "the agent checked the new source first");
            tb.send(ByteBuffer.wrap(new byte[] {22, 9}));
            assertBytes(new byte[] {22, 9}, second.awaitData());
            assertTrue(b.agent.selectedPairDescription().contains("sending to /127.0.0.1:" + second.port()),
                    b.agent.selectedPairDescription());
            // The first socket keeps working as a source (its pair is still valid) without taking us back.
            assertNull(first.data.poll());
        } finally {
            b.agent.close();
        }
    }

    /** A source whose answer is not signed with the peer's password is never delivered nor followed. */
    @Test
    void dtlsFromASourceThatFailsTheCheckIsDroppedAndNotFollowed() throws Exception {
        LoopbackPeers b = LoopbackPeers.on127(IceRole.CONTROLLED);
        try (ScriptedIcePeer peer = new ScriptedIcePeer(b.agent.localUfrag(), b.agent.localPassword())) {
            ScriptedIcePeer.Endpoint first = peer.endpoint();
            ScriptedIcePeer.Endpoint impostor = peer.lyingEndpoint();
            IceCandidate local = b.awaitCandidates().get(0);
            java.net.InetSocketAddress agentAt = new java.net.InetSocketAddress(local.address(), local.port());
            b.agent.setRemoteCredentials(peer.ufrag, peer.password);
            b.agent.addRemoteCandidate(first.candidate());
            b.agent.start();
            first.nominate(agentAt);
            b.awaitState(IceState.CONNECTED, Duration.ofSeconds(15));
            IceTransport tb = b.awaitTransport();
            long before = b.agent.droppedDatagrams();

            impostor.send(new byte[] {22, 6, 6}, agentAt);
            while (b.agent.droppedDatagrams() == before) {
                Thread.sleep(10); // until the failed check has dropped the held datagram
            }
            assertTrue(impostor.requestsAnswered.get() >= 1, "the agent checked the source");
            assertNull(b.received.poll(), "nothing from a source that failed its check");
            tb.send(ByteBuffer.wrap(new byte[] {23, 1}));
            assertBytes(new byte[] {23, 1}, first.awaitData());
            assertNull(impostor.data.poll());
        } finally {
            b.agent.close();
        }
    }

    static void connect(LoopbackPeers a, LoopbackPeers b) throws Exception {
        LoopbackPeers.exchangeCredentials(a, b);
        a.agent.addRemoteCandidate(b.awaitCandidates().get(0));
        b.agent.addRemoteCandidate(a.awaitCandidates().get(0));
        a.agent.start();
        b.agent.start();
        a.awaitState(IceState.CONNECTED, Duration.ofSeconds(15));
        b.awaitState(IceState.CONNECTED, Duration.ofSeconds(15));
    }

    private static void exchangeOneDatagramEachWay(LoopbackPeers a, LoopbackPeers b) throws Exception {
        IceTransport ta = a.awaitTransport();
        IceTransport tb = b.awaitTransport();
        ta.send(ByteBuffer.wrap(new byte[] {20, 1}));
        assertBytes(new byte[] {20, 1}, b.awaitDatagram());
        tb.send(ByteBuffer.wrap(new byte[] {21, 2}));
        assertBytes(new byte[] {21, 2}, a.awaitDatagram());
    }
}
