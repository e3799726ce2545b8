package io.puredc.transcode;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Builds ffmpeg argument lists for a {@link Decision}, and the size estimate that goes into
 * HELLO while a transcode runs. Pure: no I/O.
 *
 * <p>Every output is fragmented MP4 written so that a browser can play it while it grows:
 * {@code empty_moov} puts the track headers first, {@code frag_keyframe} cuts a fragment at
 * each keyframe, {@code default_base_moof} is what MSE players expect. Re-encoded video gets a
 * keyframe every {@value #KEYFRAME_SECONDS} s, so fragments (and the bytes a reader can use)
 * appear every {@value #KEYFRAME_SECONDS} s.
 */
public final class FfmpegCommand {
  static final int KEYFRAME_SECONDS = 2;
  static final String MOVFLAGS = "+frag_keyframe+empty_moov+default_base_moof";

  private FfmpegCommand() {}

  /**
   * The full command line (executable first).
   *
   * @param encoder the encoder for this attempt; the config's for the first, SOFTWARE for the fallback
   * @throws IllegalArgumentException for {@link Action#PASSTHROUGH}, which runs no ffmpeg
   */
  public static List<String> build(Path input, Path output, Decision d, TranscodeConfig config,
      Encoder encoder) {
    Objects.requireNonNull(input, "input");
    Objects.requireNonNull(output, "output");
    Objects.requireNonNull(encoder, "encoder");
    if (d.action() == Action.PASSTHROUGH) {
      throw new IllegalArgumentException("passthrough serves the file itself; there is no ffmpeg command");
    }
    boolean video = d.action() == Action.VIDEO_TRANSCODE;
    List<String> a = new ArrayList<>(List.of(config.ffmpeg(), "-nostdin", "-hide_banner",
        "-v", "error", "-y"));
    if (video && encoder == Encoder.VAAPI) {
      a.addAll(List.of("-vaapi_device", config.vaapiDevice())); // must precede the input
    }
    // "file:" keeps a name such as "http:x.mkv" from being read as a protocol.
    a.addAll(List.of("-i", "file:" + input.toAbsolutePath()));
    // One video stream that is not cover art, one audio stream; subtitles, data and chapters
    // are dropped because fragmented MP4 with empty_moov cannot carry them reliably.
    a.addAll(List.of("-map", "0:V:0?", "-map", "0:a:0?", "-sn", "-dn", "-map_chapters", "-1"));
    if (video) {
      long bitrate = videoBitrate(d, config);
      a.addAll(List.of("-vf", filter(d.targetHeight(), encoder), "-c:v", encoder.ffmpegName()));
      a.addAll(encoderOptions(encoder, config));
      a.addAll(List.of("-b:v", Long.toString(bitrate), "-maxrate", Long.toString(bitrate),
          "-bufsize", Long.toString(2 * bitrate),
          "-force_key_frames", "expr:gte(t,n_forced*" + KEYFRAME_SECONDS + ")"));
    } else {
      a.addAll(List.of("-c:v", "copy"));
    }
    if (d.transcodeAudio()) {
      a.addAll(List.of("-c:a", "aac", "-ac", "2", "-b:a", Long.toString(config.audioBitrate())));
    } else {
      a.addAll(List.of("-c:a", "copy"));
    }
    // Copied streams may start with long gaps; the default queue of 128 packets aborts on them.
    a.addAll(List.of("-max_muxing_queue_size", "1024", "-movflags", MOVFLAGS,
        "-f", "mp4", "file:" + output.toAbsolutePath()));
    return List.copyOf(a);
  }

  /**
   * Scale to the target height keeping the aspect ratio with an even width ({@code -2}); without a
   * target, only round odd sizes down to even, which 4:2:0 needs. Then the pixel format the
   * encoder takes: 8-bit 4:2:0 (a 10-bit source must not become High 10 H.264), uploaded to the
   * GPU for VAAPI.
   */
  static String filter(int targetHeight, Encoder encoder) {
    String scale = targetHeight > 0
        ? "scale=-2:" + (targetHeight & ~1)
        : "scale=trunc(iw/2)*2:trunc(ih/2)*2";
    return switch (encoder) {
      case SOFTWARE, NVENC, VIDEOTOOLBOX -> scale + ",format=yuv420p";
      case QSV -> scale + ",format=nv12";
      case VAAPI -> scale + ",format=nv12,hwupload";
    };
  }

  private static List<String> encoderOptions(Encoder encoder, TranscodeConfig config) {
    return switch (encoder) {
      case SOFTWARE -> List.of("-preset", config.x264Preset());
      case NVENC -> List.of("-preset", "p4");
      case QSV -> List.of("-preset", "medium");
      case VAAPI, VIDEOTOOLBOX -> List.of(); // rate control by -b:v alone
    };
  }

  /** The configured video bit rate, or one picked by output height. */
  static long videoBitrate(Decision d, TranscodeConfig config) {
    if (config.videoBitrate() > 0) {
      return config.videoBitrate();
    }
    int h = outputHeight(d);
    if (h == 0) {
      return 2_500_000;
    }
    if (h <= 360) {
      return 800_000;
    }
    if (h <= 480) {
      return 1_200_000;
    }
    if (h <= 720) {
      return 2_500_000;
    }
    if (h <= 1080) {
      return 5_000_000;
    }
    if (h <= 1440) {
      return 8_000_000;
    }
    return 16_000_000;
  }

  static int outputHeight(Decision d) {
    if (d.targetHeight() > 0) {
      return d.targetHeight();
    }
    return d.media().video() == null ? 0 : d.media().video().height();
  }

  /**
   * The expected size of the output for HELLO (flag TRANSCODING), 0 when unknown. Copies keep
   * the source size; re-encoded video is duration × (video + audio bit rate) plus 2 % for the
   * MP4 boxes. An estimate, not a promise: the final size replaces it.
   */
  public static long estimatedSize(Decision d, TranscodeConfig config) {
    MediaInfo m = d.media();
    double seconds = m.durationSeconds();
    MediaInfo.AudioStream audio = m.firstAudio();
    long sourceAudio = audio == null ? 0 : audio.bitRate();
    long outAudio = audio == null ? 0 : d.transcodeAudio() || sourceAudio == 0
        ? config.audioBitrate() : sourceAudio;
    return switch (d.action()) {
      case PASSTHROUGH, REMUX -> m.sizeBytes();
      case AUDIO_TRANSCODE -> {
        if (seconds == 0 || sourceAudio == 0) {
          yield m.sizeBytes(); // audio share unknown: the source size is the best guess
        }
        yield Math.max(0, m.sizeBytes() + Math.round(seconds * (outAudio - sourceAudio) / 8));
      }
      case VIDEO_TRANSCODE -> seconds == 0 ? 0
          : Math.round(seconds * (videoBitrate(d, config) + outAudio) / 8 * 1.02);
    };
  }
}
