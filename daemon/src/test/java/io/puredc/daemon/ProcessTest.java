package io.puredc.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.puredc.daemon.testing.Http;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one test that runs the daemon as its own process: it must print the listening line, serve,
 * and on Ctrl-C (SIGINT, which runs the shutdown hook) be gone within 2 s.
 */
@Timeout(60)
class ProcessTest {
    @TempDir
    Path tmp;

    @Test
    void startsAsAProcessAndStopsWithin2SecondsOfCtrlC() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("root"));
        Files.write(root.resolve("a.mp4"), new byte[5]);
        Path stderr = tmp.resolve("stderr.log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // Surefire's real class path (java.class.path may be its manifest-only booter jar).
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Process p = new ProcessBuilder(java, "-cp", classpath, Main.class.getName(),
                "--root", root.toString(), "--port", "0")
                .redirectError(stderr.toFile())
                .start();
        try {
            BufferedReader stdout = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String line = CompletableFuture.supplyAsync(() -> {
                try {
                    return stdout.readLine();
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).get(30, TimeUnit.SECONDS);
            assertNotNull(line, () -> "no output; stderr: " + read(stderr));
            Matcher m = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)/").matcher(line);
            assertTrue(m.matches(), line);
            Http http = new Http("http://127.0.0.1:" + m.group(1));
            assertEquals("{\"files\":[{\"path\":\"a.mp4\",\"size\":5}]}", http.get("/api/files").body());

            Process kill = new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).inheritIO().start();
            assertEquals(0, kill.waitFor());
            assertTrue(p.waitFor(2, TimeUnit.SECONDS), "still running 2 s after Ctrl-C");
            assertEquals(130, p.exitValue(), "128 + SIGINT: the JVM ran its shutdown hooks and exited");
            assertTrue(List.of(read(stderr).split("\n")).stream().noneMatch(l -> l.contains("Exception")), read(stderr));
        } finally {
            p.destroyForcibly();
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

}
