package io.puredc.transcode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Small test media made by the real ffmpeg from its lavfi generators, and helpers around them. */
final class Fixtures {
  private Fixtures() {}

  /** A config fast enough for 2 shared cores: ultrafast x264, a short kill grace. */
  static TranscodeConfig config(Path tempDir) {
    return TranscodeConfig.defaults().withX264Preset("ultrafast").withTempDir(tempDir)
        .withKillGrace(Duration.ofMillis(500)).withProbeTimeout(Duration.ofSeconds(20));
  }

  /** 1 s of testsrc2 and a sine tone, encoded as asked; returns the file. */
  static Path make(Path dir, String name, String size, String videoCodec, String audioCodec,
      String... extra) throws IOException, InterruptedException {
    Path out = dir.resolve(name);
    List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-nostdin", "-v", "error", "-y",
        "-f", "lavfi", "-i", "testsrc2=size=" + size + ":rate=" + (size.startsWith("1920") ? 10 : 25)
            + ":duration=1",
        "-f", "lavfi", "-i", "sine=frequency=440:duration=1",
        "-c:v", videoCodec, "-preset", "ultrafast"));
    if (videoCodec.equals("libx265")) {
      cmd.addAll(List.of("-x265-params", "log-level=error"));
    }
    cmd.addAll(List.of("-c:a", audioCodec));
    cmd.addAll(List.of(extra));
    cmd.add(out.toString());
    run(cmd);
    return out;
  }

  /** Runs a command that must succeed within 60 s; its stderr is in the failure message. */
  static void run(List<String> cmd) throws IOException, InterruptedException {
    Path err = Files.createTempFile("fixture-", ".log");
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(err.toFile()).start();
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor();
        fail("timed out: " + cmd);
      }
      assertEquals(0, p.exitValue(), () -> cmd + " failed: " + read(err));
    } finally {
      Files.deleteIfExists(err);
    }
  }

  /** A named pipe: ffprobe/ffmpeg opening it block until someone writes, which tests control. */
  static Path fifo(Path dir, String name) throws IOException, InterruptedException {
    Path p = dir.resolve(name);
    run(List.of("mkfifo", p.toString()));
    return p;
  }

  static MediaInfo probe(Path file) {
    ProbeResult r = new Probe("ffprobe", Duration.ofSeconds(20)).probe(file);
    assertTrue(r instanceof ProbeResult.Success, () -> "probe failed: " + r);
    return ((ProbeResult.Success) r).media();
  }

  private static String read(Path p) {
    try {
      return Files.readString(p, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(unreadable: " + e + ")";
    }
  }
}
