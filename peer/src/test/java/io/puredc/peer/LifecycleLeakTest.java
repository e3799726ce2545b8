package io.puredc.peer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * 200 connect/close cycles must leave no thread, socket or connection behind: closing (or
 * failing) a connection releases everything it held. Threads are counted with
 * {@link Thread#activeCount()}, sockets and files in /proc/self/fd.
 */
class LifecycleLeakTest {
    private static final int CYCLES = 200;

    private static int openFileDescriptors() {
        String[] fds = new File("/proc/self/fd").list();
        return fds == null ? -1 : fds.length;
    }

    private static void cycle() throws Exception {
        try (LoopbackPair p = new LoopbackPair()) {
            DataChannel ch = p.a.createDataChannel("c", DataChannelInit.defaults());
            CompletableFuture<String> got = new CompletableFuture<>();
            p.b.onDataChannel(dc -> dc.onMessage(m -> got.complete(m.text())));
            p.negotiate();
            LoopbackPair.opened(ch).get(20, TimeUnit.SECONDS);
            ch.send("ping");
            assertEquals("ping", got.get(10, TimeUnit.SECONDS));
        }
    }

    private static String threadNames() {
        java.util.Map<String, Integer> byName = new java.util.TreeMap<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            byName.merge(t.getName().replaceAll("\\d+", "#"), 1, Integer::sum);
        }
        return byName.toString();
    }

    private static String fdTargets() {
        java.util.Map<String, Integer> byTarget = new java.util.TreeMap<>();
        File[] fds = new File("/proc/self/fd").listFiles();
        if (fds != null) {
            for (File f : fds) {
                try {
                    String target = java.nio.file.Files.readSymbolicLink(f.toPath()).toString();
                    if (!target.endsWith(".jar")) {
                        byTarget.merge(target.replaceAll("\\d+", "#"), 1, Integer::sum);
                    }
                } catch (java.io.IOException e) {
                    byTarget.merge("?", 1, Integer::sum);
                }
            }
        }
        return byTarget.toString();
    }

    /** Threads and descriptors settle after pools let idle threads go; wait a bounded time for that. */
    private static boolean settles(int threads, int fds) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            if (Thread.activeCount() <= threads && openFileDescriptors() <= fds) {
                return true;
            }
            // ice4j's filtered socket views (DelegatingDatagramSocket) each open an unbound
            // descriptor of their own that close() does not release; the JDK's Cleaner does once
            // the view is unreachable. A collection here separates those from real leaks:
            // anything still open afterwards is still referenced.
            System.gc();
            Thread.sleep(100);
        }
        return false;
    }

    @Test
    void twoHundredOpenCloseCyclesLeakNothing() throws Exception {
        // Warm up the process-wide bounded pools (ice4j's, the DTLS handshake executor of at most
        // 16 threads, the event loops) and lazily opened jars: they fill once, a leak grows for ever.
        for (int i = 0; i < 24; i++) {
            cycle();
        }
        Thread.sleep(500);
        int threadsBefore = Thread.activeCount();
        int fdsBefore = openFileDescriptors();
        for (int i = 0; i < CYCLES; i++) {
            cycle();
        }
        int slackThreads = 8; // pool threads that are idle but not yet expired
        int slackFds = 8;
        boolean settled = settles(threadsBefore + slackThreads, fdsBefore + slackFds);
        assertTrue(settled, "after " + CYCLES + " cycles: threads " + threadsBefore + " -> " + Thread.activeCount()
                + ", file descriptors " + fdsBefore + " -> " + openFileDescriptors() + "; threads now: " + threadNames()
                + "; fds now: " + fdTargets());
    }
}
