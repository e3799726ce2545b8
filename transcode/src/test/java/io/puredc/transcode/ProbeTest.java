package io.puredc.transcode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Probe against the real ffprobe: what it reports, and every way it can fail without hanging. */
class ProbeTest {
  @TempDir Path dir;

  @Test
  void readsCodecsGeometryRateChannelsAndDuration() throws Exception {
    Path f = Fixtures.make(dir, "a.mkv", "160x120", "libx264", "ac3", "-ac", "6");
    MediaInfo m = Fixtures.probe(f);
    assertEquals("matroska", m.container());
    assertEquals("matroska,webm", m.formatName());
    assertEquals("h264", m.video().codec());
    assertEquals("yuv420p", m.video().pixelFormat());
    assertEquals(160, m.video().width());
    assertEquals(120, m.video().height());
    assertEquals(25.0, m.video().frameRate(), 0.01);
    assertEquals(1, m.audio().size());
    assertEquals("ac3", m.audio().get(0).codec());
    assertEquals(6, m.audio().get(0).channels());
    assertEquals(1.0, m.durationSeconds(), 0.1);
    assertEquals(Files.size(f), m.sizeBytes());
    assertTrue(m.subtitles().isEmpty());
  }

  @Test
  void readsProfilePixelFormatOfTenBitH264AndMp4Container() throws Exception {
    Path f = Fixtures.make(dir, "ten.mp4", "160x120", "libx264", "aac", "-pix_fmt", "yuv420p10le");
    MediaInfo m = Fixtures.probe(f);
    assertEquals("mp4", m.container());
    assertEquals("High 10", m.video().profile());
    assertEquals("yuv420p10le", m.video().pixelFormat());
    assertEquals(Action.VIDEO_TRANSCODE,
        Decision.decide(m, Quality.ORIGINAL, BrowserCapabilities.CHROMIUM).action());
  }

  @Test
  void listsSubtitleStreamsWithLanguage() throws Exception {
    Path srt = dir.resolve("s.srt");
    Files.writeString(srt, "1\n00:00:00,000 --> 00:00:00,900\nhello\n", StandardCharsets.UTF_8);
    Path av = Fixtures.make(dir, "av.mkv", "160x120", "libx264", "aac");
    Path f = dir.resolve("subs.mkv");
    Fixtures.run(List.of("ffmpeg", "-nostdin", "-v", "error", "-y", "-i", av.toString(), "-i",
        srt.toString(), "-map", "0", "-map", "1", "-c", "copy", "-c:s", "srt",
        "-metadata:s:s:0", "language=fra", f.toString()));
    MediaInfo m = Fixtures.probe(f);
    assertEquals(List.of(new MediaInfo.SubtitleStream("subrip", "fra")), m.subtitles());
  }

  @Test
  void webmNeedsBothTheNameAndWebmCodecs() throws Exception {
    Path webm = Fixtures.make(dir, "v.webm", "64x48", "libvpx-vp9", "libopus", "-deadline", "realtime");
    assertEquals("webm", Fixtures.probe(webm).container());
    Path mkv = dir.resolve("v.mkv");
    Files.copy(webm, mkv);
    assertEquals("matroska", Fixtures.probe(mkv).container());
    assertEquals("matroska", Probe.container("matroska,webm", Path.of("x.webm"), List.of("h264")));
  }

  @Test
  void audioOnlyFileWithCoverArtHasNoVideo() throws Exception {
    Path mp3 = dir.resolve("song.mp3");
    Fixtures.run(List.of("ffmpeg", "-nostdin", "-v", "error", "-y", "-f", "lavfi", "-i",
        "sine=duration=1", "-f", "lavfi", "-i", "testsrc2=size=64x64:duration=0.04", "-map", "0",
        "-map", "1", "-c:a", "libmp3lame", "-c:v", "mjpeg", "-disposition:v", "attached_pic",
        mp3.toString()));
    MediaInfo m = Fixtures.probe(mp3);
    assertEquals("mp3", m.container());
    assertNull(m.video());
    assertEquals("mp3", m.firstAudio().codec());
    assertEquals(Action.PASSTHROUGH,
        Decision.decide(m, Quality.P480, BrowserCapabilities.CHROMIUM).action());
  }

  @Test
  void brokenFileIsAFailureNamingFfprobesError() throws Exception {
    Path bad = dir.resolve("broken.mkv");
    Files.write(bad, "this is not a video at all".getBytes(StandardCharsets.US_ASCII));
    ProbeResult r = new Probe("ffprobe", Duration.ofSeconds(20)).probe(bad);
    ProbeResult.Failure f = assertInstanceOf(ProbeResult.Failure.class, r);
    assertTrue(f.reason().contains("exited with status 1"), f.reason());
    assertTrue(f.reason().contains("Invalid data"), f.reason());
    Decision d = Decision.decide(r, Quality.P720, BrowserCapabilities.CHROMIUM);
    assertEquals(Action.PASSTHROUGH, d.action());
    assertTrue(d.reason().startsWith("probe failed"), d.reason());
    assertEquals(MediaInfo.UNKNOWN, d.media());
  }

  @Test
  void missingFileAndMissingFfprobeAreFailures() {
    ProbeResult.Failure missing = assertInstanceOf(ProbeResult.Failure.class,
        new Probe("ffprobe", Duration.ofSeconds(20)).probe(dir.resolve("nope.mp4")));
    assertTrue(missing.reason().contains("No such file"), missing.reason());
    ProbeResult.Failure noTool = assertInstanceOf(ProbeResult.Failure.class,
        new Probe(dir.resolve("no-ffprobe").toString(), Duration.ofSeconds(5)).probe(dir));
    assertTrue(noTool.reason().startsWith("cannot start"), noTool.reason());
  }

  @Test
  void hangingFfprobeIsKilledAtTheTimeout() throws Exception {
    // Opening a FIFO nobody writes to blocks ffprobe for ever: only the timeout ends it.
    Path fifo = Fixtures.fifo(dir, "never.mkv");
    long before = descendants();
    long t0 = System.nanoTime();
    ProbeResult r = new Probe("ffprobe", Duration.ofMillis(500)).probe(fifo);
    long ms = (System.nanoTime() - t0) / 1_000_000;
    ProbeResult.Failure f = assertInstanceOf(ProbeResult.Failure.class, r);
    assertTrue(f.reason().contains("timed out after 500 ms"), f.reason());
    assertTrue(ms < 8000, "took " + ms + " ms");
    assertEquals(before, descendants(), "ffprobe must be killed and reaped");
  }

  @Test
  void unusableJsonIsAFailure() {
    assertInstanceOf(ProbeResult.Failure.class, Probe.parse("{not json", Path.of("x")));
    assertInstanceOf(ProbeResult.Failure.class, Probe.parse("{\"streams\":[]}", Path.of("x")));
    ProbeResult ok = Probe.parse("{\"format\":{\"format_name\":\"mpegts\",\"duration\":\"N/A\"},"
        + "\"streams\":[{\"codec_type\":\"video\",\"codec_name\":\"mpeg2video\",\"height\":576,"
        + "\"avg_frame_rate\":\"0/0\",\"r_frame_rate\":\"25/1\"}]}", Path.of("x.ts"));
    MediaInfo m = assertInstanceOf(ProbeResult.Success.class, ok).media();
    assertEquals("mpegts", m.container());
    assertEquals(25.0, m.video().frameRate());
    assertEquals(0.0, m.durationSeconds());
  }

  @Test
  void fractionsAreParsedDefensively() {
    assertEquals(29.97, Probe.fraction("30000/1001"), 0.001);
    assertEquals(0.0, Probe.fraction("1/0"));
    assertEquals(0.0, Probe.fraction("x/y"));
    assertEquals(0.0, Probe.fraction(""));
  }

  @Test
  void nonPositiveTimeoutIsRejected() {
    assertThrows(IllegalArgumentException.class, () -> new Probe("ffprobe", Duration.ZERO));
  }

  private static long descendants() {
    return ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).count();
  }
}
