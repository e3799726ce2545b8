package io.puredc.transcode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 7's rows end to end with the real ffmpeg: probe, decide, transcode, and probe the
 * output again for the expected container, codecs and height.
 */
class TranscodeTest {
  @TempDir static Path media;
  @TempDir Path work;

  static Path h264AacMp4;
  static Path h264AacMkv;
  static Path h264Ac3Mkv;
  static Path hevcAacMkv;
  static Path big1080Mp4;

  @BeforeAll
  static void makeMedia() throws Exception {
    h264AacMp4 = Fixtures.make(media, "h264-aac.mp4", "160x120", "libx264", "aac");
    h264AacMkv = Fixtures.make(media, "h264-aac.mkv", "160x120", "libx264", "aac");
    h264Ac3Mkv = Fixtures.make(media, "h264-ac3.mkv", "160x120", "libx264", "ac3", "-ac", "6");
    hevcAacMkv = Fixtures.make(media, "hevc-aac.mkv", "160x120", "libx265", "aac");
    big1080Mp4 = Fixtures.make(media, "big.mp4", "1920x1080", "libx264", "aac");
  }

  private Transcoder transcoder() {
    return new Transcoder(Fixtures.config(work));
  }

  @Test
  void h264AacMp4IsPassedThroughByteForByte() throws Exception {
    Decision d = transcoder().decide(h264AacMp4, Quality.P720);
    assertEquals(Action.PASSTHROUGH, d.action(), d.reason());
    try (StreamSource s = transcoder().start(h264AacMp4, d)) {
      assertInstanceOf(FileSource.class, s);
      assertTrue(s.isFinal());
      assertEquals(Files.size(h264AacMp4), s.estimatedSize());
      assertEquals("video/mp4", s.mimeType());
      assertEquals(1000, s.durationMillis(), 100);
      assertArrayEquals(Files.readAllBytes(h264AacMp4), readAll(s));
      assertEquals(-1, s.read(Files.size(h264AacMp4), ByteBuffer.allocate(10), Instant.now()));
    }
  }

  @Test
  void h264AacMkvIsRemuxedToFragmentedMp4() throws Exception {
    MediaInfo out = transcodeAndProbe(h264AacMkv, Quality.ORIGINAL, Action.REMUX);
    assertEquals("h264", out.video().codec());
    assertEquals(120, out.video().height());
    assertEquals("aac", out.firstAudio().codec());
  }

  @Test
  void h264Ac3MkvGetsItsAudioTranscodedToStereoAac() throws Exception {
    MediaInfo source = Fixtures.probe(h264Ac3Mkv);
    assertEquals(6, source.firstAudio().channels());
    MediaInfo out = transcodeAndProbe(h264Ac3Mkv, Quality.ORIGINAL, Action.AUDIO_TRANSCODE);
    assertEquals("h264", out.video().codec());
    assertEquals("aac", out.firstAudio().codec());
    assertEquals(2, out.firstAudio().channels());
  }

  @Test
  void hevcAacMkvGetsItsVideoTranscodedToH264() throws Exception {
    MediaInfo out = transcodeAndProbe(hevcAacMkv, Quality.ORIGINAL, Action.VIDEO_TRANSCODE);
    assertEquals("h264", out.video().codec());
    assertEquals("yuv420p", out.video().pixelFormat());
    assertEquals(120, out.video().height());
    assertEquals(160, out.video().width());
    assertEquals("aac", out.firstAudio().codec());
  }

  @Test
  void a1080pSourceUnderA480pCapIsScaledTo480Lines() throws Exception {
    MediaInfo out = transcodeAndProbe(big1080Mp4, Quality.P480, Action.VIDEO_TRANSCODE);
    assertEquals("h264", out.video().codec());
    assertEquals(480, out.video().height());
    assertEquals(854, out.video().width()); // 16:9 kept, width rounded to even
    assertEquals(Action.PASSTHROUGH, transcoder().decide(big1080Mp4, Quality.P1080).action());
  }

  @Test
  void audioOnlyAc3BecomesAudioOnlyAacMp4() throws Exception {
    Path ac3 = media.resolve("tone.ac3");
    Fixtures.run(java.util.List.of("ffmpeg", "-nostdin", "-v", "error", "-y", "-f", "lavfi", "-i",
        "sine=duration=1", "-c:a", "ac3", ac3.toString()));
    Transcoder t = transcoder();
    Decision d = t.decide(ac3, Quality.P480);
    assertEquals(Action.AUDIO_TRANSCODE, d.action(), d.reason());
    try (StreamSource s = t.start(ac3, d)) {
      assertEquals("audio/mp4", s.mimeType());
      MediaInfo out = probeBytes(readAll(s));
      assertEquals("mp4", out.container());
      assertEquals(null, out.video());
      assertEquals("aac", out.firstAudio().codec());
    }
  }

  @Test
  void failingHardwareEncoderFallsBackToSoftware() throws Exception {
    // A render node that does not exist makes VAAPI fail at start on every machine.
    Transcoder t = new Transcoder(Fixtures.config(work).withEncoder(Encoder.VAAPI)
        .withVaapiDevice(work.resolve("no-such-render-node").toString()));
    Decision d = t.decide(hevcAacMkv, Quality.ORIGINAL);
    try (GrowingFileSource s = (GrowingFileSource) t.start(hevcAacMkv, d)) {
      byte[] bytes = readAll(s);
      assertEquals(Encoder.SOFTWARE, s.encoder());
      String why = s.fallbackReason().orElseThrow();
      assertTrue(why.startsWith("vaapi encoder failed to start (exit "), why);
      assertTrue(why.contains("no-such-render-node"), why);
      MediaInfo out = probeBytes(bytes);
      assertEquals("h264", out.video().codec());
    }
  }

  @Test
  void softwareEncoderRunsWithoutFallback() throws Exception {
    Transcoder t = transcoder();
    try (GrowingFileSource s = (GrowingFileSource) t.start(hevcAacMkv, t.decide(hevcAacMkv, Quality.ORIGINAL))) {
      readAll(s);
      assertEquals(Encoder.SOFTWARE, s.encoder());
      assertTrue(s.fallbackReason().isEmpty());
    }
  }

  @Test
  void finalSizeReplacesTheEstimate() throws Exception {
    Transcoder t = transcoder();
    Decision d = t.decide(big1080Mp4, Quality.P480);
    long estimate = FfmpegCommand.estimatedSize(d, Fixtures.config(work));
    assertEquals(Math.round(1.0 * (1_200_000 + 160_000) / 8 * 1.02), estimate, 20_000);
    try (StreamSource s = t.start(big1080Mp4, d)) {
      // ffmpeg needs far longer than this to decode a 1080p second, so it is still running.
      assertFalse(s.isFinal());
      assertTrue(s.estimatedSize() >= estimate, "HELLO gets the estimate while ffmpeg runs");
      long exact = s.whenFinal().toCompletableFuture().get(60, TimeUnit.SECONDS);
      assertTrue(s.isFinal());
      assertEquals(exact, s.estimatedSize());
      assertEquals(exact, readAll(s).length);
      assertEquals("video/mp4", s.mimeType());
    }
  }

  private MediaInfo transcodeAndProbe(Path source, Quality cap, Action expected) throws Exception {
    Transcoder t = transcoder();
    Decision d = t.decide(source, cap);
    assertEquals(expected, d.action(), d.reason());
    try (GrowingFileSource s = (GrowingFileSource) t.start(source, d)) {
      byte[] bytes = readAll(s);
      assertTrue(s.isFinal());
      assertEquals(bytes.length, s.estimatedSize());
      assertArrayEquals(Files.readAllBytes(s.outputPath()), bytes);
      assertTrue(isFragmented(bytes), "expected moov before moof (empty_moov, fragments)");
      MediaInfo out = probeBytes(bytes);
      assertEquals("mp4", out.container());
      return out;
    }
  }

  private MediaInfo probeBytes(byte[] bytes) throws IOException {
    Path copy = Files.createTempFile(work, "out-", ".mp4");
    Files.write(copy, bytes);
    return Fixtures.probe(copy);
  }

  /** ISO BMFF with the track headers up front and at least one movie fragment after them. */
  static boolean isFragmented(byte[] b) {
    String s = new String(b, StandardCharsets.ISO_8859_1);
    int moov = s.indexOf("moov");
    int moof = s.indexOf("moof");
    return s.startsWith("ftyp", 4) && moov > 0 && moof > moov;
  }

  /** Reads the whole source from offset 0 the way the daemon's pump would. */
  static byte[] readAll(StreamSource s) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteBuffer buf = ByteBuffer.allocate(16384);
    long pos = 0;
    while (true) {
      buf.clear();
      int n = s.read(pos, buf, Instant.now().plusSeconds(60));
      if (n < 0) {
        return out.toByteArray();
      }
      out.write(buf.array(), 0, n);
      pos += n;
    }
  }
}
