package io.puredc.daemon.page;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 6's browser test: Debian's Chromium plays an H.264/AAC MP4 from a real daemon process
 * through the page, its service worker and the data channel; seeks to the middle; and fetches the
 * whole file through the worker with the same SHA-256 as on disk. It runs inside a private network
 * namespace (PEER-PROTOCOL.md, "Chromium and loopback"): Chromium gathers no loopback candidates.
 * Every tool it needs is required; a missing one fails the test with its name.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class BrowserPlaybackTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The whole namespace run: daemon start, Chromium start, playback, seek, fetches. */
    private static final long RUN_SECONDS = 75;
    private static final long DRIVER_TIMEOUT_MS = 60_000;
    private static final String PLAY = "clips/test clip.mp4"; // a space and a folder: both get encoded

    /**
     * A fresh namespace with loopback up and a veth pair 10.233.0.1/10.233.0.2 as its only network;
     * the default route makes Chromium gather host candidates on v0. Same recipe as conformance's
     * NetNs (copied: this module must not depend on conformance).
     */
    private static final String NETNS_SETUP = String.join("\n",
            "set -e",
            "ip link set lo up",
            "ip link add v0 type veth peer name v1",
            "ip addr add 10.233.0.1/24 dev v0",
            "ip addr add 10.233.0.2/24 dev v1",
            "ip link set v0 up",
            "ip link set v1 up",
            "ip route add default dev v0",
            "exec \"$@\"");

    /**
     * Inside the namespace: start the daemon (its ICE on v1), wait for its listening line, run the
     * driver against it, then stop the daemon with SIGTERM and wait, so its log is complete.
     */
    private static final String RUN = String.join("\n",
            "java=\"$1\"; cp=\"$2\"; root=\"$3\"; driver=\"$4\"; play=\"$5\"; logs=\"$6\"; timeout=\"$7\"",
            "\"$java\" -cp \"$cp\" io.puredc.daemon.Main --root \"$root\" --port 0 --ice-address 10.233.0.2 \\",
            "  >\"$logs/daemon.out\" 2>\"$logs/daemon.err\" &",
            "daemon=$!",
            "i=0",
            "until grep -q '^listening on http://127.0.0.1:' \"$logs/daemon.out\"; do",
            "  i=$((i+1))",
            "  if [ $i -gt 300 ] || ! kill -0 $daemon 2>/dev/null; then",
            "    echo '{\"ok\":false,\"error\":\"the daemon printed no listening line\"}'",
            "    kill $daemon 2>/dev/null; exit 1",
            "  fi",
            "  sleep 0.1",
            "done",
            "url=$(sed -n 's/^listening on //p' \"$logs/daemon.out\")",
            "node \"$driver\" --url \"$url\" --play \"$play\" --timeout-ms \"$timeout\"",
            "rc=$?",
            "kill -TERM $daemon; wait $daemon",
            "exit $rc");

    @TempDir
    Path tmp;

    @Test
    void chromiumPlaysSeeksAndFetchesTheWholeFileThroughTheServiceWorker() throws Exception {
        Path module = WireJsTest.moduleDir();
        Path driver = module.resolve("src/test/js/play-in-chromium.cjs");
        Path peers = module.resolveSibling("conformance").resolve("peers/node_modules");
        for (String tool : List.of("ffmpeg", "unshare", "ip", "node")) {
            assertTrue(onPath(tool), tool + " is required by this test and is not on PATH");
        }
        assertTrue(Files.isExecutable(Path.of("/usr/bin/chromium")),
                "/usr/bin/chromium is required (conformance/bin/install-peers.sh installs it)");
        assertTrue(Files.isDirectory(peers.resolve("playwright-core")),
                "playwright-core is required in " + peers + " (run conformance/bin/install-peers.sh)");

        Path root = Files.createDirectories(tmp.resolve("root"));
        Path clip = root.resolve(PLAY);
        Files.createDirectories(clip.getParent());
        generateClip(clip);
        byte[] bytes = Files.readAllBytes(clip);
        Path logs = Files.createDirectories(tmp.resolve("logs"));
        Path tmpdir = Files.createDirectories(tmp.resolve("tmp"));

        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = daemonClassPath();
        List<String> cmd = new ArrayList<>(List.of("unshare", "-n", "sh", "-c", NETNS_SETUP, "sh",
                "sh", "-c", RUN, "sh", java, cp, root.toString(), driver.toString(), PLAY, logs.toString(),
                Long.toString(DRIVER_TIMEOUT_MS)));
        ProcessBuilder pb = new ProcessBuilder(cmd)
                .redirectOutput(logs.resolve("driver.out").toFile())
                .redirectError(logs.resolve("driver.err").toFile());
        pb.environment().put("TMPDIR", tmpdir.toString()); // Chromium's profile goes away with @TempDir
        pb.environment().put("NODE_PATH", peers.toString());
        Process p = pb.start();
        try {
            if (!p.waitFor(RUN_SECONDS, TimeUnit.SECONDS)) {
                fail("the namespace run did not end within " + RUN_SECONDS + " s\n" + diagnostics(logs));
            }
        } finally {
            killTree(p);
        }

        JsonNode r = result(logs);
        assertTrue(r.path("ok").asBoolean(), "the driver failed: " + r + "\n" + diagnostics(logs));
        assertTrue(r.path("controlled").asBoolean(), "the service worker controls the page");
        JsonNode hello = r.get("hello");
        assertEquals(bytes.length, hello.get("fileSize").asLong());
        assertEquals("test clip.mp4", hello.get("name").asText());
        assertEquals("video/mp4", hello.get("mime").asText());
        assertTrue(hello.get("seekable").asBoolean());
        assertFalse(hello.get("transcoding").asBoolean());

        // Playback advanced, and after the seek it played from the middle on.
        assertTrue(r.get("advancedTo").asDouble() > r.get("startTime").asDouble(), r::toString);
        double middle = r.get("middle").asDouble();
        assertTrue(r.get("duration").asDouble() > 7, r::toString);
        assertTrue(r.get("afterSeek").asDouble() >= middle, r::toString);
        JsonNode after = r.get("playingAfterSeek");
        assertTrue(after.get("currentTime").asDouble() > r.get("afterSeek").asDouble(), r::toString);
        assertFalse(after.get("paused").asBoolean(), r::toString);

        assertEquals(sha256(bytes), r.get("sha256").asText(), "the whole file through the service worker");

        JsonNode partial = r.at("/ranges/partial");
        assertEquals(206, partial.get("status").asInt());
        assertEquals("bytes 100-199/" + bytes.length, partial.get("contentRange").asText());
        assertEquals("100", partial.get("contentLength").asText());
        assertEquals("video/mp4", partial.get("contentType").asText());
        assertEquals(HexFormat.of().formatHex(Arrays.copyOfRange(bytes, 100, 200)), partial.get("hex").asText());
        JsonNode suffix = r.at("/ranges/suffix");
        assertEquals(206, suffix.get("status").asInt());
        assertEquals("bytes " + (bytes.length - 10) + "-" + (bytes.length - 1) + "/" + bytes.length,
                suffix.get("contentRange").asText());
        assertEquals(HexFormat.of().formatHex(Arrays.copyOfRange(bytes, bytes.length - 10, bytes.length)),
                suffix.get("hex").asText());
        JsonNode past = r.at("/ranges/past");
        assertEquals(416, past.get("status").asInt());
        assertEquals("bytes */" + bytes.length, past.get("contentRange").asText());

        assertEquals(0, r.at("/stats/malformed").asInt(), r::toString);
        assertEquals("idle", r.at("/finalState/state").asText(), "stopping leaves no error: " + r);

        // The daemon's side of the same session: started for this file, ended by the page's bye.
        String log = Files.readString(logs.resolve("daemon.err"), StandardCharsets.UTF_8);
        Matcher started = Pattern.compile("session (\\S+) started: " + Pattern.quote(PLAY)).matcher(log);
        assertTrue(started.find(), "no 'session started' line:\n" + log);
        Matcher ended = Pattern.compile("session " + Pattern.quote(started.group(1))
                + " ended \\(the browser said bye\\) after \\S+ s: served (\\d+) bytes").matcher(log);
        assertTrue(ended.find(), "no 'session ended (the browser said bye)' line:\n" + log);
        assertTrue(Long.parseLong(ended.group(1)) >= bytes.length, "the daemon served at least the whole file once");
    }

    /**
     * This JVM's class path without the test classes: the daemon runs as it would from its jar,
     * and nothing under target/test-classes can shadow the page's resources. Surefire may run
     * tests from a manifest-only jar; the real class path is then in its own property.
     */
    private static String daemonClassPath() {
        String all = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return Arrays.stream(all.split(File.pathSeparator))
                .filter(e -> !e.isEmpty() && !Path.of(e).endsWith(Path.of("target", "test-classes")))
                .collect(Collectors.joining(File.pathSeparator));
    }

    private void generateClip(Path clip) throws Exception {
        Process ff = new ProcessBuilder("ffmpeg", "-nostdin", "-loglevel", "error", "-y",
                "-f", "lavfi", "-i", "testsrc=duration=8:size=320x240:rate=25",
                "-f", "lavfi", "-i", "sine=duration=8",
                "-c:v", "libx264", "-pix_fmt", "yuv420p", "-c:a", "aac", "-movflags", "+faststart",
                clip.toString())
                .redirectErrorStream(true).redirectOutput(tmp.resolve("ffmpeg.log").toFile()).start();
        try {
            if (!ff.waitFor(40, TimeUnit.SECONDS)) {
                fail("ffmpeg did not finish within 40 s");
            }
        } finally {
            ff.destroyForcibly();
        }
        assertEquals(0, ff.exitValue(), "ffmpeg failed: " + Files.readString(tmp.resolve("ffmpeg.log")));
    }

    /** The driver's one JSON line (the last line of its stdout). */
    private static JsonNode result(Path logs) throws IOException {
        List<String> lines = Files.readAllLines(logs.resolve("driver.out"), StandardCharsets.UTF_8);
        String last = lines.stream().filter(l -> l.startsWith("{")).reduce((a, b) -> b).orElse(null);
        assertNotNull(last, "the driver printed no result\n" + diagnostics(logs));
        return JSON.readTree(last);
    }

    private static String diagnostics(Path logs) {
        StringBuilder b = new StringBuilder();
        for (String name : List.of("driver.out", "driver.err", "daemon.out", "daemon.err")) {
            try {
                List<String> lines = Files.readAllLines(logs.resolve(name), StandardCharsets.UTF_8);
                b.append("--- ").append(name).append(" (last 60 lines)\n");
                lines.subList(Math.max(0, lines.size() - 60), lines.size()).forEach(l -> b.append(l).append('\n'));
            } catch (IOException e) {
                b.append("--- ").append(name).append(": ").append(e.getMessage()).append('\n');
            }
        }
        return b.toString();
    }

    /** Kills what this test started, by process handle: the daemon, node and Chromium, then the shell. */
    private static void killTree(Process p) throws InterruptedException {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        p.waitFor(5, TimeUnit.SECONDS);
    }

    private static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
