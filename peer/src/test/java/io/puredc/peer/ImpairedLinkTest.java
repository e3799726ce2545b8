package io.puredc.peer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * ICE, DTLS and SCTP through a lossy UDP link on 127.0.0.1 (a seeded impairment proxy that
 * drops, duplicates and reorders): the handshakes still complete and messages arrive intact.
 * A learns only the proxy's address for B; B finds A as peer-reflexive through the proxy.
 */
class ImpairedLinkTest {

    @Test
    void connectsAndDeliversThroughLossDuplicationAndReordering() throws Exception {
        PeerConnection a = PeerConnection.create(LoopbackPair.config(LoopbackPair.CERT_A));
        PeerConnection b = PeerConnection.create(LoopbackPair.config(LoopbackPair.CERT_B));
        CompletableFuture<UdpImpairmentProxy> proxy = new CompletableFuture<>();
        try {
            // A's candidates are not signalled: B must learn A from the checks the proxy relays.
            b.onIceCandidate(c -> {
                if (c.isEndOfCandidates()) {
                    return;
                }
                String[] f = c.candidate().split(" ");
                try {
                    UdpImpairmentProxy p = new UdpImpairmentProxy(
                            new InetSocketAddress(f[4], Integer.parseInt(f[5])), 7, 0.10, 0.05, 30);
                    proxy.complete(p);
                    f[5] = Integer.toString(p.port());
                    a.addIceCandidate(new IceCandidateInit(String.join(" ", f), c.sdpMid(), c.sdpMLineIndex()));
                } catch (Exception e) {
                    proxy.completeExceptionally(e);
                }
            });
            DataChannel ch = a.createDataChannel("lossy", DataChannelInit.defaults());
            CompletableFuture<String> got = new CompletableFuture<>();
            StringBuilder all = new StringBuilder();
            b.onDataChannel(dc -> dc.onMessage(m -> {
                all.append(m.text());
                if (all.length() == 200 * 4) {
                    got.complete(all.toString());
                }
            }));
            SessionDescription offer = a.createOffer().get(10, TimeUnit.SECONDS);
            a.setLocalDescription(offer).get(10, TimeUnit.SECONDS);
            b.setRemoteDescription(offer).get(10, TimeUnit.SECONDS);
            SessionDescription answer = b.createAnswer().get(10, TimeUnit.SECONDS);
            b.setLocalDescription(answer).get(10, TimeUnit.SECONDS);
            a.setRemoteDescription(answer).get(10, TimeUnit.SECONDS);
            LoopbackPair.opened(ch).get(60, TimeUnit.SECONDS);
            StringBuilder expected = new StringBuilder();
            for (int i = 0; i < 200; i++) {
                String m = String.format("%04d", i);
                expected.append(m);
                ch.send(m);
            }
            assertEquals(expected.toString(), got.get(60, TimeUnit.SECONDS), "every message, in order");
            UdpImpairmentProxy p = proxy.get(1, TimeUnit.SECONDS);
            assertTrue(p.dropped.get() > 0, "the link really lost datagrams");
        } finally {
            a.close();
            b.close();
            if (proxy.isDone() && !proxy.isCompletedExceptionally()) {
                proxy.get().close();
            }
        }
    }
}
