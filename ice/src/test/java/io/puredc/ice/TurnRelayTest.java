package io.puredc.ice;

import java.io.File;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static io.puredc.ice.LoopbackPeers.assertBytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Relayed candidates from a real TURN server (coturn on 127.0.0.1, RFC 8656 over UDP). */
@Timeout(60)
class TurnRelayTest {

    @Test
    void agentsThatSignalOnlyRelayedCandidatesReachEachOtherThroughCoturn() throws Exception {
        File log = new File("target/turnserver-" + ProcessHandle.current().pid() + ".log");
        try (CoturnServer turn = new CoturnServer(log)) {
            IceServer server = IceServer.turnUdp(turn.address(), CoturnServer.USER, CoturnServer.PASSWORD);
            LoopbackPeers a = new LoopbackPeers(IceConfig.of(IceRole.CONTROLLING)
                    .withHostAddresses(LoopbackPeers.LOOPBACK).withServers(server));
            LoopbackPeers b = new LoopbackPeers(IceConfig.of(IceRole.CONTROLLED)
                    .withHostAddresses(LoopbackPeers.LOOPBACK).withServers(server));
            try {
                List<IceCandidate> aRelay = relayed(a.awaitCandidates());
                List<IceCandidate> bRelay = relayed(b.awaitCandidates());
                System.out.println("relayed candidates: " + aRelay + " / " + bRelay);
                assertEquals(1, aRelay.size(), a.candidates.toString());
                assertEquals(1, bRelay.size(), b.candidates.toString());
                assertEquals(turn.address().getAddress().getHostAddress(), aRelay.get(0).address());
                assertFalse(aRelay.get(0).port() == turn.address().getPort(), "relayed port is an allocation");
                // RFC 8839 §5.1: a relayed candidate names the mapped address it was allocated for.
                assertTrue(aRelay.get(0).relatedAddress() != null && aRelay.get(0).relatedPort() > 0);

                LoopbackPeers.exchangeCredentials(a, b);
                a.agent.addRemoteCandidate(bRelay.get(0));
                b.agent.start();
                a.agent.start();
                b.agent.addRemoteCandidate(aRelay.get(0));
                a.awaitState(IceState.CONNECTED, Duration.ofSeconds(20));
                b.awaitState(IceState.CONNECTED, Duration.ofSeconds(20));
                String pairs = "A " + a.agent.selectedLocalType() + "->" + a.agent.selectedRemoteType()
                        + ", B " + b.agent.selectedLocalType() + "->" + b.agent.selectedRemoteType();
                System.out.println("selected pairs through TURN: " + pairs);
                // Only relayed addresses were exchanged, so each side's pair goes through an allocation.
                assertTrue(IceCandidate.RELAY.equals(a.agent.selectedLocalType())
                        || IceCandidate.RELAY.equals(a.agent.selectedRemoteType()), pairs);
                assertTrue(IceCandidate.RELAY.equals(b.agent.selectedLocalType())
                        || IceCandidate.RELAY.equals(b.agent.selectedRemoteType()), pairs);

                IceTransport ta = a.awaitTransport();
                IceTransport tb = b.awaitTransport();
                byte[] big = new byte[ta.maxPacketSize()];
                big[0] = 22;
                big[big.length - 1] = 5;
                ta.send(ByteBuffer.wrap(big));
                assertBytes(big, b.awaitDatagram());
                tb.send(ByteBuffer.wrap(new byte[] {23, 9}));
                assertBytes(new byte[] {23, 9}, a.awaitDatagram());
            } finally {
                a.agent.close();
                b.agent.close();
            }
        }
    }

    private static List<IceCandidate> relayed(List<IceCandidate> all) {
        return all.stream().filter(c -> c.type().equals(IceCandidate.RELAY)).collect(Collectors.toList());
    }
}
