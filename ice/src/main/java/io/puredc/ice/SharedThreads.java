package io.puredc.ice;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** The module's process-wide threads; none of them grows with the number of idle agents. */
final class SharedThreads {
    /** One thread: consent timers of every agent and ice4j's {@code free()}. */
    static final ScheduledExecutorService HOUSEKEEPING = housekeeping();
    /**
     * ice4j's server harvesting blocks its caller until the servers answer or time out; used only by agents
     * with STUN/TURN servers, threads die after 10 s idle.
     */
    static final ThreadPoolExecutor GATHERING = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 10,
            TimeUnit.SECONDS, new SynchronousQueue<>(), daemon("puredc-ice-gather"));

    private SharedThreads() {
    }

    private static ScheduledExecutorService housekeeping() {
        ScheduledThreadPoolExecutor e = new ScheduledThreadPoolExecutor(1, daemon("puredc-ice-housekeeping"));
        e.setRemoveOnCancelPolicy(true);
        return e;
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
