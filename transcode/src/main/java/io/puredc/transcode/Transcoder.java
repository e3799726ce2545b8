package io.puredc.transcode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The module's façade for the daemon: probe a file, decide, and start a {@link StreamSource}.
 *
 * <pre>{@code
 * Transcoder t = new Transcoder(TranscodeConfig.defaults());
 * Decision d = t.decide(file, Quality.parse("720p"));
 * try (StreamSource s = t.start(file, d)) { ... s.read(offset, buf, deadline) ... }
 * }</pre>
 */
public final class Transcoder {
  private static final Logger LOG = LoggerFactory.getLogger(Transcoder.class);

  private final TranscodeConfig config;
  private final Probe probe;
  private final BrowserCapabilities caps;

  public Transcoder(TranscodeConfig config) {
    this(config, BrowserCapabilities.CHROMIUM);
  }

  public Transcoder(TranscodeConfig config, BrowserCapabilities caps) {
    this.config = Objects.requireNonNull(config, "config");
    this.caps = Objects.requireNonNull(caps, "caps");
    this.probe = new Probe(config.ffprobe(), config.probeTimeout());
  }

  public ProbeResult probe(Path file) {
    return probe.probe(file);
  }

  /** Probes and decides; a failed probe gives passthrough (already logged as a warning). */
  public Decision decide(Path file, Quality cap) {
    Decision d = Decision.decide(probe.probe(file), cap, caps);
    LOG.info("{} at {}: {} ({})", file, cap, d.action(), d.reason());
    return d;
  }

  /**
   * Opens the file for passthrough, or starts ffmpeg writing a fragmented MP4 to a temporary
   * file in the configured directory. Returns at once; reads block until bytes exist.
   *
   * @throws IOException when the file cannot be opened or ffmpeg cannot be started at all;
   *     ffmpeg failing later (a broken input, say) surfaces as an IOException from reads
   */
  public StreamSource start(Path file, Decision d) throws IOException {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(d, "decision");
    MediaInfo m = d.media();
    if (d.action() == Action.PASSTHROUGH) {
      return FileSource.open(file, passthroughMime(m), m.durationMillis());
    }
    if (!Files.isReadable(file)) {
      throw new IOException("cannot read " + file);
    }
    Path output = Files.createTempFile(config.tempDir(), "puredc-transcode-", ".mp4");
    Path log;
    try {
      log = Files.createTempFile(config.tempDir(), "puredc-transcode-", ".log");
    } catch (IOException e) {
      Files.deleteIfExists(output);
      throw e;
    }
    List<GrowingFileSource.Attempt> attempts = new ArrayList<>();
    boolean video = d.action() == Action.VIDEO_TRANSCODE;
    if (video && config.encoder().isHardware()) {
      attempts.add(new GrowingFileSource.Attempt(config.encoder(),
          FfmpegCommand.build(file, output, d, config, config.encoder())));
    }
    attempts.add(new GrowingFileSource.Attempt(Encoder.SOFTWARE,
        FfmpegCommand.build(file, output, d, config, Encoder.SOFTWARE)));
    LOG.info("{}: {} ({}), first encoder {}", file, d.action(), d.reason(),
        attempts.get(0).encoder().configName());
    return GrowingFileSource.start(output, log, attempts, FfmpegCommand.estimatedSize(d, config),
        m.hasVideo() || m == MediaInfo.UNKNOWN ? "video/mp4" : "audio/mp4", m.durationMillis(),
        config.killGrace(), file.toString());
  }

  /** MIME type of a file served as is; Chromium sniffs when it is generic. */
  static String passthroughMime(MediaInfo m) {
    boolean video = m.hasVideo();
    return switch (m.container()) {
      case "mp4" -> video ? "video/mp4" : "audio/mp4";
      case "webm" -> video ? "video/webm" : "audio/webm";
      case "mp3" -> "audio/mpeg";
      case "matroska" -> "video/x-matroska";
      default -> "application/octet-stream";
    };
  }
}
