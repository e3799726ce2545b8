package io.puredc.dtls;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * Two in-memory {@link PacketTransport} ends joined like a UDP path. Each direction delivers on
 * its own thread, as a socket reader would, so a send never re-enters the receiver on the
 * sender's stack. An optional seeded loss drops datagrams deterministically per direction.
 * Every datagram sent is recorded, dropped or not, for assertions on sizes and content types.
 */
final class MemoryLink implements AutoCloseable {

    /** One datagram as it was sent. */
    record Sent(String from, byte[] bytes, boolean dropped, long nanos) {
        Sent(String from, byte[] bytes, boolean dropped) {
            this(from, bytes, dropped, System.nanoTime());
        }

        /** The DTLS content type of the first record (RFC 6347 §4.1). */
        int contentType() {
            return bytes.length == 0 ? -1 : bytes[0] & 0xff;
        }

        /** The epoch of the first record: 0 before ChangeCipherSpec, 1 after. */
        int epoch() {
            return bytes.length < 5 ? -1 : (bytes[3] & 0xff) << 8 | bytes[4] & 0xff;
        }
    }

    /** Extra, targeted drops: called for every datagram, true drops it. */
    volatile java.util.function.Predicate<Sent> dropFilter = s -> false;

    /**
     * When set, an application_data datagram from this end is held and delivered joined with the
     * next datagram from this end, whatever that carries, as OpenSSL and BoringSSL may pack
     * records (RFC 6347 §4.1.1).
     */
    volatile String coalesceFrom;

    /** Seeded impairments beyond loss: each datagram is sent twice, or swapped with the next. */
    volatile double duplicateRate;
    volatile double reorderRate;

    /**
     * Whether {@link #sent} records every datagram (the default, for assertions). Benchmarks turn
     * it off: the list copies itself on every add, which at tens of thousands of datagrams costs
     * more CPU than the DTLS records being measured.
     */
    volatile boolean recordSent = true;

    final End a;
    final End b;
    final List<Sent> sent = new CopyOnWriteArrayList<>();
    private final ExecutorService toA = Executors.newSingleThreadExecutor(daemon("link-to-a"));
    private final ExecutorService toB = Executors.newSingleThreadExecutor(daemon("link-to-b"));

    /** A lossless link whose ends accept datagrams of up to {@code maxPacketSize} bytes. */
    MemoryLink(int maxPacketSize) {
        this(maxPacketSize, 0.0, 0);
    }

    MemoryLink(int maxPacketSize, double lossRate, long seed) {
        // SplittableRandom mixes its seed; java.util.Random's first draws for nearby seeds are
        // nearly equal, which would make "different seeds" the same loss pattern.
        a = new End("a", maxPacketSize, lossRate, new SplittableRandom(seed));
        b = new End("b", maxPacketSize, lossRate, new SplittableRandom(seed + 1_000_003));
        a.peer = b;
        b.peer = a;
        a.deliverer = toB;
        b.deliverer = toA;
    }

    int largestDatagram() {
        return sent.stream().mapToInt(s -> s.bytes().length).max().orElse(0);
    }

    boolean anySentWithContentType(String from, int contentType) {
        return sent.stream().anyMatch(s -> s.from().equals(from) && s.contentType() == contentType);
    }

    @Override
    public void close() {
        a.close();
        b.close();
        toA.shutdownNow();
        toB.shutdownNow();
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    final class End implements PacketTransport {
        private final String name;
        private final int maxPacketSize;
        private final double lossRate;
        private final SplittableRandom random; // guarded by this
        private End peer;
        private ExecutorService deliverer;
        private volatile Consumer<ByteBuffer> consumer;
        private volatile boolean closed;
        private byte[] held; // guarded by this
        private byte[] reorderHeld; // guarded by this
        /** Datagrams handed to this end's consumer. */
        final java.util.concurrent.atomic.AtomicInteger delivered = new java.util.concurrent.atomic.AtomicInteger();

        End(String name, int maxPacketSize, double lossRate, SplittableRandom random) {
            this.name = name;
            this.maxPacketSize = maxPacketSize;
            this.lossRate = lossRate;
            this.random = random;
        }

        @Override
        public synchronized void send(ByteBuffer packet) {
            if (closed) {
                throw new TransportException("link end " + name + " closed");
            }
            if (packet.remaining() > maxPacketSize) {
                throw new TransportException("datagram larger than " + maxPacketSize);
            }
            byte[] copy = new byte[packet.remaining()];
            packet.duplicate().get(copy);
            boolean drop = lossRate > 0 && random.nextDouble() < lossRate;
            drop |= dropFilter.test(new Sent(name, copy, false));
            if (recordSent) {
                // Its own copy: the receiver owns what it gets and may change it (in-place decryption).
                sent.add(new Sent(name, copy.clone(), drop));
            }
            if (!drop && name.equals(coalesceFrom) && (held != null || copy.length > 0 && copy[0] == 23)) {
                if (held == null) {
                    held = copy;
                    return;
                }
                byte[] joined = new byte[held.length + copy.length];
                System.arraycopy(held, 0, joined, 0, held.length);
                System.arraycopy(copy, 0, joined, held.length, copy.length);
                held = null;
                copy = joined;
            }
            if (drop) {
                return;
            }
            // Draw both numbers always, so one impairment's rate does not shift the other's.
            boolean duplicate = random.nextDouble() < duplicateRate;
            boolean reorder = random.nextDouble() < reorderRate;
            if (reorder && reorderHeld == null) {
                reorderHeld = copy; // goes out after the next datagram
                return;
            }
            transmit(copy);
            if (duplicate) {
                transmit(copy.clone());
            }
            if (reorderHeld != null) {
                byte[] late = reorderHeld;
                reorderHeld = null;
                transmit(late);
            }
        }

        private void transmit(byte[] datagram) {
            try {
                deliverer.execute(() -> peer.deliver(datagram));
            } catch (java.util.concurrent.RejectedExecutionException e) {
                // The link is shut down: the datagram is lost, as on a dead path.
            }
        }

        private void deliver(byte[] datagram) {
            Consumer<ByteBuffer> c = consumer;
            if (!closed && c != null) {
                delivered.incrementAndGet(); // first, so a consumer's effects imply the count
                c.accept(ByteBuffer.wrap(datagram));
            }
        }

        @Override
        public int maxPacketSize() {
            return maxPacketSize;
        }

        @Override
        public void onReceive(Consumer<ByteBuffer> consumer) {
            this.consumer = consumer;
        }

        @Override
        public void close() {
            closed = true;
        }

        boolean isClosed() {
            return closed;
        }
    }
}
