package io.puredc.ice;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the agent gathers and which remote candidates it takes; loopback only. */
@Timeout(60)
class GatheringTest {

    @Test
    void configuredStunServerYieldsAServerReflexiveCandidateTrickledAfterTheHostOne() throws Exception {
        try (TinyStunServer stun = new TinyStunServer()) {
            LoopbackPeers p = new LoopbackPeers(IceConfig.of(IceRole.CONTROLLING)
                    .withHostAddresses(LoopbackPeers.LOOPBACK).withServers(IceServer.stun(stun.address())));
            try {
                List<IceCandidate> c = p.awaitCandidates();
                assertEquals(2, c.size(), c.toString());
                IceCandidate host = c.get(0);
                IceCandidate srflx = c.get(1);
                assertEquals(IceCandidate.HOST, host.type());
                assertEquals(IceCandidate.SRFLX, srflx.type());
                assertEquals("127.0.0.1", srflx.address());
                assertEquals(host.port() + 1, srflx.port());
                // RFC 8839 §5.1: a reflexive candidate names its base in raddr/rport.
                assertEquals(host.address(), srflx.relatedAddress());
                assertEquals(host.port(), srflx.relatedPort());
                // RFC 8445 §5.1.2.2: host type preference 126 beats server-reflexive 100.
                assertTrue(host.priority() > srflx.priority());
                assertTrue(stun.requests() >= 1);
            } finally {
                p.agent.close();
            }
        }
    }

    @Test
    void defaultHostAddressesSkipLoopbackAndIpv6LinkLocal() throws Exception {
        // Enumeration only: binding on non-loopback interfaces is left to non-test runs.
        for (java.net.InetAddress a : HostHarvester.usableAddresses()) {
            assertFalse(a.isLoopbackAddress(), a.toString());
            assertFalse(a instanceof java.net.Inet6Address && a.isLinkLocalAddress(), a.toString());
            assertFalse(a.isAnyLocalAddress(), a.toString());
        }
    }

    @Test
    void withoutServersGatheringEndsAtOnceWithHostCandidatesOnly() throws Exception {
        LoopbackPeers p = LoopbackPeers.on127(IceRole.CONTROLLED);
        try {
            List<IceCandidate> c = p.awaitCandidates();
            assertEquals(1, c.size());
            assertEquals(IceCandidate.HOST, c.get(0).type());
            assertThrows(IllegalStateException.class, () -> p.agent.gather(x -> { }, () -> { }));
        } finally {
            p.agent.close();
        }
    }

    @Test
    void remoteAddressFilterSkipsCandidatesOutsideItsNetworks() throws Exception {
        IceConfig base = IceConfig.of(IceRole.CONTROLLING).withHostAddresses(LoopbackPeers.LOOPBACK);
        IceAgent onlyNamespace = IceAgent.create(base.withRemoteAddressFilter(AddressFilter.of("10.233.0.0/24")));
        IceAgent peerProtocol = IceAgent.create(base.withRemoteAddressFilter(
                AddressFilter.of("127.0.0.0/8", "10.233.0.0/24")));
        try {
            String line = "candidate:1 1 udp 2130706431 127.0.0.1 40000 typ host";
            assertEquals(IceAgent.RemoteCandidateResult.SKIPPED_FILTERED, onlyNamespace.addRemoteCandidate(line));
            assertEquals(IceAgent.RemoteCandidateResult.ADDED, peerProtocol.addRemoteCandidate(line));
            assertEquals(IceAgent.RemoteCandidateResult.SKIPPED_FILTERED,
                    peerProtocol.addRemoteCandidate("candidate:2 1 udp 1 192.0.2.7 40000 typ host"));
            // Not usable by a data channel over ice4j UDP: other transports, components, port 0, unknown types.
            assertEquals(IceAgent.RemoteCandidateResult.SKIPPED_UNSUPPORTED, peerProtocol.addRemoteCandidate(
                    "candidate:3 1 tcp 1 127.0.0.1 9 typ host tcptype active"));
            assertEquals(IceAgent.RemoteCandidateResult.SKIPPED_UNSUPPORTED,
                    peerProtocol.addRemoteCandidate("candidate:4 2 udp 1 127.0.0.1 40001 typ host"));
            assertEquals(IceAgent.RemoteCandidateResult.SKIPPED_UNSUPPORTED,
                    peerProtocol.addRemoteCandidate("candidate:5 1 udp 1 127.0.0.1 0 typ host"));
            assertEquals(IceAgent.RemoteCandidateResult.SKIPPED_UNSUPPORTED,
                    peerProtocol.addRemoteCandidate("candidate:6 1 udp 1 127.0.0.1 40002 typ weird"));
            assertThrows(CandidateParseException.class, () -> peerProtocol.addRemoteCandidate("candidate:garbage"));
            peerProtocol.close();
            assertEquals(IceAgent.RemoteCandidateResult.SKIPPED_CLOSED, peerProtocol.addRemoteCandidate(line));
        } finally {
            onlyNamespace.close();
            peerProtocol.close();
        }
    }

    @Test
    void startNeedsRemoteCredentialsAndBadCredentialsAreRefused() throws Exception {
        IceAgent a = IceAgent.create(IceConfig.of(IceRole.CONTROLLING).withHostAddresses(LoopbackPeers.LOOPBACK));
        try {
            assertThrows(IllegalStateException.class, a::start);
            assertThrows(IllegalArgumentException.class, () -> a.setRemoteCredentials("ab", "abcdefghijklmnopqrstuv"));
            assertThrows(IllegalArgumentException.class, () -> a.setRemoteCredentials("abcd", "tooshort"));
            List<String> attrs = a.localSdpAttributes();
            assertEquals(a.localUfrag(), IceSdp.parseUfrag(attrs.get(0)));
            assertEquals(a.localPassword(), IceSdp.parsePwd(attrs.get(1)));
            assertEquals(List.of(IceSdp.TRICKLE), IceSdp.parseOptions(attrs.get(2)));
        } finally {
            a.close();
        }
    }
}
