package io.puredc.transcode;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The H.264 encoder a video transcode uses. Hardware encoders fall back to {@link #SOFTWARE}
 * when they fail to start (see {@link GrowingFileSource}).
 */
public enum Encoder {
  /** libx264 on the CPU; always available in Debian's ffmpeg. */
  SOFTWARE("software", "libx264"),
  /** Intel/AMD on Linux through a DRM render node. */
  VAAPI("vaapi", "h264_vaapi"),
  /** NVIDIA, needs libcuda at run time. */
  NVENC("nvenc", "h264_nvenc"),
  /** Intel Quick Sync. */
  QSV("qsv", "h264_qsv"),
  /** macOS. */
  VIDEOTOOLBOX("videotoolbox", "h264_videotoolbox");

  private final String configName;
  private final String ffmpegName;

  Encoder(String configName, String ffmpegName) {
    this.configName = configName;
    this.ffmpegName = ffmpegName;
  }

  /** The name used in configuration, e.g. {@code vaapi}. */
  public String configName() {
    return configName;
  }

  /** ffmpeg's {@code -c:v} value. */
  public String ffmpegName() {
    return ffmpegName;
  }

  public boolean isHardware() {
    return this != SOFTWARE;
  }

  /**
   * Parses a configuration value (case-insensitive).
   *
   * @throws IllegalArgumentException naming the accepted values
   */
  public static Encoder parse(String text) {
    if (text != null) {
      String t = text.trim().toLowerCase(Locale.ROOT);
      for (Encoder e : values()) {
        if (e.configName.equals(t)) {
          return e;
        }
      }
    }
    throw new IllegalArgumentException("unknown encoder '" + text + "'; expected one of "
        + Arrays.stream(values()).map(Encoder::configName).collect(Collectors.joining(", ")));
  }
}
