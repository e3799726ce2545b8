package io.puredc.dtls;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Prints DTLS record throughput with full-size (1163-byte) records, BC against JCA crypto, over
 * the in-memory link. A program that prints numbers, not a test (DESIGN.md "Tests").
 *
 * <p>Run: {@code mvn -q -f dtls/pom.xml test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=io.puredc.dtls.DtlsThroughputBenchmark [-Dexec.args=RECORDS]}
 */
public final class DtlsThroughputBenchmark {

    private DtlsThroughputBenchmark() {}

    public static void main(String[] args) throws Exception {
        int records = args.length > 0 ? Integer.parseInt(args[0]) : 40_000;
        DtlsCertificate certA = DtlsCertificate.generate();
        DtlsCertificate certB = DtlsCertificate.generate();
        ThreadPoolExecutor pool = HandshakeExecutors.newBoundedPool(2, "bench-handshake");
        try {
            for (DtlsConfig.Crypto crypto : DtlsConfig.Crypto.values()) {
                run(crypto, records / 4, certA, certB, pool, false); // warm-up
            }
            for (int round = 1; round <= 3; round++) {
                for (DtlsConfig.Crypto crypto : DtlsConfig.Crypto.values()) {
                    run(crypto, records, certA, certB, pool, true);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static void run(DtlsConfig.Crypto crypto, int records, DtlsCertificate certA, DtlsCertificate certB,
            ThreadPoolExecutor pool, boolean print) throws Exception {
        DtlsConfig config = DtlsConfig.defaults().withCrypto(crypto).withHandshakeExecutor(pool)
                .withHandshakeTimeout(Duration.ofSeconds(20));
        try (MemoryLink link = new MemoryLink(65_507)) {
            DtlsTransport a = DtlsTransport.create(link.a, DtlsRole.CLIENT, certA, List.of(certB.fingerprint()), config);
            DtlsTransport b = DtlsTransport.create(link.b, DtlsRole.SERVER, certB, List.of(certA.fingerprint()), config);
            CountDownLatch done = new CountDownLatch(records);
            AtomicLong bytes = new AtomicLong();
            b.onReceive(p -> {
                bytes.addAndGet(p.remaining());
                done.countDown();
            });
            a.start();
            b.start();
            a.handshakeFuture().get(20, TimeUnit.SECONDS);
            b.handshakeFuture().get(20, TimeUnit.SECONDS);

            byte[] payload = new byte[a.maxPacketSize()];
            long cpu0 = processCpuNanos();
            long t0 = System.nanoTime();
            for (int i = 0; i < records; i++) {
                a.send(ByteBuffer.wrap(payload));
            }
            boolean all = done.await(60, TimeUnit.SECONDS);
            long wall = System.nanoTime() - t0;
            long cpu = processCpuNanos() - cpu0;
            if (print) {
                double mb = bytes.get() / 1e6;
                System.out.printf("%-3s %6d records x %d B: %7.1f MB/s wall, %6.1f ms CPU per MB%s%n",
                        crypto, records, payload.length, mb / (wall / 1e9), cpu / 1e6 / mb,
                        all ? "" : " (INCOMPLETE)");
            }
            a.close();
            b.close();
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
