package io.puredc.transcode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reads racing a running ffmpeg, deadlines, failures and early close. A FIFO as the input
 * holds ffmpeg back until the test feeds it, so "before ffmpeg finishes" is certain, not timing.
 */
class GrowingFileSourceTest {
  @TempDir static Path media;
  @TempDir Path work;

  static Path hevcAacMkv;
  static Decision hevcDecision;
  private final ExecutorService readers = Executors.newCachedThreadPool();

  @BeforeAll
  static void makeMedia() throws Exception {
    hevcAacMkv = Fixtures.make(media, "hevc-aac.mkv", "160x120", "libx265", "aac");
    hevcDecision = Decision.decide(Fixtures.probe(hevcAacMkv), Quality.ORIGINAL,
        BrowserCapabilities.CHROMIUM);
    assertEquals(Action.VIDEO_TRANSCODE, hevcDecision.action());
  }

  @AfterEach
  void stopReaders() {
    readers.shutdownNow();
  }

  private Transcoder transcoder() {
    return new Transcoder(Fixtures.config(work));
  }

  @Test
  void readerThatStartsEarlyBlocksThenReceivesEveryByte() throws Exception {
    Path fifo = Fixtures.fifo(work, "live.mkv");
    try (GrowingFileSource s = (GrowingFileSource) transcoder().start(fifo, hevcDecision)) {
      Future<byte[]> whole = readers.submit(() -> TranscodeTest.readAll(s));
      Future<Integer> later = readers.submit(() -> s.read(1000, ByteBuffer.allocate(100),
          Instant.now().plusSeconds(60)));
      Thread.sleep(300);
      assertFalse(whole.isDone(), "nothing is written yet, so the reader must wait");
      assertFalse(later.isDone());
      assertFalse(s.isFinal());
      assertTrue(s.processHandle().orElseThrow().isAlive());
      assertEquals(Math.max(0, FfmpegCommand.estimatedSize(hevcDecision, Fixtures.config(work))),
          s.estimatedSize(), "HELLO's estimate while nothing is written");

      feed(fifo, hevcAacMkv);
      byte[] bytes = whole.get(60, TimeUnit.SECONDS);
      assertTrue(later.get(60, TimeUnit.SECONDS) > 0);
      assertTrue(s.isFinal());
      assertArrayEquals(Files.readAllBytes(s.outputPath()), bytes,
          "bytes read while ffmpeg wrote are the final bytes: nothing is rewritten");
      assertTrue(TranscodeTest.isFragmented(bytes));
      Path copy = work.resolve("copy.mp4");
      Files.write(copy, bytes);
      MediaInfo out = Fixtures.probe(copy);
      assertEquals("h264", out.video().codec());
      assertEquals(120, out.video().height());
    }
  }

  @Test
  void deadlinePassesWithAClearTimeoutAndTheTranscodeGoesOn() throws Exception {
    Path fifo = Fixtures.fifo(work, "slow.mkv");
    try (GrowingFileSource s = (GrowingFileSource) transcoder().start(fifo, hevcDecision)) {
      long t0 = System.nanoTime();
      SourceTimeoutException e = assertThrows(SourceTimeoutException.class,
          () -> s.read(0, ByteBuffer.allocate(10), Instant.now().plusMillis(300)));
      long ms = (System.nanoTime() - t0) / 1_000_000;
      assertTrue(ms >= 290 && ms < 5000, "waited " + ms + " ms");
      assertTrue(e.getMessage().startsWith("no bytes at offset 0 of the transcode of "), e.getMessage());
      assertThrows(SourceTimeoutException.class,
          () -> s.read(0, ByteBuffer.allocate(10), Instant.now().minusSeconds(1)), "past deadline");
      assertTrue(s.processHandle().orElseThrow().isAlive());
      feed(fifo, hevcAacMkv);
      assertTrue(TranscodeTest.readAll(s).length > 0);
    }
  }

  @Test
  void closingEarlyKillsFfmpegDeletesTheFileAndReleasesReaders() throws Exception {
    Path fifo = Fixtures.fifo(work, "never.mkv");
    GrowingFileSource s = (GrowingFileSource) transcoder().start(fifo, hevcDecision);
    ProcessHandle ffmpeg = s.processHandle().orElseThrow();
    Path out = s.outputPath();
    Future<Integer> blocked;
    try {
      assertTrue(Files.exists(out));
      blocked = readers.submit(() -> s.read(0, ByteBuffer.allocate(10), Instant.now().plusSeconds(60)));
      Thread.sleep(200);
      assertFalse(blocked.isDone());
      assertTrue(ffmpeg.isAlive());
    } finally {
      s.close(); // also when an assertion above fails, so no ffmpeg outlives the test
    }
    // ffmpeg blocked opening a FIFO ignores SIGTERM, so this also proves the SIGKILL after the grace.
    assertFalse(ffmpeg.isAlive(), "ffmpeg must be dead and reaped after close");
    assertFalse(Files.exists(out), "temp file must be deleted");
    assertEquals(List.of(), leftovers());
    ExecutionException e = assertThrows(ExecutionException.class, () -> blocked.get(5, TimeUnit.SECONDS));
    assertTrue(e.getCause() instanceof IOException && e.getCause().getMessage().endsWith("was closed"),
        e.getCause().toString());
    IOException again = assertThrows(IOException.class,
        () -> s.read(0, ByteBuffer.allocate(10), Instant.now().plusSeconds(1)));
    assertTrue(again.getMessage().endsWith("was closed"), again.getMessage());
    assertTrue(s.whenFinal().toCompletableFuture().isCompletedExceptionally());
    s.close(); // idempotent
  }

  @Test
  void closingARunningTranscodeStopsIt() throws Exception {
    Path big = Fixtures.make(work, "big.mkv", "1920x1080", "libx264", "aac");
    Transcoder t = transcoder();
    GrowingFileSource s = (GrowingFileSource) t.start(big, t.decide(big, Quality.P480));
    ProcessHandle ffmpeg = s.processHandle().orElseThrow();
    s.close();
    assertFalse(ffmpeg.isAlive());
    assertEquals(List.of(), leftovers());
  }

  @Test
  void brokenInputIsAClearIoErrorNotAHang() throws Exception {
    Path broken = work.resolve("broken.mkv");
    Files.write(broken, new byte[] {0x1a, 0x45, (byte) 0xdf, (byte) 0xa3, 1, 2, 3, 4, 5, 6, 7, 8});
    // Probing it fails (so the daemon would pass it through); force a transcode to see ffmpeg fail.
    try (StreamSource s = transcoder().start(broken, hevcDecision)) {
      long t0 = System.nanoTime();
      IOException e = assertThrows(IOException.class,
          () -> s.read(0, ByteBuffer.allocate(10), Instant.now().plusSeconds(30)));
      assertFalse(e instanceof SourceTimeoutException, e.toString());
      assertTrue((System.nanoTime() - t0) < TimeUnit.SECONDS.toNanos(20));
      assertTrue(e.getMessage().startsWith("ffmpeg (software) exited with status 1 for "), e.getMessage());
      assertTrue(e.getMessage().contains("broken.mkv"), e.getMessage());
      ExecutionException f = assertThrows(ExecutionException.class,
          () -> s.whenFinal().toCompletableFuture().get(5, TimeUnit.SECONDS));
      assertEquals(e.getMessage(), f.getCause().getMessage());
      assertFalse(s.isFinal());
      assertThrows(IOException.class, () -> s.read(5, ByteBuffer.allocate(10), Instant.now()),
          "every later read fails the same way");
    }
    assertEquals(List.of(), leftovers());
  }

  @Test
  void anInputWhoseHeaderReadsButWhoseFramesDoNotIsAnErrorNotAnEmptyMovie() throws Exception {
    // The first 3.5 KB of an HEVC MKV: ffprobe still sees HEVC + AAC (so the daemon decides a
    // transcode), ffmpeg exits 0 having written a moov and no fragment at all.
    Path cut = work.resolve("header-only.mkv");
    byte[] whole = Files.readAllBytes(hevcAacMkv);
    Files.write(cut, java.util.Arrays.copyOf(whole, 3500));
    Decision d = Decision.decide(Fixtures.probe(cut), Quality.ORIGINAL, BrowserCapabilities.CHROMIUM);
    assertEquals(Action.VIDEO_TRANSCODE, d.action(), "the header alone probes as HEVC");
    try (StreamSource s = transcoder().start(cut, d)) {
      ExecutionException f = assertThrows(ExecutionException.class,
          () -> s.whenFinal().toCompletableFuture().get(30, TimeUnit.SECONDS));
      assertTrue(f.getCause().getMessage().startsWith("ffmpeg produced no audio or video from "),
          f.getCause().getMessage());
      assertThrows(IOException.class, () -> s.read(0, ByteBuffer.allocate(10), Instant.now().plusSeconds(5)));
    }
    assertEquals(List.of(), leftovers());
  }

  @Test
  void missingFfmpegFailsAtStartAndLeavesNoTempFiles() throws IOException {
    Transcoder t = new Transcoder(Fixtures.config(work).withFfmpeg(work.resolve("no-ffmpeg").toString()));
    IOException e = assertThrows(IOException.class, () -> t.start(hevcAacMkv, hevcDecision));
    assertTrue(e.getMessage().startsWith("cannot start "), e.getMessage());
    assertEquals(List.of(), leftovers());
    IOException missing = assertThrows(IOException.class,
        () -> transcoder().start(work.resolve("gone.mkv"), hevcDecision));
    assertTrue(missing.getMessage().startsWith("cannot read "), missing.getMessage());
  }

  @Test
  void badArgumentsAreRejected() throws Exception {
    try (StreamSource s = transcoder().start(hevcAacMkv, hevcDecision)) {
      assertThrows(IllegalArgumentException.class,
          () -> s.read(-1, ByteBuffer.allocate(1), Instant.now()));
      assertEquals(0, s.read(0, ByteBuffer.allocate(0), Instant.now().plusSeconds(60)));
      assertTrue(s.read(0, ByteBuffer.allocate(10), Instant.MAX) > 0, "a far deadline must not overflow");
    }
  }

  @Test
  void deadlinesSaturate() {
    assertEquals(0, GrowingFileSource.nanosUntil(Instant.now().minusSeconds(5)));
    assertEquals(Long.MAX_VALUE / 4, GrowingFileSource.nanosUntil(Instant.MAX));
    long n = GrowingFileSource.nanosUntil(Instant.now().plusSeconds(10));
    assertTrue(n > 9_000_000_000L && n <= 10_000_000_000L, Long.toString(n));
  }

  private static void feed(Path fifo, Path file) throws IOException {
    try (OutputStream out = Files.newOutputStream(fifo)) {
      Files.copy(file, out);
    }
  }

  /** Transcode temp files (output and log) still in the work directory. */
  private List<Path> leftovers() throws IOException {
    try (Stream<Path> files = Files.list(work)) {
      return files.filter(p -> p.getFileName().toString().startsWith("puredc-transcode-")).toList();
    }
  }
}
