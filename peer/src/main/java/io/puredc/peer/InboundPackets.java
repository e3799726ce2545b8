package io.puredc.peer;

import java.nio.ByteBuffer;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Hands decrypted SCTP packets from the thread that received them (ICE's reader) to the
 * connection's loop in batches: a packet is queued, and a drain task is submitted only when none
 * is pending, so a burst costs one task and one loop wake-up instead of one per packet, and the
 * driver can send what the whole burst produced in one flush. Packets keep their order (one
 * producer at a time, see {@code ice/README.md}; one consumer, the loop).
 */
final class InboundPackets {
    /** Packets per drain task before yielding the loop to the other connections on it. */
    static final int MAX_BATCH = 64;

    private final ConcurrentLinkedQueue<ByteBuffer> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean pending = new AtomicBoolean();
    private final Consumer<Runnable> loop;
    private final Consumer<ByteBuffer[]> sink;
    // Only touched by the drain task, on the loop.
    private final ByteBuffer[] batch = new ByteBuffer[MAX_BATCH];

    /**
     * @param loop submits a task to the connection's loop
     * @param sink called on the loop with a batch of 1..MAX_BATCH packets, then null-terminated
     *             if shorter; it must not keep the array
     */
    InboundPackets(Consumer<Runnable> loop, Consumer<ByteBuffer[]> sink) {
        this.loop = loop;
        this.sink = sink;
    }

    /** Any thread. */
    void offer(ByteBuffer packet) {
        queue.add(packet);
        if (pending.compareAndSet(false, true)) {
            loop.accept(this::drain);
        }
    }

    private void drain() {
        // Cleared before polling: a packet added after the last poll schedules another drain.
        pending.set(false);
        int n = 0;
        ByteBuffer p;
        while (n < MAX_BATCH && (p = queue.poll()) != null) {
            batch[n++] = p;
        }
        if (n == 0) {
            return;
        }
        if (n < MAX_BATCH) {
            batch[n] = null;
        }
        try {
            sink.accept(batch);
        } finally {
            java.util.Arrays.fill(batch, 0, n, null);
            if (!queue.isEmpty() && pending.compareAndSet(false, true)) {
                loop.accept(this::drain);
            }
        }
    }
}
