package io.puredc.transcode;

import java.util.List;
import java.util.Objects;

/**
 * What ffprobe said about one file, reduced to what the decision needs. Immutable.
 *
 * <p>Codec names are ffprobe's ({@code h264}, {@code hevc}, {@code aac}, {@code ac3}, ...).
 * Only the first video stream is described: it is the one a transcode maps. {@code container}
 * is normalised by {@link Probe}: {@code mp4}, {@code webm}, {@code matroska}, {@code mp3}, or
 * ffprobe's format name for anything else. Unknown numbers are 0, unknown strings empty.
 *
 * @param container      normalised container name
 * @param formatName     ffprobe's raw {@code format_name}, e.g. {@code matroska,webm}
 * @param video          the first video stream, or {@code null} for an audio-only file
 * @param audio          audio streams in file order; the first is the one a transcode maps
 * @param subtitles      subtitle streams in file order (never mapped into a transcode)
 * @param durationSeconds container duration, 0 when unknown
 * @param sizeBytes      file size reported by ffprobe, 0 when unknown
 * @param bitRate        overall bit rate in bit/s, 0 when unknown
 */
public record MediaInfo(
    String container,
    String formatName,
    VideoStream video,
    List<AudioStream> audio,
    List<SubtitleStream> subtitles,
    double durationSeconds,
    long sizeBytes,
    long bitRate) {

  /** Stands in for a file that could not be probed; the decision turns it into passthrough. */
  public static final MediaInfo UNKNOWN =
      new MediaInfo("", "", null, List.of(), List.of(), 0, 0, 0);

  public MediaInfo {
    Objects.requireNonNull(container, "container");
    Objects.requireNonNull(formatName, "formatName");
    audio = List.copyOf(audio);
    subtitles = List.copyOf(subtitles);
    if (durationSeconds < 0 || Double.isNaN(durationSeconds)) {
      throw new IllegalArgumentException("durationSeconds must be >= 0, got " + durationSeconds);
    }
    if (sizeBytes < 0 || bitRate < 0) {
      throw new IllegalArgumentException("sizeBytes and bitRate must be >= 0");
    }
  }

  public boolean hasVideo() {
    return video != null;
  }

  /** The audio stream a transcode keeps, or {@code null} when there is none. */
  public AudioStream firstAudio() {
    return audio.isEmpty() ? null : audio.get(0);
  }

  public long durationMillis() {
    return Math.round(durationSeconds * 1000);
  }

  /**
   * @param codec       e.g. {@code h264}
   * @param profile     e.g. {@code High 10}, empty when unknown
   * @param pixelFormat e.g. {@code yuv420p10le}, empty when unknown
   * @param frameRate   frames per second, 0 when unknown
   * @param bitRate     bit/s, 0 when unknown (Matroska rarely says)
   */
  public record VideoStream(
      String codec, String profile, String pixelFormat, int width, int height,
      double frameRate, long bitRate) {
    public VideoStream {
      Objects.requireNonNull(codec, "codec");
      Objects.requireNonNull(profile, "profile");
      Objects.requireNonNull(pixelFormat, "pixelFormat");
      if (width < 0 || height < 0 || bitRate < 0 || !(frameRate >= 0)) {
        throw new IllegalArgumentException("negative video dimension, rate or bit rate");
      }
    }
  }

  /** @param bitRate bit/s, 0 when unknown */
  public record AudioStream(String codec, int channels, long bitRate) {
    public AudioStream {
      Objects.requireNonNull(codec, "codec");
      if (channels < 0 || bitRate < 0) {
        throw new IllegalArgumentException("negative channel count or bit rate");
      }
    }
  }

  /** @param language ISO 639 tag from the stream's tags, empty when absent */
  public record SubtitleStream(String codec, String language) {
    public SubtitleStream {
      Objects.requireNonNull(codec, "codec");
      Objects.requireNonNull(language, "language");
    }
  }
}
