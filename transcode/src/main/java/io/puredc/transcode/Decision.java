package io.puredc.transcode;

import java.util.Objects;
import java.util.Set;

/**
 * The per-file, per-session choice of issue 7, made by the pure function {@link #decide}.
 *
 * @param action         what to do
 * @param reason         one line for logs saying why
 * @param targetHeight   lines of the re-encoded picture, 0 to keep the source height
 *                       (only {@link Action#VIDEO_TRANSCODE} scales)
 * @param transcodeAudio whether the kept audio stream is re-encoded to AAC stereo
 * @param media          what the decision was made from; {@link MediaInfo#UNKNOWN} after a
 *                       failed probe
 */
public record Decision(Action action, String reason, int targetHeight, boolean transcodeAudio,
    MediaInfo media) {

  /** 8-bit 4:2:0, the only H.264 chroma/depth Chromium decodes. */
  private static final Set<String> PLAYABLE_H264_PIXEL_FORMATS = Set.of("yuv420p", "yuvj420p");

  public Decision {
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(media, "media");
    if (targetHeight < 0) {
      throw new IllegalArgumentException("targetHeight must be >= 0, got " + targetHeight);
    }
    if (targetHeight > 0 && action != Action.VIDEO_TRANSCODE) {
      throw new IllegalArgumentException("only a video transcode scales, not " + action);
    }
  }

  /** A probe failure means: serve the file as it is, and say why (issue 7). */
  public static Decision decide(ProbeResult probe, Quality cap, BrowserCapabilities caps) {
    if (probe instanceof ProbeResult.Success s) {
      return decide(s.media(), cap, caps);
    }
    return new Decision(Action.PASSTHROUGH,
        "probe failed, serving as is: " + ((ProbeResult.Failure) probe).reason(), 0, false,
        MediaInfo.UNKNOWN);
  }

  /** The decision table of the module README, as code. Pure: no I/O, no clock. */
  public static Decision decide(MediaInfo m, Quality cap, BrowserCapabilities caps) {
    Objects.requireNonNull(m, "media");
    Objects.requireNonNull(cap, "cap");
    Objects.requireNonNull(caps, "caps");
    MediaInfo.AudioStream audio = m.firstAudio();
    MediaInfo.VideoStream video = m.video();
    if (video == null && audio == null) {
      return new Decision(Action.PASSTHROUGH, "no audio or video stream to transcode", 0, false, m);
    }
    boolean audioPlayable = audio == null || caps.audioCodecs().contains(audio.codec());
    boolean audioCopyable = audio == null || caps.copyAudioCodecs().contains(audio.codec());

    if (video != null) {
      String problem = videoProblem(video, caps);
      if (problem != null) {
        int target = cap.forcesDownscale(video.height()) ? cap.maxHeight() : 0;
        return new Decision(Action.VIDEO_TRANSCODE, problem, target, !audioCopyable, m);
      }
      if (cap.forcesDownscale(video.height())) {
        return new Decision(Action.VIDEO_TRANSCODE,
            video.height() + " lines exceed the " + cap + " cap", cap.maxHeight(), !audioCopyable, m);
      }
    }
    boolean containerPlayable = caps.containers().contains(m.container());
    if (containerPlayable && audioPlayable) {
      return new Decision(Action.PASSTHROUGH, streams(m) + " in " + m.container() + " plays as is",
          0, false, m);
    }
    // From here on the output is fragmented MP4, which needs the video copied or re-encoded.
    if (video != null && !caps.copyVideoCodecs().contains(video.codec())) {
      return new Decision(Action.VIDEO_TRANSCODE, video.codec() + " in " + m.container()
          + " is not copied into fragmented MP4", 0, !audioCopyable, m);
    }
    if (!audioPlayable) {
      return new Decision(Action.AUDIO_TRANSCODE, audio.codec() + " audio is not playable", 0, true, m);
    }
    if (!audioCopyable) {
      return new Decision(Action.AUDIO_TRANSCODE, audio.codec() + " audio in " + m.container()
          + " is not copied into fragmented MP4", 0, true, m);
    }
    return new Decision(Action.REMUX, streams(m) + " in " + m.container()
        + ": playable codecs, container is not", 0, false, m);
  }

  /** Why the browser cannot decode this video stream, or null when it can. */
  private static String videoProblem(MediaInfo.VideoStream v, BrowserCapabilities caps) {
    if (!caps.videoCodecs().contains(v.codec())) {
      return (v.codec().isEmpty() ? "unknown" : v.codec()) + " video is not playable";
    }
    if (v.codec().equals("h264")) {
      String pf = v.pixelFormat();
      String profile = v.profile();
      boolean badFormat = !pf.isEmpty() && !PLAYABLE_H264_PIXEL_FORMATS.contains(pf);
      boolean badProfile = profile.contains("10") || profile.contains("4:2:2") || profile.contains("4:4:4");
      if (badFormat || badProfile) {
        return "h264 " + (profile.isEmpty() ? "" : profile + " ") + (pf.isEmpty() ? "" : pf + " ")
            + "is not playable (8-bit 4:2:0 only)";
      }
    }
    return null;
  }

  private static String streams(MediaInfo m) {
    String v = m.video() == null ? "" : m.video().codec();
    String a = m.firstAudio() == null ? "" : m.firstAudio().codec();
    return v.isEmpty() ? a : a.isEmpty() ? v : v + "/" + a;
  }
}
