package io.puredc.transcode;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * Settings of the transcode module. Immutable; start from {@link #defaults()} and use the
 * {@code with...} methods.
 *
 * @param ffmpeg       ffmpeg executable (name on PATH or path)
 * @param ffprobe      ffprobe executable
 * @param encoder      H.264 encoder for video transcodes
 * @param x264Preset   libx264 preset (speed against size)
 * @param vaapiDevice  DRM render node for {@link Encoder#VAAPI}
 * @param videoBitrate bit/s for re-encoded video; 0 picks by output height
 * @param audioBitrate bit/s for AAC
 * @param tempDir      where transcodes are written
 * @param probeTimeout how long ffprobe may run
 * @param killGrace    how long ffmpeg gets after SIGTERM before SIGKILL
 */
public record TranscodeConfig(
    String ffmpeg, String ffprobe, Encoder encoder, String x264Preset, String vaapiDevice,
    long videoBitrate, long audioBitrate, Path tempDir, Duration probeTimeout, Duration killGrace) {

  private static final Set<String> X264_PRESETS = Set.of("ultrafast", "superfast", "veryfast",
      "faster", "fast", "medium", "slow", "slower", "veryslow", "placebo");

  public TranscodeConfig {
    Objects.requireNonNull(ffmpeg, "ffmpeg");
    Objects.requireNonNull(ffprobe, "ffprobe");
    Objects.requireNonNull(encoder, "encoder");
    Objects.requireNonNull(vaapiDevice, "vaapiDevice");
    Objects.requireNonNull(tempDir, "tempDir");
    Objects.requireNonNull(x264Preset, "x264Preset");
    Objects.requireNonNull(probeTimeout, "probeTimeout");
    Objects.requireNonNull(killGrace, "killGrace");
    if (!X264_PRESETS.contains(x264Preset)) {
      throw new IllegalArgumentException("unknown x264 preset '" + x264Preset + "'; expected one of "
          + String.join(", ", new java.util.TreeSet<>(X264_PRESETS)));
    }
    if (videoBitrate < 0 || audioBitrate <= 0) {
      throw new IllegalArgumentException("bit rates must be positive (video 0 = by height)");
    }
    if (probeTimeout.isNegative() || probeTimeout.isZero() || killGrace.isNegative()) {
      throw new IllegalArgumentException("probe timeout must be positive, kill grace >= 0");
    }
  }

  /** ffmpeg/ffprobe from PATH, libx264 {@code veryfast}, bit rate by height, AAC 160 kbit/s. */
  public static TranscodeConfig defaults() {
    return new TranscodeConfig("ffmpeg", "ffprobe", Encoder.SOFTWARE, "veryfast",
        "/dev/dri/renderD128", 0, 160_000, Path.of(System.getProperty("java.io.tmpdir")),
        Duration.ofSeconds(15), Duration.ofSeconds(2));
  }

  public TranscodeConfig withEncoder(Encoder e) {
    return new TranscodeConfig(ffmpeg, ffprobe, e, x264Preset, vaapiDevice, videoBitrate,
        audioBitrate, tempDir, probeTimeout, killGrace);
  }

  public TranscodeConfig withX264Preset(String p) {
    return new TranscodeConfig(ffmpeg, ffprobe, encoder, p, vaapiDevice, videoBitrate,
        audioBitrate, tempDir, probeTimeout, killGrace);
  }

  public TranscodeConfig withVaapiDevice(String d) {
    return new TranscodeConfig(ffmpeg, ffprobe, encoder, x264Preset, d, videoBitrate,
        audioBitrate, tempDir, probeTimeout, killGrace);
  }

  public TranscodeConfig withVideoBitrate(long b) {
    return new TranscodeConfig(ffmpeg, ffprobe, encoder, x264Preset, vaapiDevice, b,
        audioBitrate, tempDir, probeTimeout, killGrace);
  }

  public TranscodeConfig withTempDir(Path d) {
    return new TranscodeConfig(ffmpeg, ffprobe, encoder, x264Preset, vaapiDevice, videoBitrate,
        audioBitrate, d, probeTimeout, killGrace);
  }

  public TranscodeConfig withProbeTimeout(Duration t) {
    return new TranscodeConfig(ffmpeg, ffprobe, encoder, x264Preset, vaapiDevice, videoBitrate,
        audioBitrate, tempDir, t, killGrace);
  }

  public TranscodeConfig withKillGrace(Duration g) {
    return new TranscodeConfig(ffmpeg, ffprobe, encoder, x264Preset, vaapiDevice, videoBitrate,
        audioBitrate, tempDir, probeTimeout, g);
  }

  public TranscodeConfig withFfmpeg(String path) {
    return new TranscodeConfig(path, ffprobe, encoder, x264Preset, vaapiDevice, videoBitrate,
        audioBitrate, tempDir, probeTimeout, killGrace);
  }

  public TranscodeConfig withFfprobe(String path) {
    return new TranscodeConfig(ffmpeg, path, encoder, x264Preset, vaapiDevice, videoBitrate,
        audioBitrate, tempDir, probeTimeout, killGrace);
  }
}
