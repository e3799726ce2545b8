package io.puredc.daemon;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.LoggerFactory;

/** A started daemon or relay: what to close on Ctrl-C, and a latch to wait on until then. */
public final class Running implements AutoCloseable {
    private final InetSocketAddress address;
    private final List<AutoCloseable> parts;
    private final CountDownLatch closed = new CountDownLatch(1);
    private boolean closing;

    Running(InetSocketAddress address, List<AutoCloseable> parts) {
        this.address = address;
        this.parts = List.copyOf(parts);
    }

    /** The bound address (the real port when 0 was asked for); null for a daemon using an external relay. */
    public InetSocketAddress address() {
        return address;
    }

    /** Closes the parts in order; each is bounded, so the whole stays within the 2 s of a Ctrl-C. */
    @Override
    public void close() {
        synchronized (this) {
            if (closing) {
                return;
            }
            closing = true;
        }
        for (AutoCloseable part : parts) {
            try {
                part.close();
            } catch (Exception e) {
                LoggerFactory.getLogger(Running.class).warn("closing {} failed: {}", part, e.toString());
            }
        }
        closed.countDown();
    }

    public boolean awaitClosed(long timeout, TimeUnit unit) throws InterruptedException {
        return closed.await(timeout, unit);
    }

    public void awaitClosed() throws InterruptedException {
        closed.await();
    }
}
