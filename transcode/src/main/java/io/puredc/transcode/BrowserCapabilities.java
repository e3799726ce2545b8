package io.puredc.transcode;

import java.util.Set;

/**
 * What the browser plays, and what we are willing to copy unchanged into the fragmented MP4 we
 * produce. Codec names are ffprobe's.
 *
 * @param containers      containers served as they are
 * @param videoCodecs     video codecs the browser decodes
 * @param audioCodecs     audio codecs the browser decodes
 * @param copyVideoCodecs video codecs copied (not re-encoded) into fragmented MP4 by a remux or
 *                        an audio transcode; anything else playable but in a wrong container is
 *                        re-encoded
 * @param copyAudioCodecs audio codecs copied into fragmented MP4; others become AAC stereo
 */
public record BrowserCapabilities(
    Set<String> containers,
    Set<String> videoCodecs,
    Set<String> audioCodecs,
    Set<String> copyVideoCodecs,
    Set<String> copyAudioCodecs) {

  /**
   * Chromium: H.264/VP9/AV1 video, AAC/Opus/MP3/FLAC/Vorbis audio, in MP4, WebM or MP3.
   *
   * <p>Only H.264 is copied into fMP4. The MP4 muxer writes the codec configuration into an
   * empty {@code moov} before the first packet, and H.264's comes straight from Matroska's
   * CodecPrivate; VP9/AV1 from Matroska are re-encoded rather than trusted to carry it, so
   * AV1 in MKV is a video transcode (issue 7's table). Opus/FLAC/Vorbis are re-encoded to
   * AAC for the same reason: AAC and MP3 are the audio codecs every MP4 player takes.
   */
  public static final BrowserCapabilities CHROMIUM = new BrowserCapabilities(
      Set.of("mp4", "webm", "mp3"),
      Set.of("h264", "vp9", "av1"),
      Set.of("aac", "opus", "mp3", "flac", "vorbis"),
      Set.of("h264"),
      Set.of("aac", "mp3"));

  public BrowserCapabilities {
    containers = Set.copyOf(containers);
    videoCodecs = Set.copyOf(videoCodecs);
    audioCodecs = Set.copyOf(audioCodecs);
    copyVideoCodecs = Set.copyOf(copyVideoCodecs);
    copyAudioCodecs = Set.copyOf(copyAudioCodecs);
  }
}
