package io.puredc.conformance.javapeer;

import io.puredc.peer.DataChannel;
import io.puredc.peer.DataChannelInit;
import io.puredc.peer.PeerConfig;
import io.puredc.peer.PeerConnection;
import io.puredc.peer.SessionDescription;
import java.net.InetAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One throw-away Java↔Java connection on 127.0.0.1 inside this process before the peer says
 * {@code ready}: offer, answer, ICE, DTLS, SCTP, a channel, 64 KiB echoed, close. It pays what
 * the first connection of a fresh JVM otherwise pays on top of the protocol (class loading,
 * BouncyCastle's crypto set-up, the JIT's first compilation of the hot paths: together about half
 * a second of setup and a slow first megabytes on this machine), as a long-running process pays it
 * once for all its connections. {@code PUREDC_WARMUP=0} skips it, to measure a cold first
 * connection; the result's {@code detail.warm_process} says which it was.
 */
final class StackWarmUp {
    private StackWarmUp() {
    }

    static boolean enabled() {
        return !"0".equals(System.getenv("PUREDC_WARMUP"));
    }

    /** Runs the connection; returns false (and logs) if it did not complete within 15 s. */
    static boolean run() {
        PeerConnection a = null;
        PeerConnection b = null;
        try {
            PeerConfig config = PeerConfig.defaults().withHostAddresses(InetAddress.getByName("127.0.0.1"));
            PeerConnection offerer = PeerConnection.create(config);
            PeerConnection answerer = PeerConnection.create(config);
            a = offerer;
            b = answerer;
            offerer.onIceCandidate(c -> answerer.addIceCandidate(c));
            answerer.onIceCandidate(c -> offerer.addIceCandidate(c));
            answerer.onDataChannel(ch -> ch.onMessage(m -> ch.send(m.buffer())));
            CompletableFuture<Void> echoed = new CompletableFuture<>();
            DataChannel ch = offerer.createDataChannel("warm-up", DataChannelInit.defaults());
            ch.onOpen(() -> ch.send(new byte[65536]));
            ch.onMessage(m -> echoed.complete(null));
            SessionDescription offer = offerer.createOffer().get(15, TimeUnit.SECONDS);
            offerer.setLocalDescription(offer).get(15, TimeUnit.SECONDS);
            answerer.setRemoteDescription(offer).get(15, TimeUnit.SECONDS);
            SessionDescription answer = answerer.createAnswer().get(15, TimeUnit.SECONDS);
            answerer.setLocalDescription(answer).get(15, TimeUnit.SECONDS);
            offerer.setRemoteDescription(answer).get(15, TimeUnit.SECONDS);
            echoed.get(15, TimeUnit.SECONDS);
            return true;
        } catch (Exception e) {
            JavaPeer.log("warm-up connection did not complete (" + e + "); going on cold");
            return false;
        } finally {
            if (a != null) {
                a.close();
            }
            if (b != null) {
                b.close();
            }
        }
    }
}
