package io.puredc.ice;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** Test fixture: one agent on 127.0.0.1 with its gathered candidates and observed states. */
final class LoopbackPeers {
    static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    final IceAgent agent;
    final List<IceCandidate> candidates = new CopyOnWriteArrayList<>();
    final CountDownLatch endOfCandidates = new CountDownLatch(1);
    final BlockingQueue<IceState> states = new LinkedBlockingQueue<>();
    final BlockingQueue<ByteBuffer> received = new LinkedBlockingQueue<>();

    LoopbackPeers(IceConfig config) throws IOException {
        agent = IceAgent.create(config);
        agent.onStateChange(states::add);
        agent.gather(candidates::add, endOfCandidates::countDown);
    }

    static LoopbackPeers on127(IceRole role) throws IOException {
        return new LoopbackPeers(IceConfig.of(role).withHostAddresses(InetAddress.getByAddress(new byte[] {127, 0, 0, 1})));
    }

    List<IceCandidate> awaitCandidates() throws InterruptedException {
        assertTrue(endOfCandidates.await(10, TimeUnit.SECONDS), "end of candidates");
        return candidates;
    }

    /** Both sides learn each other's credentials. */
    static void exchangeCredentials(LoopbackPeers a, LoopbackPeers b) {
        a.agent.setRemoteCredentials(b.agent.localUfrag(), b.agent.localPassword());
        b.agent.setRemoteCredentials(a.agent.localUfrag(), a.agent.localPassword());
    }

    /** Waits until {@code wanted} shows up in the observed states, failing on FAILED/CLOSED first. */
    Duration awaitState(IceState wanted, Duration timeout) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            IceState s = states.poll(Math.max(0, left), TimeUnit.NANOSECONDS);
            if (s == null) {
                fail("no " + wanted + " within " + timeout + "; state is " + agent.state());
            }
            if (s == wanted) {
                return Duration.ofNanos(System.nanoTime() - start);
            }
            if (s.isFinal()) {
                fail("reached " + s + " while waiting for " + wanted);
            }
        }
    }

    IceTransport awaitTransport() throws Exception {
        IceTransport t = agent.transport().get(15, TimeUnit.SECONDS);
        assertNotNull(t);
        t.onReceive(received::add);
        return t;
    }

    byte[] awaitDatagram() throws InterruptedException {
        ByteBuffer b = received.poll(10, TimeUnit.SECONDS);
        assertNotNull(b, "datagram within 10 s");
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }

    static void assertBytes(byte[] expected, byte[] actual) {
        assertEquals(java.util.Arrays.toString(expected), java.util.Arrays.toString(actual));
    }
}
