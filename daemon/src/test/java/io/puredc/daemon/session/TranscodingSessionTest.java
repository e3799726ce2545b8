package io.puredc.daemon.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.puredc.daemon.Launcher;
import io.puredc.daemon.Running;
import io.puredc.daemon.testing.JavaBrowser;
import io.puredc.wire.Frame;
import io.puredc.wire.RangeStatus;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sessions that transcode (issue 7 plugged into the daemon), with Debian's real ffmpeg: HELLO
 * says TRANSCODING with an estimate, ranges wait for ffmpeg, HELLO comes again with the exact
 * size, the bytes are an H.264 fragmented MP4; a broken input ends its range with IO_ERROR.
 */
@Timeout(180)
class TranscodingSessionTest {
    @TempDir
    static Path root;
    @TempDir
    static Path transcodes;
    static Running daemon;
    static String base;

    static void ffmpeg(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-nostdin", "-v", "error", "-y"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0, "ffmpeg failed: " + out);
    }

    @BeforeAll
    static void start() throws Exception {
        // Long enough that the daemon's transcode usually still runs when the channel opens.
        ffmpeg("-f", "lavfi", "-i", "testsrc=duration=10:size=640x360:rate=25", "-f", "lavfi", "-i", "sine=duration=10",
                "-c:v", "libx265", "-preset", "ultrafast", "-x265-params", "log-level=error", "-c:a", "aac",
                root.resolve("hevc.mkv").toString());
        byte[] hevc = Files.readAllBytes(root.resolve("hevc.mkv"));
        Files.write(root.resolve("header-only.mkv"), Arrays.copyOf(hevc, 3500));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        daemon = assertInstanceOf(Launcher.Started.class, Launcher.start(new String[] {"--root", root.toString(),
                "--port", "0", "--ice-address", "127.0.0.1", "--transcode-dir", transcodes.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), System.err)).running();
        Matcher m = Pattern.compile("listening on (http://\\S+/)").matcher(out.toString(StandardCharsets.UTF_8));
        assertTrue(m.find());
        base = m.group(1);
    }

    @AfterAll
    static void stop() {
        if (daemon != null) {
            daemon.close();
        }
    }

    @Test
    void hevcIsTranscodedToH264WhileItStreams() throws Exception {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        List<Frame.Hello> hellos = new ArrayList<>();
        try (JavaBrowser b = JavaBrowser.open(base, "hevc.mkv")) {
            Frame.Hello first = assertInstanceOf(Frame.Hello.class, b.next(60));
            hellos.add(first);
            assertEquals("video/mp4", first.mime());
            assertTrue(first.durationMs() > 9_500 && first.durationMs() < 10_500, "duration " + first.durationMs());
            b.send(new Frame.RangeReq(1, 0, 0)); // to the end, whatever that turns out to be
            while (true) {
                Frame f = b.next(60);
                if (f instanceof Frame.Hello h) {
                    hellos.add(h);
                } else if (f instanceof Frame.RangeData d) {
                    byte[] p = new byte[d.payload().remaining()];
                    d.payload().get(p);
                    got.writeBytes(p);
                } else {
                    assertEquals(new Frame.RangeEnd(1, RangeStatus.OK.code()), f);
                    break;
                }
            }
            if (first.transcoding() && hellos.size() == 1) {
                // The size was an estimate: HELLO comes again once ffmpeg finished (RangePumpTest
                // checks this exactly; here ffmpeg may also have finished before the channel opened).
                hellos.add(assertInstanceOf(Frame.Hello.class, b.next(30)));
            }
        }
        Frame.Hello exact = hellos.get(hellos.size() - 1);
        assertFalse(exact.transcoding(), "the last HELLO has the exact size");
        assertEquals(got.size(), exact.fileSize(), "the second HELLO has the exact size");
        Path received = Files.write(transcodes.resolve("received.mp4"), got.toByteArray());
        String probe = probe(received);
        assertTrue(probe.contains("h264") && probe.contains("aac") && probe.contains("360"), probe);
        for (int i = 0; i < 300 && !leftovers().isEmpty(); i++) {
            Thread.sleep(100); // the session's end (noticed asynchronously) deletes its transcode; ≤ 30 s
        }
        assertEquals(List.of(), leftovers());
    }

    @Test
    void aBrokenInputEndsItsRangeWithIoError() throws Exception {
        try (JavaBrowser b = JavaBrowser.open(base, "header-only.mkv")) {
            assertTrue(assertInstanceOf(Frame.Hello.class, b.next(60)).transcoding());
            b.send(new Frame.RangeReq(1, 0, 0));
            while (true) {
                Frame f = b.next(60);
                if (f instanceof Frame.RangeEnd e) {
                    assertEquals(RangeStatus.IO_ERROR.code(), e.status());
                    break;
                }
            }
            b.send(new Frame.Ping(5, java.nio.ByteBuffer.allocate(0)));
            assertInstanceOf(Frame.Pong.class, b.next(20), "the session goes on");
        }
    }

    static List<Path> leftovers() throws Exception {
        try (var s = Files.list(transcodes)) {
            return s.filter(p -> p.getFileName().toString().startsWith("puredc-transcode-")).toList();
        }
    }

    static String probe(Path file) throws Exception {
        Process p = new ProcessBuilder("ffprobe", "-v", "error", "-show_entries", "stream=codec_name,height",
                "-of", "csv=p=0", file.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        return out;
    }
}
