package io.puredc.dtls;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Runs many seeded handshakes over an impaired in-memory link at once and prints how many
 * failed and how long the slowest took. A program that prints numbers, not a test.
 *
 * <p>{@code mvn -q -f dtls/pom.xml test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=io.puredc.dtls.LossSoak -Dexec.args="SEEDS LOSS [DUPLICATE REORDER]"},
 * for example {@code "60 0.3"}.
 */
public final class LossSoak {

    private LossSoak() {}

    public static void main(String[] args) throws Exception {
        int seeds = Integer.parseInt(args[0]);
        double loss = Double.parseDouble(args[1]);
        double duplicate = args.length > 2 ? Double.parseDouble(args[2]) : 0;
        double reorder = args.length > 3 ? Double.parseDouble(args[3]) : 0;
        DtlsCertificate certA = DtlsCertificate.generate();
        DtlsCertificate certB = DtlsCertificate.generate();
        ThreadPoolExecutor pool = HandshakeExecutors.newBoundedPool(2 * seeds, "soak");
        DtlsConfig config = DtlsConfig.defaults().withHandshakeExecutor(pool)
                .withHandshakeTimeout(Duration.ofSeconds(30)).withInitialRetransmit(Duration.ofMillis(100));
        List<MemoryLink> links = new ArrayList<>();
        List<CompletableFuture<Long>> results = new ArrayList<>();
        for (int seed = 1; seed <= seeds; seed++) {
            MemoryLink link = new MemoryLink(65_507, loss, seed);
            link.duplicateRate = duplicate;
            link.reorderRate = reorder;
            links.add(link);
            DtlsRole roleA = seed % 2 == 0 ? DtlsRole.CLIENT : DtlsRole.SERVER;
            DtlsRole roleB = roleA == DtlsRole.CLIENT ? DtlsRole.SERVER : DtlsRole.CLIENT;
            DtlsTransport a = DtlsTransport.create(link.a, roleA, certA, List.of(certB.fingerprint()), config);
            DtlsTransport b = DtlsTransport.create(link.b, roleB, certB, List.of(certA.fingerprint()), config);
            long start = System.nanoTime();
            results.add(CompletableFuture.allOf(a.start(), b.start())
                    .thenApply(v -> (System.nanoTime() - start) / 1_000_000)
                    .whenComplete((v, e) -> {
                        a.close();
                        b.close();
                    }));
        }
        int failed = 0;
        long slowest = 0;
        for (int i = 0; i < results.size(); i++) {
            try {
                slowest = Math.max(slowest, results.get(i).get(60, TimeUnit.SECONDS));
            } catch (Exception e) {
                failed++;
                System.out.println("seed " + (i + 1) + ": " + e.getCause());
            }
        }
        System.out.printf("loss %.2f duplicate %.2f reorder %.2f: %d of %d handshakes failed, slowest %d ms%n",
                loss, duplicate, reorder, failed, seeds, slowest);
        links.forEach(MemoryLink::close);
        pool.shutdownNow();
    }
}
