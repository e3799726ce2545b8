package io.puredc.peer;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A small UDP impairment layer on 127.0.0.1 between two endpoints: datagrams from the first
 * endpoint that reaches the proxy (A) go to B's address, everything else goes back to A; each
 * datagram is dropped, duplicated or delayed (which reorders) by a seeded random source.
 */
final class UdpImpairmentProxy implements AutoCloseable {
    private final DatagramSocket socket;
    private final InetSocketAddress b;
    private final double loss;
    private final double duplicate;
    private final long maxDelayMillis;
    private final SplittableRandom random;
    private final ScheduledExecutorService delayer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "udp-impairment-delay");
        t.setDaemon(true);
        return t;
    });
    private final Thread reader;
    private volatile InetSocketAddress a;
    final AtomicLong forwarded = new AtomicLong();
    final AtomicLong dropped = new AtomicLong();

    UdpImpairmentProxy(InetSocketAddress b, long seed, double loss, double duplicate, long maxDelayMillis)
            throws SocketException {
        this.socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        this.b = b;
        this.loss = loss;
        this.duplicate = duplicate;
        this.maxDelayMillis = maxDelayMillis;
        this.random = new SplittableRandom(seed);
        this.reader = new Thread(this::run, "udp-impairment-proxy");
        reader.setDaemon(true);
        reader.start();
    }

    int port() {
        return socket.getLocalPort();
    }

    private void run() {
        byte[] buf = new byte[2048];
        while (!socket.isClosed()) {
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            try {
                socket.receive(p);
            } catch (IOException e) {
                return;
            }
            InetSocketAddress from = (InetSocketAddress) p.getSocketAddress();
            if (a == null && !from.equals(b)) {
                a = from;
            }
            InetSocketAddress to = from.equals(b) ? a : b;
            if (to == null) {
                dropped.incrementAndGet();
                continue;
            }
            byte[] copy = java.util.Arrays.copyOf(buf, p.getLength());
            int copies;
            long delay;
            synchronized (random) {
                if (random.nextDouble() < loss) {
                    dropped.incrementAndGet();
                    continue;
                }
                copies = random.nextDouble() < duplicate ? 2 : 1;
                delay = maxDelayMillis == 0 ? 0 : random.nextLong(maxDelayMillis + 1);
            }
            for (int i = 0; i < copies; i++) {
                delayer.schedule(() -> send(copy, to), delay + i, TimeUnit.MILLISECONDS);
            }
        }
    }

    private void send(byte[] data, InetSocketAddress to) {
        try {
            socket.send(new DatagramPacket(data, data.length, to));
            forwarded.incrementAndGet();
        } catch (IOException e) {
            dropped.incrementAndGet();
        }
    }

    @Override
    public void close() {
        socket.close();
        delayer.shutdownNow();
    }
}
