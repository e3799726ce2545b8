package io.puredc.dtls;

import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The shared pool that runs BouncyCastle's blocking DTLS handshakes.
 *
 * <p>BouncyCastle's handshake API blocks its thread until the handshake ends (bc-java#443), so
 * each handshake in progress holds a thread. The pool is bounded so that threads do not grow with
 * sessions (DESIGN.md "Threads are bounded"): further handshakes wait in the queue, and their
 * peers' retransmissions wait in each session's receive queue. Idle threads exit, so a process
 * with no handshake in progress holds none. Once a handshake is done the session needs no thread
 * of its own (see {@link DtlsTransport}).
 */
public final class HandshakeExecutors {

    /** Most handshakes in progress at once in the shared pool. */
    public static final int SHARED_POOL_SIZE = 16;

    private HandshakeExecutors() {}

    /** The process-wide pool; its threads are daemons named {@code puredc-dtls-handshake-N}. */
    public static Executor shared() {
        return Holder.SHARED;
    }

    /** A new bounded pool of {@code size} daemon threads that exit after 30 s idle. */
    public static ThreadPoolExecutor newBoundedPool(int size, String namePrefix) {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(size, size, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), daemonThreads(namePrefix));
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    private static final class Holder {
        static final Executor SHARED = newBoundedPool(SHARED_POOL_SIZE, "puredc-dtls-handshake");
    }
}
