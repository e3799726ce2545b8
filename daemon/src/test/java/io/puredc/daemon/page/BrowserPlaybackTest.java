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
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real-browser tests of issues 6 and 7: Debian's Chromium plays files from a real daemon
 * process through the page, its service worker and the data channel. One namespace run serves
 * three clips, one tab each ({@code src/test/js/play-in-chromium.cjs}); each test method checks
 * one of them:
 *
 * <ul>
 *   <li>an H.264/AAC MP4: plays, seeks to the middle, and the whole file through the worker has
 *       the SHA-256 of the file on disk;
 *   <li>an HEVC/AAC MKV: the daemon decides VIDEO_TRANSCODE, HELLO comes with TRANSCODING, the
 *       worker answers without a length while ffmpeg runs, Chromium plays that, the exact-size
 *       HELLO comes mid-playback, the page reopens the video with the exact length, and it plays
 *       on and seeks;
 *   <li>a large MP4: a seek far ahead while a RANGE_REQ is open makes the page send CANCEL, which
 *       the daemon counts, and playback goes on from the seek point.
 * </ul>
 *
 * <p>It runs inside a private network namespace (PEER-PROTOCOL.md, "Chromium and loopback"):
 * Chromium gathers no loopback candidates. Every tool it needs is required; a missing one fails
 * the test with its name.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class BrowserPlaybackTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The whole namespace run: daemon start, Chromium start, the three scenarios. */
    private static final long RUN_SECONDS = 75;
    private static final long DRIVER_TIMEOUT_MS = 62_000;
    private static final String PLAY = "clips/test clip.mp4"; // a space and a folder: both get encoded
    private static final String HEVC = "clips/hevc clip.mkv";
    private static final String BIG = "big.mp4";

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
     * Inside the namespace: start the daemon (its ICE on v1; transcodes with the gated ffmpeg, into
     * their own folder), wait for its listening line, run the driver against it with the remaining
     * arguments, then stop the daemon with SIGTERM and wait, so its log is complete.
     */
    private static final String RUN = String.join("\n",
            "java=\"$1\"; cp=\"$2\"; root=\"$3\"; logs=\"$4\"; ffmpeg=\"$5\"; tdir=\"$6\"; driver=\"$7\"",
            "shift 7",
            "\"$java\" -cp \"$cp\" io.puredc.daemon.Main --root \"$root\" --port 0 --ice-address 10.233.0.2 \\",
            "  --ffmpeg \"$ffmpeg\" --transcode-dir \"$tdir\" >\"$logs/daemon.out\" 2>\"$logs/daemon.err\" &",
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
            "node \"$driver\" --url \"$url\" \"$@\"",
            "rc=$?",
            "kill -TERM $daemon; wait $daemon",
            "exit $rc");

    /**
     * The daemon's ffmpeg ({@code --ffmpeg}). It starts only once the driver creates the gate file,
     * which it does when the page has the first HELLO: that HELLO is then certainly sent while the
     * transcode runs, whatever the machine's speed. And it reads its input at twice real time, so
     * the transcode still runs while the video plays and the exact-size HELLO comes mid-playback, as
     * with a long file on a slow machine. Bounded: without a gate it starts after 30 s anyway.
     */
    private static final String GATED_FFMPEG = String.join("\n",
            "#!/bin/sh",
            "i=0",
            "while [ ! -e \"$PUREDC_GATE\" ] && [ $i -lt 300 ]; do sleep 0.1; i=$((i+1)); done",
            "exec \"$PUREDC_FFMPEG\" -readrate 2 \"$@\"",
            "");

    private static Path tmp;
    private static byte[] playBytes;
    private static byte[] bigBytes;
    private static Path hevcFile;
    private static Path transcodeDir;
    private static JsonNode result;
    private static String daemonLog;
    private static String diagnostics;

    /** Makes the clips, then runs the daemon and the driver once, for all three tests. */
    @BeforeAll
    static void runChromiumAgainstADaemonProcess(@TempDir Path dir) throws Exception {
        tmp = dir;
        Path module = WireJsTest.moduleDir();
        Path driver = module.resolve("src/test/js/play-in-chromium.cjs");
        Path peers = module.resolveSibling("conformance").resolve("peers/node_modules");
        for (String tool : List.of("ffmpeg", "ffprobe", "unshare", "ip", "node")) {
            assertNotNull(onPath(tool), tool + " is required by this test and is not on PATH");
        }
        assertTrue(Files.isExecutable(Path.of("/usr/bin/chromium")),
                "/usr/bin/chromium is required (conformance/bin/install-peers.sh installs it)");
        assertTrue(Files.isDirectory(peers.resolve("playwright-core")),
                "playwright-core is required in " + peers + " (run conformance/bin/install-peers.sh)");

        Path root = Files.createDirectories(tmp.resolve("root"));
        Path play = root.resolve(PLAY);
        Files.createDirectories(play.getParent());
        ffmpeg("the H.264 clip", "-f", "lavfi", "-i", "testsrc=duration=8:size=320x240:rate=25",
                "-f", "lavfi", "-i", "sine=duration=8",
                "-c:v", "libx264", "-pix_fmt", "yuv420p", "-c:a", "aac", "-movflags", "+faststart",
                play.toString());
        playBytes = Files.readAllBytes(play);
        hevcFile = root.resolve(HEVC);
        ffmpeg("the HEVC clip", "-f", "lavfi", "-i", "testsrc2=duration=10:size=320x240:rate=25",
                "-f", "lavfi", "-i", "sine=duration=10",
                "-c:v", "libx265", "-preset", "ultrafast", "-x265-params", "log-level=error",
                "-pix_fmt", "yuv420p", "-c:a", "aac", hevcFile.toString());
        // 60 s at a constant 12 Mbit/s (x264 pads with filler data): about 90 MB, far more than
        // Chromium buffers ahead, so a seek to 80 % lands outside what it holds.
        Path big = root.resolve(BIG);
        ffmpeg("the large clip", "-f", "lavfi", "-i", "testsrc2=duration=60:size=640x360:rate=25",
                "-f", "lavfi", "-i", "sine=duration=60",
                "-c:v", "libx264", "-preset", "ultrafast", "-b:v", "12M", "-minrate", "12M", "-maxrate", "12M",
                "-bufsize", "4M", "-x264-params", "nal-hrd=cbr", "-pix_fmt", "yuv420p", "-c:a", "aac",
                "-movflags", "+faststart", big.toString());
        bigBytes = Files.readAllBytes(big);

        Path logs = Files.createDirectories(tmp.resolve("logs"));
        Path tmpdir = Files.createDirectories(tmp.resolve("tmp"));
        transcodeDir = Files.createDirectories(tmp.resolve("transcodes"));
        Path gate = tmp.resolve("ffmpeg.gate");
        Path gated = tmp.resolve("ffmpeg-gated");
        Files.writeString(gated, GATED_FFMPEG);
        assertTrue(gated.toFile().setExecutable(true));

        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of("unshare", "-n", "sh", "-c", NETNS_SETUP, "sh",
                "sh", "-c", RUN, "sh", java, daemonClassPath(), root.toString(), logs.toString(),
                gated.toString(), transcodeDir.toString(), driver.toString(),
                "--timeout-ms", Long.toString(DRIVER_TIMEOUT_MS),
                "--play", PLAY, "--hevc", HEVC, "--gate", gate.toString(), "--big", BIG));
        ProcessBuilder pb = new ProcessBuilder(cmd)
                .redirectOutput(logs.resolve("driver.out").toFile())
                .redirectError(logs.resolve("driver.err").toFile());
        pb.environment().put("TMPDIR", tmpdir.toString()); // Chromium's profile goes away with @TempDir
        pb.environment().put("NODE_PATH", peers.toString());
        pb.environment().put("PUREDC_GATE", gate.toString());
        pb.environment().put("PUREDC_FFMPEG", onPath("ffmpeg").toString());
        Process p = pb.start();
        try {
            if (!p.waitFor(RUN_SECONDS, TimeUnit.SECONDS)) {
                fail("the namespace run did not end within " + RUN_SECONDS + " s\n" + diagnostics(logs));
            }
        } finally {
            killTree(p);
        }
        diagnostics = diagnostics(logs);
        result = result(logs);
        daemonLog = Files.readString(logs.resolve("daemon.err"), StandardCharsets.UTF_8);
    }

    @Test
    void chromiumPlaysSeeksAndFetchesTheWholeFileThroughTheServiceWorker() throws Exception {
        JsonNode r = scenario("play");
        byte[] bytes = playBytes;
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
        SessionEnd end = sessionEnd(PLAY);
        assertTrue(end.bytes() >= bytes.length, "the daemon served at least the whole file once");
    }

    @Test
    void chromiumPlaysAnHevcFileThatTheDaemonTranscodesWhileItPlays() {
        JsonNode r = scenario("hevc");
        assertTrue(Pattern.compile(Pattern.quote(hevcFile.toString()) + " at \\S+: VIDEO_TRANSCODE \\(")
                .matcher(daemonLog).find(), "the daemon decided VIDEO_TRANSCODE:\n" + daemonLog);

        // The first HELLO went out while ffmpeg had not even started: an estimate, flagged.
        JsonNode first = r.get("firstHello");
        assertTrue(first.get("transcoding").asBoolean(), r::toString);
        assertEquals("hevc clip.mkv", first.get("name").asText());
        assertEquals("video/mp4", first.get("mime").asText());
        long estimate = first.get("fileSize").asLong();
        assertTrue(estimate > 0, "an estimated size: " + r);

        // While transcoding, the worker promises no length and "*" for the complete length.
        JsonNode open = r.at("/whileTranscoding/open");
        assertEquals(206, open.get("status").asInt(), r::toString);
        assertEquals("bytes 0-" + (estimate - 1) + "/*", open.get("contentRange").asText());
        assertTrue(open.get("contentLength").isNull(), r::toString);
        assertEquals("video/mp4", open.get("contentType").asText());
        JsonNode bounded = r.at("/whileTranscoding/bounded");
        assertEquals(206, bounded.get("status").asInt(), r::toString);
        assertEquals("bytes 100-199/*", bounded.get("contentRange").asText());
        assertTrue(bounded.get("contentLength").isNull(), r::toString);
        JsonNode whole = r.at("/whileTranscoding/whole");
        assertEquals(200, whole.get("status").asInt(), r::toString);
        assertTrue(whole.get("contentLength").isNull() && whole.get("contentRange").isNull(), r::toString);
        // The video element itself was answered that way too, and played it.
        assertTrue(mediaResponses(HEVC).anyMatch(m -> m.path("contentRange").asText().endsWith("/*")
                && m.get("contentLength").isNull()), "the video got a '/*' response: " + result.get("mediaResponses"));
        assertTrue(r.get("advancedTo").asDouble() > r.get("startTime").asDouble(), r::toString);

        // The exact size came while the video played, and it played on past that point.
        JsonNode hellos = r.get("hellos");
        assertEquals(2, hellos.size(), r::toString);
        JsonNode exact = hellos.get(1);
        assertFalse(exact.get("transcoding").asBoolean(), r::toString);
        long size = exact.get("fileSize").asLong();
        assertTrue(exact.get("currentTime").asDouble() > 0, "the exact-size HELLO came mid-playback: " + r);
        assertTrue(r.get("playedTo").asDouble() > exact.get("currentTime").asDouble() + 1, r::toString);
        assertTrue(r.at("/video/error").isNull(), r::toString);
        Matcher finished = Pattern.compile(Pattern.quote(hevcFile.toString()) + ": transcode finished, (\\d+) bytes")
                .matcher(daemonLog);
        assertTrue(finished.find(), "no 'transcode finished' line:\n" + daemonLog);
        assertEquals(size, Long.parseLong(finished.group(1)), "HELLO's exact size is the transcode's");

        // Chromium took the first load for a stream of unknown length, which it does not seek; the
        // page reopened the video once (at a new URL) with the exact length, and then it seeks.
        assertEquals(1, r.at("/reopened/reopens").asInt(), r::toString);
        assertTrue(r.at("/reopened/seekableEnd").asDouble() > 9, r::toString);
        assertTrue(mediaResponses(HEVC).anyMatch(m -> "bytes=0-".equals(m.path("range").asText())
                && ("bytes 0-" + (size - 1) + "/" + size).equals(m.path("contentRange").asText())
                && Long.toString(size).equals(m.path("contentLength").asText())),
                "the reopened video got the exact length: " + result.get("mediaResponses"));
        assertTrue(r.get("afterSeek").asDouble() >= 7, r::toString);
        assertTrue(r.get("playedAfterSeek").asDouble() > r.get("afterSeek").asDouble(), r::toString);

        // Now the worker answers with the exact length, and the whole stream has that length.
        JsonNode all = r.get("whole");
        assertEquals(200, all.get("status").asInt(), r::toString);
        assertEquals(Long.toString(size), all.get("contentLength").asText());
        assertEquals(size, all.get("length").asLong());
        JsonNode part = r.get("afterFinal");
        assertEquals("bytes 100-199/" + size, part.get("contentRange").asText());
        assertEquals(100, part.get("length").asInt());

        // The daemon counted each CANCEL the page sent (at least the three cancelled probes), and
        // deleted the transcode when the session ended.
        SessionEnd end = sessionEnd(HEVC);
        int cancels = r.at("/stats/cancels").asInt();
        assertTrue(cancels >= 3, r::toString);
        assertEquals(cancels, end.cancelled(), "CANCELs the daemon counted");
        assertEquals(0, end.failed(), daemonLog);
        assertEquals(0, r.at("/stats/malformed").asInt(), r::toString);
        assertEquals("idle", r.at("/finalState/state").asText(), "stopping leaves no error: " + r);
        try (Stream<Path> left = Files.list(transcodeDir)) {
            assertEquals(List.of(), left.toList(), "the session's transcode files are deleted");
        } catch (IOException e) {
            fail(e);
        }
    }

    @Test
    void aSeekFarAheadCancelsTheOpenRequestAndPlaysFromTheSeekPoint() {
        JsonNode r = scenario("big");
        assertEquals(bigBytes.length, r.at("/hello/fileSize").asLong());
        assertFalse(r.at("/hello/transcoding").asBoolean());
        JsonNode seek = r.get("seek");
        assertTrue(seek.get("openRequests").asInt() > 0, "a RANGE_REQ was open at the seek: " + r);
        double to = seek.get("to").asDouble();
        assertTrue(to > 40, r::toString);
        assertTrue(r.get("afterSeek").asDouble() >= to, r::toString);
        assertTrue(r.get("playedTo").asDouble() > r.get("afterSeek").asDouble(), r::toString);
        assertFalse(r.get("paused").asBoolean(), r::toString);

        int cancels = r.at("/stats/cancels").asInt();
        assertTrue(cancels > seek.get("cancels").asInt(), "the page sent CANCEL after the seek: " + r);
        assertTrue(r.get("cancelLog").size() >= 1, r::toString);
        SessionEnd end = sessionEnd(BIG);
        assertTrue(end.cancelled() >= 1, daemonLog);
        assertEquals(cancels, end.cancelled(), "every CANCEL the page sent reached the daemon");
        assertEquals(0, end.failed(), daemonLog);
        assertEquals(0, r.at("/stats/malformed").asInt(), r::toString);
        assertEquals("idle", r.at("/finalState/state").asText(), "stopping leaves no error: " + r);
    }

    // ---------------------------------------------------------------------------------- helpers

    /** One scenario's result, which must have succeeded. */
    private static JsonNode scenario(String name) {
        JsonNode r = result.get(name);
        assertNotNull(r, "the driver has no result for " + name + ": " + result + "\n" + diagnostics);
        assertTrue(r.path("ok").asBoolean(), "the " + name + " scenario failed: " + r + "\n" + diagnostics);
        return r;
    }

    private static Stream<JsonNode> mediaResponses(String path) {
        List<JsonNode> all = new ArrayList<>();
        result.path("mediaResponses").forEach(all::add);
        return all.stream().filter(m -> m.path("path").asText().endsWith("/" + Path.of(path).getFileName()));
    }

    /** The daemon's end-of-session line for the session of {@code path}. */
    record SessionEnd(long bytes, long requests, long cancelled, long failed) {
    }

    private static SessionEnd sessionEnd(String path) {
        Matcher started = Pattern.compile("session (\\S+) started: " + Pattern.quote(path)).matcher(daemonLog);
        assertTrue(started.find(), "no 'session started' line for " + path + ":\n" + daemonLog);
        Matcher ended = Pattern.compile("session " + Pattern.quote(started.group(1))
                + " ended \\(the browser said bye\\) after \\S+ s: served (\\d+) bytes in (\\d+) requests"
                + " \\((\\d+) cancelled, \\d+ busy, (\\d+) failed\\)").matcher(daemonLog);
        assertTrue(ended.find(), "no 'session ended (the browser said bye)' line for " + path + ":\n" + daemonLog);
        return new SessionEnd(Long.parseLong(ended.group(1)), Long.parseLong(ended.group(2)),
                Long.parseLong(ended.group(3)), Long.parseLong(ended.group(4)));
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

    private static void ffmpeg(String what, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-nostdin", "-loglevel", "error", "-y"));
        cmd.addAll(List.of(args));
        Path log = tmp.resolve("ffmpeg.log");
        Process ff = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            if (!ff.waitFor(40, TimeUnit.SECONDS)) {
                fail("ffmpeg did not make " + what + " within 40 s");
            }
        } finally {
            ff.destroyForcibly();
        }
        assertEquals(0, ff.exitValue(), "ffmpeg failed to make " + what + ": " + Files.readString(log));
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

    /** The tool's path on PATH, or null. */
    private static Path onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                return Path.of(dir, tool);
            }
        }
        return null;
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
