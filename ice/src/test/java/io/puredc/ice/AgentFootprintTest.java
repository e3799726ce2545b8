package io.puredc.ice;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.ice4j.ice.harvest.HarvestConfig;
import org.ice4j.ice.harvest.MappingCandidateHarvesters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What an agent costs and what it does not bring: JNA, outside contacts, threads, seconds. */
@Timeout(90)
class AgentFootprintTest {

    @Test
    void jnaIsAbsentAndIce4jStillGathersAndConnects() throws Exception {
        assertThrows(ClassNotFoundException.class, () -> Class.forName("com.sun.jna.Native"));
        assertThrows(ClassNotFoundException.class, () -> Class.forName("com.sun.jna.Platform"));
        LoopbackPeers a = LoopbackPeers.on127(IceRole.CONTROLLING);
        LoopbackPeers b = LoopbackPeers.on127(IceRole.CONTROLLED);
        try {
            IceAgentLoopbackTest.connect(a, b);
            assertEquals("127.0.0.1", a.agent.localCandidates().get(0).address());
        } finally {
            a.agent.close();
            b.agent.close();
        }
    }

    @Test
    void ice4jDefaultsThatReachOutsideAreOff() throws Exception {
        IceAgent.create(IceConfig.of(IceRole.CONTROLLING).withHostAddresses(LoopbackPeers.LOOPBACK)).close();
        // reference.conf says true; false here proves the system property reached ice4j's config.
        assertEquals(false, HarvestConfig.config.enableAwsHarvester());
        assertTrue(HarvestConfig.config.stunMappingCandidateHarvesterAddresses().isEmpty());
        // The process-wide harvesters every Agent gets: none, so no unconfigured server is ever asked.
        assertEquals(0, MappingCandidateHarvesters.getHarvesters().length);
    }

    @Test
    void ice4jConfiguredToReachOutOnItsOwnIsRefusedBeforeAnyAgentExists() throws Exception {
        String line = runJava("refusal=", "-Dice4j.harvest.mapping.aws.enabled=true", RefusalProbe.class.getName());
        assertTrue(line.contains("ice4j.harvest.mapping.aws.enabled"), line);
    }

    @Test
    void gatheringTimeOfANewAgentOnLoopback() throws Exception {
        // A fresh JVM shows the first agent's cost including ice4j's start-up, with and without warmUp().
        for (String mode : new String[] {"cold", "warm-up"}) {
            String line = runProbe(mode);
            assertTrue(line.contains("candidates=1"), line);
            System.out.println("gathering in a fresh JVM, " + mode + " (ms): " + line);
        }

        long[] ms = new long[5];
        for (int i = 0; i < ms.length; i++) {
            IceAgent agent = IceAgent.create(IceConfig.of(IceRole.CONTROLLED).withHostAddresses(LoopbackPeers.LOOPBACK));
            ms[i] = agent.gatheringTime().toNanos() / 1000;
            agent.close();
        }
        System.out.println("gathering in a warm JVM (us): " + Arrays.toString(ms));
    }

    @Test
    void threadsPerAgentAreCountedAndReadersEndOnClose() throws Exception {
        // Agents of earlier tests release their sockets asynchronously; start from none.
        awaitNoReaders();
        LoopbackPeers warmA = LoopbackPeers.on127(IceRole.CONTROLLING);
        LoopbackPeers warmB = LoopbackPeers.on127(IceRole.CONTROLLED);
        IceAgentLoopbackTest.connect(warmA, warmB);
        Map<String, Integer> before = threadsByPool();

        int pairs = 3;
        LoopbackPeers[] peers = new LoopbackPeers[pairs * 2];
        for (int i = 0; i < pairs; i++) {
            peers[2 * i] = LoopbackPeers.on127(IceRole.CONTROLLING);
            peers[2 * i + 1] = LoopbackPeers.on127(IceRole.CONTROLLED);
            IceAgentLoopbackTest.connect(peers[2 * i], peers[2 * i + 1]);
        }
        // Readers are started off ice4j's thread (see IceAgent.onSelected), so the last may lag CONNECTED.
        awaitReaders(2 + 2 * pairs);
        Map<String, Integer> connected = threadsByPool();
        System.out.println("threads with 2 connected agents: " + before);
        System.out.println("threads with " + (2 + 2 * pairs) + " connected agents: " + connected);
        assertEquals(2 + 2 * pairs, connected.getOrDefault("puredc-ice-reader", 0), "one reader per connected agent");

        warmA.agent.close();
        warmB.agent.close();
        for (LoopbackPeers p : peers) {
            p.agent.close();
        }
        awaitNoReaders();
        Map<String, Integer> after = threadsByPool();
        System.out.println("threads after closing all: " + after);
        assertEquals(0, after.getOrDefault("puredc-ice-reader", 0), "readers end when their agent closes");
    }

    private static void awaitReaders(int wanted) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (threadsByPool().getOrDefault("puredc-ice-reader", 0) < wanted && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }

    private static void awaitNoReaders() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (threadsByPool().getOrDefault("puredc-ice-reader", 0) > 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }

    private static String runProbe(String mode) throws Exception {
        return runJava("warmUp=", GatheringProbe.class.getName(), mode);
    }

    /** Runs a main class of the test classpath in a new JVM; returns its first stdout line with {@code prefix}. */
    private static String runJava(String prefix, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                System.getProperty("java.home") + File.separator + "bin" + File.separator + "java",
                "-cp", System.getProperty("java.class.path")));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String line;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            line = r.lines().filter(l -> l.startsWith(prefix)).findFirst().orElse("");
        }
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
        assertEquals(0, p.exitValue(), "probe exit status");
        return line;
    }

    /** Live threads counted by name with the trailing numbers removed (pool and thread ids). */
    private static Map<String, Integer> threadsByPool() {
        List<String> names = Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive)
                .map(Thread::getName).collect(Collectors.toList());
        Map<String, Integer> out = new TreeMap<>();
        for (String n : names) {
            String pool = n.replaceAll("[-0-9]+$", "").replaceAll("-pool-[0-9]+-thread", "-pool");
            out.merge(pool, 1, Integer::sum);
        }
        return out;
    }
}
