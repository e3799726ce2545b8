package io.puredc.peer;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small fixed group of single-threaded event loops shared by every peer connection in the
 * process (the Netty EventLoopGroup idea): a connection is pinned to one loop, so its SCTP core
 * needs no lock and the number of threads does not grow with connections.
 */
public final class EventLoops {
    private static final EventLoops SHARED = new EventLoops(Math.max(2, Runtime.getRuntime().availableProcessors()));

    private final ScheduledExecutorService[] loops;
    private final AtomicInteger next = new AtomicInteger();

    public EventLoops(int size) {
        loops = new ScheduledExecutorService[size];
        AtomicInteger n = new AtomicInteger();
        ThreadFactory factory = r -> {
            Thread t = new Thread(r, "puredc-peer-loop-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        for (int i = 0; i < size; i++) {
            ScheduledThreadPoolExecutor e = new ScheduledThreadPoolExecutor(1, factory);
            e.setRemoveOnCancelPolicy(true); // re-armed SCTP timers must not pile up
            loops[i] = e;
        }
    }

    /** The process-wide group: one loop per core, at least two. */
    public static EventLoops shared() {
        return SHARED;
    }

    /** The loop for a new connection, round robin. */
    ScheduledExecutorService nextLoop() {
        return loops[Math.floorMod(next.getAndIncrement(), loops.length)];
    }

    public int size() {
        return loops.length;
    }
}
