package io.puredc.dtls;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Prints DTLS application-data throughput with full-size (1163-byte) records over the in-memory
 * link: one sender thread, one receiver thread (the link's), in one process. A program that
 * prints numbers, not a test (DESIGN.md "Tests").
 *
 * <p>Modes: {@code OURS} is {@link AeadRecordLayer} (the default after the handshake);
 * {@code BC_JCA} and {@code BC_BC} are BouncyCastle's record layer with JCA or BC crypto, as
 * before it. For each run it prints wall MB/s and CPU milliseconds per MB of payload: for the
 * process, for the sending thread (sealing and handing to the link) and for the receiving thread
 * (opening and delivering). On a shared machine wall time is noisy; CPU per MB is the number to
 * compare.
 *
 * <p>Run: {@code mvn -q -f dtls/pom.xml test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=io.puredc.dtls.DtlsThroughputBenchmark [-Dexec.args="RECORDS [MODE...]"]}
 */
public final class DtlsThroughputBenchmark {

    private DtlsThroughputBenchmark() {}

    enum Mode { OURS, BC_JCA, BC_BC, LAYER_ONLY }

    public static void main(String[] args) throws Exception {
        int records = args.length > 0 ? Integer.parseInt(args[0]) : 40_000;
        List<Mode> modes = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            modes.add(Mode.valueOf(args[i]));
        }
        if (modes.isEmpty()) {
            modes = List.of(Mode.values());
        }
        DtlsCertificate certA = DtlsCertificate.generate();
        DtlsCertificate certB = DtlsCertificate.generate();
        ThreadPoolExecutor pool = HandshakeExecutors.newBoundedPool(2, "bench-handshake");
        try {
            for (Mode mode : modes) {
                run(mode, records / 4, certA, certB, pool, false); // warm-up
            }
            for (int round = 1; round <= 3; round++) {
                for (Mode mode : modes) {
                    run(mode, records, certA, certB, pool, true);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static void run(Mode mode, int records, DtlsCertificate certA, DtlsCertificate certB,
            ThreadPoolExecutor pool, boolean print) throws Exception {
        if (mode == Mode.LAYER_ONLY) {
            layerOnly(records, print);
            return;
        }
        DtlsConfig config = DtlsConfig.defaults()
                .withCrypto(mode == Mode.BC_BC ? DtlsConfig.Crypto.BC : DtlsConfig.Crypto.JCA)
                .withHandshakeExecutor(pool).withHandshakeTimeout(Duration.ofSeconds(20));
        try (MemoryLink link = new MemoryLink(65_507)) {
            link.recordSent = false;
            DtlsTransport a = DtlsTransport.create(link.a, DtlsRole.CLIENT, certA, List.of(certB.fingerprint()), config);
            DtlsTransport b = DtlsTransport.create(link.b, DtlsRole.SERVER, certB, List.of(certA.fingerprint()), config);
            if (mode != Mode.OURS) {
                a.useBouncyCastleRecordLayer();
                b.useBouncyCastleRecordLayer();
            }
            CountDownLatch done = new CountDownLatch(records + 1_000);
            AtomicLong bytes = new AtomicLong();
            Thread[] receiver = new Thread[1];
            b.onReceive(p -> {
                receiver[0] = Thread.currentThread();
                bytes.addAndGet(p.remaining());
                done.countDown();
            });
            a.start();
            b.start();
            a.handshakeFuture().get(20, TimeUnit.SECONDS);
            b.handshakeFuture().get(20, TimeUnit.SECONDS);

            byte[] payload = new byte[a.maxPacketSize()];
            // Primers until one arrives on the link's thread (the first may come on the handshake's).
            int primers = 0;
            while (receiver[0] == null || !receiver[0].getName().startsWith("link-to-")) {
                a.send(ByteBuffer.wrap(payload));
                primers++;
                Thread.sleep(1);
            }
            while (records + 1_000 - done.getCount() < primers) {
                Thread.sleep(1); // every primer delivered
            }
            while (done.getCount() > records) {
                done.countDown();
            }
            bytes.set(0);
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            long rxThread = receiver[0].getId();
            long cpu0 = processCpuNanos();
            long tx0 = threads.getCurrentThreadCpuTime();
            long rx0 = threads.getThreadCpuTime(rxThread);
            long t0 = System.nanoTime();
            for (int i = 0; i < records; i++) {
                a.send(ByteBuffer.wrap(payload));
            }
            long tx = threads.getCurrentThreadCpuTime() - tx0;
            boolean all = done.await(60, TimeUnit.SECONDS);
            long wall = System.nanoTime() - t0;
            long rx = threads.getThreadCpuTime(rxThread) - rx0;
            long cpu = processCpuNanos() - cpu0;
            if (print) {
                double mb = bytes.get() / 1e6;
                System.out.printf("%-6s %6d x %d B: %7.1f MB/s wall, CPU ms/MB: %5.2f process, %5.2f sender,"
                        + " %5.2f receiver%s%n", mode, records, payload.length, mb / (wall / 1e9), cpu / 1e6 / mb,
                        tx / 1e6 / mb, rx / 1e6 / mb, all ? "" : " (INCOMPLETE)");
            }
            a.close();
            b.close();
        }
    }

    /**
     * {@link AeadRecordLayer} alone on one thread, no link and no transport: seal every record
     * into one buffer, then open them all. What the record layer costs per direction.
     */
    private static void layerOnly(int records, boolean print) throws Exception {
        byte[] k1 = new byte[16];
        byte[] k2 = new byte[16];
        byte[] s1 = new byte[4];
        byte[] s2 = new byte[4];
        java.security.SecureRandom random = new java.security.SecureRandom();
        random.nextBytes(k1);
        random.nextBytes(k2);
        AeadRecordLayer sender = new AeadRecordLayer(k1, s1, k2, s2);
        AeadRecordLayer receiver = new AeadRecordLayer(k2, s2, k1, s1);
        int size = DtlsConfig.DEFAULT_MAX_DATAGRAM_SIZE - AeadRecordLayer.OVERHEAD;
        int recordSize = size + AeadRecordLayer.OVERHEAD;
        int batch = Math.min(records, 10_000);
        byte[] wire = new byte[batch * recordSize];
        ByteBuffer payload = ByteBuffer.wrap(new byte[size]);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long sealNanos = 0;
        long openNanos = 0;
        long opened = 0;
        for (int done = 0; done < records; done += batch) {
            long c0 = threads.getCurrentThreadCpuTime();
            for (int i = 0; i < batch; i++) {
                sender.seal(23, payload, wire, i * recordSize);
            }
            long c1 = threads.getCurrentThreadCpuTime();
            for (int i = 0; i < batch; i++) {
                opened += receiver.open(wire, i * recordSize, recordSize);
            }
            long c2 = threads.getCurrentThreadCpuTime();
            sealNanos += c1 - c0;
            openNanos += c2 - c1;
        }
        if (print) {
            double mb = opened / 1e6;
            System.out.printf("%-6s %6d x %d B: CPU ms/MB: %5.2f seal, %5.2f open%n", "LAYER", records, size,
                    sealNanos / 1e6 / mb, openNanos / 1e6 / mb);
        }
    }

    private static long processCpuNanos() {
        java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean) {
            return ((com.sun.management.OperatingSystemMXBean) os).getProcessCpuTime();
        }
        return 0;
    }
}
