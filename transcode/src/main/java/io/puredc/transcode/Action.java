package io.puredc.transcode;

/** What the daemon does with a file for one session, cheapest first. */
public enum Action {
  /** Serve the file's bytes as they are. */
  PASSTHROUGH,
  /** Copy the streams into fragmented MP4 (wrong container, playable codecs). */
  REMUX,
  /** Copy the video, re-encode the audio to AAC stereo. */
  AUDIO_TRANSCODE,
  /** Re-encode the video to H.264 (and the audio when it cannot be copied). */
  VIDEO_TRANSCODE
}
