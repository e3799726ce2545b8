package io.puredc.peer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Java ↔ Java over real ICE, DTLS and SCTP on 127.0.0.1: offer, answer, a channel, messages of
 * every type and 10 MiB with back-pressure. The test script also runs this class on the newest
 * JDK with --illegal-native-access=deny: the proof that the stack needs no native code.
 */
class EndToEndTest {

    @Test
    void offerAnswerChannelEchoAndTenMebibytes() throws Exception {
        try (LoopbackPair p = new LoopbackPair()) {
            DataChannel ch = p.a.createDataChannel("bulk", DataChannelInit.defaults());
            CompletableFuture<DataChannel> remote = new CompletableFuture<>();
            p.b.onDataChannel(remote::complete);
            List<PeerConnectionState> states = new CopyOnWriteArrayList<>();
            p.a.onConnectionStateChange(states::add);
            p.negotiate();
            LoopbackPair.opened(ch).get(20, TimeUnit.SECONDS);
            DataChannel rc = remote.get(10, TimeUnit.SECONDS);
            assertEquals("bulk", rc.label());
            assertEquals(PeerConnectionState.CONNECTED, p.a.connectionState());
            assertTrue(states.contains(PeerConnectionState.CONNECTING));

            // Echo: text, binary and empty messages keep type and order.
            List<DataChannelMessage> echoed = new CopyOnWriteArrayList<>();
            CountDownLatch four = new CountDownLatch(4);
            rc.onMessage(m -> {
                if (m.binary()) {
                    rc.send(m.buffer());
                } else {
                    rc.send(m.text());
                }
            });
            ch.onMessage(m -> {
                echoed.add(m);
                four.countDown();
            });
            ch.send("hello");
            ch.send(new byte[] {1, 2, 3});
            ch.send("");
            ch.send(new byte[0]);
            assertTrue(four.await(10, TimeUnit.SECONDS));
            assertEquals("hello", echoed.get(0).text());
            assertArrayEquals(new byte[] {1, 2, 3}, echoed.get(1).data());
            assertTrue(!echoed.get(2).binary() && echoed.get(2).data().length == 0);
            assertTrue(echoed.get(3).binary() && echoed.get(3).data().length == 0);

            // 10 MiB one way with the bulk scenario's back-pressure, checked byte for byte.
            long total = 10L << 20;
            int msg = 16384;
            MessageDigest sent = MessageDigest.getInstance("SHA-256");
            MessageDigest got = MessageDigest.getInstance("SHA-256");
            AtomicLong received = new AtomicLong();
            CountDownLatch done = new CountDownLatch(1);
            rc.onMessage(m -> {
                got.update(m.data());
                if (received.addAndGet(m.data().length) == total) {
                    done.countDown();
                }
            });
            ch.setBufferedAmountLowThreshold(1 << 20);
            AtomicLong offset = new AtomicLong();
            // The first run is on this thread, later ones on A's loop (onBufferedAmountLow). If this
            // thread is descheduled after the amount rose past the threshold, the loop can drain it and
            // pump at the same time; one lock keeps the two from sending a chunk twice or out of order.
            Object pumping = new Object();
            Runnable pump = () -> {
                synchronized (pumping) {
                    while (offset.get() < total && ch.bufferedAmount() <= (8 << 20)) {
                        byte[] chunk = new byte[msg];
                        long base = offset.get();
                        for (int i = 0; i < msg; i++) {
                            chunk[i] = (byte) ((base + i) * 31 + 7);
                        }
                        sent.update(chunk);
                        ch.send(chunk);
                        offset.addAndGet(msg);
                    }
                }
            };
            ch.onBufferedAmountLow(pump);
            pump.run();
            assertTrue(done.await(60, TimeUnit.SECONDS), "received " + received.get() + " of " + total);
            byte[] sentDigest;
            synchronized (pumping) {
                sentDigest = sent.digest();
            }
            assertArrayEquals(sentDigest, got.digest());
        }
    }

    @Test
    void sendingTooLargeOrOnAClosedChannelIsRefused() throws Exception {
        try (LoopbackPair p = new LoopbackPair(LoopbackPair.config(LoopbackPair.CERT_A),
                LoopbackPair.config(LoopbackPair.CERT_B).withMaxMessageSize(65536))) {
            DataChannel ch = p.a.createDataChannel("x", DataChannelInit.defaults());
            assertThrows(IllegalStateException.class, () -> ch.send("too early"));
            p.negotiate();
            LoopbackPair.opened(ch).get(20, TimeUnit.SECONDS);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ch.send(new byte[65537]));
            assertTrue(e.getMessage().contains("65536"), e.getMessage());
            ch.send(new byte[65536]);
            CountDownLatch closed = new CountDownLatch(1);
            ch.onClose(closed::countDown);
            ch.close();
            assertTrue(closed.await(10, TimeUnit.SECONDS));
            assertThrows(IllegalStateException.class, () -> ch.send("late"));
        }
    }

    @Test
    void malformedRemoteDescriptionsAreRefusedWithTheLine() throws Exception {
        PeerConnection pc = PeerConnection.create(LoopbackPair.config(LoopbackPair.CERT_A));
        try {
            Exception e = assertThrows(Exception.class, () -> pc.setRemoteDescription(
                    new SessionDescription("offer", "v=0\r\nthis is not sdp\r\n")).get(5, TimeUnit.SECONDS));
            assertTrue(e.getCause() instanceof SdpException, String.valueOf(e.getCause()));
            assertTrue(e.getCause().getMessage().contains("line 2"), e.getCause().getMessage());
            Exception noData = assertThrows(Exception.class, () -> pc.setRemoteDescription(new SessionDescription("offer",
                    "v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\n"))
                    .get(5, TimeUnit.SECONDS));
            assertTrue(noData.getCause().getMessage().contains("no data channel"), noData.getCause().getMessage());
        } finally {
            pc.close();
        }
    }

    @Test
    void closingOneSideClosesTheOthersChannels() throws Exception {
        try (LoopbackPair p = new LoopbackPair()) {
            DataChannel ch = p.a.createDataChannel("x", DataChannelInit.defaults());
            AtomicReference<DataChannel> remote = new AtomicReference<>();
            CountDownLatch remoteClosed = new CountDownLatch(1);
            p.b.onDataChannel(dc -> {
                remote.set(dc);
                dc.onClose(remoteClosed::countDown);
            });
            p.negotiate();
            LoopbackPair.opened(ch).get(20, TimeUnit.SECONDS);
            ch.send("x");
            p.a.close();
            assertTrue(remoteClosed.await(10, TimeUnit.SECONDS), "the remote channel closed");
            p.b.closeFuture().get(10, TimeUnit.SECONDS);
            assertTrue(p.b.connectionState().isFinal());
            ByteBuffer unused = ByteBuffer.allocate(1);
            assertThrows(IllegalStateException.class, () -> remote.get().send(unused));
        }
    }
}
