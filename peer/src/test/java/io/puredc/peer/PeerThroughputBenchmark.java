package io.puredc.peer;

import java.nio.ByteBuffer;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Java to Java over 127.0.0.1 through the whole stack (ICE, DTLS, SCTP), in one process: the
 * sender keeps the channel's buffered amount between 1 and 4 MiB; MB/s is decimal megabytes per
 * second of the receiver, from its first byte to its last. Not a test: a program that prints.
 *
 * <pre>java -cp peer/target/test-classes:$(cat /tmp/peer.cp) io.puredc.peer.PeerThroughputBenchmark [MiB] [messageKiB] [runs]</pre>
 */
public final class PeerThroughputBenchmark {
    public static void main(String[] args) throws Exception {
        int mib = args.length > 0 ? Integer.parseInt(args[0]) : 256;
        int kib = args.length > 1 ? Integer.parseInt(args[1]) : 64;
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        for (int r = 0; r < runs; r++) {
            run((long) mib << 20, kib << 10);
        }
        System.exit(0);
    }

    static void run(long total, int size) throws Exception {
        try (LoopbackPair p = new LoopbackPair()) {
            DataChannel tx = p.a.createDataChannel("bulk", DataChannelInit.defaults());
            CountDownLatch done = new CountDownLatch(1);
            AtomicLong received = new AtomicLong();
            long[] first = {0};
            p.b.onDataChannel(rx -> rx.onMessage(m -> {
                if (first[0] == 0) {
                    first[0] = System.nanoTime();
                }
                if (received.addAndGet(m.data().length) >= total) {
                    done.countDown();
                }
            }));
            long t0 = System.nanoTime();
            p.negotiate();
            LoopbackPair.opened(tx).get(20, TimeUnit.SECONDS);
            long setupMs = (System.nanoTime() - t0) / 1_000_000;
            byte[] msg = new byte[size];
            Object lock = new Object();
            tx.setBufferedAmountLowThreshold(1 << 20);
            tx.onBufferedAmountLow(() -> {
                synchronized (lock) {
                    lock.notifyAll();
                }
            });
            long sent = 0;
            while (sent < total) {
                synchronized (lock) {
                    while (tx.bufferedAmount() > (4 << 20)) {
                        lock.wait(100);
                    }
                }
                tx.send(ByteBuffer.wrap(msg));
                sent += size;
            }
            if (!done.await(120, TimeUnit.SECONDS)) {
                throw new IllegalStateException("only " + received.get() + " of " + total + " bytes arrived");
            }
            double s = (System.nanoTime() - first[0]) / 1e9;
            System.out.printf("java->java  %d MiB in %d KiB messages: %.1f MB/s (setup %d ms)%n",
                    total >> 20, size >> 10, total / s / 1e6, setupMs);
        }
    }
}
