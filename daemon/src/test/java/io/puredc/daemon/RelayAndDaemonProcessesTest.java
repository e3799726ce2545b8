package io.puredc.daemon;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.puredc.daemon.testing.JavaBrowser;
import io.puredc.wire.Frame;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * PROTOCOL.md §2 "Relay alone, daemons elsewhere" as two real processes: the relay alone, and a
 * daemon that registers with it; a browser (our Java peer) asks the relay for a session and gets
 * the file from the daemon, signalled through the relay over HTTP.
 */
@Timeout(120)
class RelayAndDaemonProcessesTest {
    @TempDir
    Path tmp;
    final List<Process> processes = new ArrayList<>();

    Process start(Path stderr, String... args) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> cmd = new ArrayList<>(List.of(java, "-cp", classpath, Main.class.getName()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectError(stderr.toFile()).start();
        processes.add(p);
        return p;
    }

    static String firstLine(Process p, Path stderr) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line = CompletableFuture.supplyAsync(() -> {
            try {
                return out.readLine();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).get(30, TimeUnit.SECONDS);
        assertNotNull(line, () -> "no output; stderr: " + read(stderr));
        return line;
    }

    @Test
    void aFileStreamsFromADaemonThroughASeparateRelay() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("root"));
        byte[] content = new byte[2 * 1024 * 1024 + 777];
        new Random(3).nextBytes(content);
        Files.write(root.resolve("clip.bin"), content);
        Path relayLog = tmp.resolve("relay.log");
        Path daemonLog = tmp.resolve("daemon.log");
        try {
            Process relay = start(relayLog, "relay", "--port", "0", "--relay-key", "secret-key");
            Matcher m = Pattern.compile("listening on (http://127\\.0\\.0\\.1:\\d+/)").matcher(firstLine(relay, relayLog));
            assertTrue(m.matches());
            String base = m.group(1);
            Process daemon = start(daemonLog, "--root", root.toString(), "--relay", base, "--relay-key", "secret-key",
                    "--ice-address", "127.0.0.1");
            assertTrue(firstLine(daemon, daemonLog).startsWith("using relay " + base + " as daemon "));

            try (JavaBrowser b = JavaBrowser.open(base, "clip.bin")) {
                Frame.Hello h = assertInstanceOf(Frame.Hello.class, b.next(30));
                assertEquals(content.length, h.fileSize());
                assertArrayEquals(sha256(content), sha256(b.fetchWhole(1)));
                assertTrue(!b.remoteCandidates().isEmpty() && b.remoteCandidates().stream().allMatch(c -> c.contains(" 127.0.0.1 ")),
                        "--ice-address limits the daemon's candidates: " + b.remoteCandidates());
                b.signal("bye", "");
                assertTrue(b.channelClosed.await(15, TimeUnit.SECONDS));
            }
            waitForLine(daemonLog, "ended (the browser said bye)");
            for (Process p : List.of(daemon, relay)) {
                new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor();
                assertTrue(p.waitFor(2, TimeUnit.SECONDS), "exits within 2 s of Ctrl-C");
            }
        } finally {
            processes.forEach(Process::destroyForcibly);
        }
    }

    static void waitForLine(Path log, String text) throws InterruptedException {
        for (int i = 0; i < 300; i++) { // ≤ 30 s: another process, on a possibly loaded machine
            if (read(log).contains(text)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no '" + text + "' in the log:\n" + read(log));
    }

    static byte[] sha256(byte[] b) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(b);
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }
}
