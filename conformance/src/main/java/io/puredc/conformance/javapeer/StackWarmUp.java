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
 *
 * <p>{@code PUREDC_WARMUP_BYTES=N} also pushes N bytes one way through that connection, so that
 * the JIT has compiled the data path before {@code ready}: the state of a process that has been
 * serving for a while (a daemon), which a fresh JVM reaches only after a few hundred megabytes.
 * Benchmarks that want steady-state throughput set it and say so; the tests do not.
 */
final class StackWarmUp {
    private StackWarmUp() {
    }

    /** {@code PUREDC_WARMUP_BYTES}, 0 when unset or unreadable. */
    static long bulkBytes() {
        try {
            return Math.max(0, Long.parseLong(System.getenv().getOrDefault("PUREDC_WARMUP_BYTES", "0")));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    static boolean enabled() {
        return !"0".equals(System.getenv("PUREDC_WARMUP"));
    }

    /**
     * Runs the connection; returns false (and logs) if it did not complete within 15 s. With
     * {@code PUREDC_WARMUP_BYTES}, the bytes are split over {@link #BULK_CONNECTIONS} connections
     * one after the other: code that the JIT compiled during one long transfer is specialised to it,
     * and the next connection's handshake deoptimises much of it again (JFR shows dozens of
     * {@code unstable_if} traps in the SCTP and DTLS paths), so the warm state of a daemon is
     * several connections, not one.
     */
    static boolean run() {
        long bulk = bulkBytes();
        int connections = connections(bulk);
        for (int i = 0; i < connections; i++) {
            if (!runOnce(bulk / connections)) {
                return false;
            }
        }
        return true;
    }

    /** {@code PUREDC_WARMUP_CONNECTIONS}; by default 1, or 4 when bytes are pushed too. */
    private static int connections(long bulk) {
        try {
            String v = System.getenv("PUREDC_WARMUP_CONNECTIONS");
            if (v != null) {
                return Math.max(1, Math.min(1000, Integer.parseInt(v)));
            }
        } catch (NumberFormatException e) {
            // the default
        }
        return bulk > 0 ? 4 : 1;
    }

    private static boolean runOnce(long bulk) {
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
            CompletableFuture<Void> received = new CompletableFuture<>();
            long[] got = {-1}; // -1: the echo has not been seen yet
            answerer.onDataChannel(ch -> ch.onMessage(m -> {
                if (got[0] < 0) {
                    got[0] = 0;
                    ch.send(m.buffer()); // the echo
                } else if ((got[0] += m.data().length) >= bulk) {
                    received.complete(null);
                }
            }));
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
            if (bulk > 0) {
                sendBulk(ch, bulk);
                received.get(120, TimeUnit.SECONDS);
            }
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

    /** {@code total} bytes in 16 KiB messages with the bulk scenario's back-pressure (8 MiB / 1 MiB). */
    private static void sendBulk(DataChannel ch, long total) throws InterruptedException {
        Object lock = new Object();
        ch.setBufferedAmountLowThreshold(1 << 20);
        ch.onBufferedAmountLow(() -> {
            synchronized (lock) {
                lock.notifyAll();
            }
        });
        byte[] msg = new byte[16384];
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        for (long sent = 0; sent < total; sent += msg.length) {
            synchronized (lock) {
                while (ch.bufferedAmount() > (8 << 20)) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("warm-up transfer stalled");
                    }
                    lock.wait(100);
                }
            }
            ch.send(msg);
        }
    }
}
