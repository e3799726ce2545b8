package io.puredc.transcode;

import java.util.Objects;

/** The outcome of {@link Probe#probe}: the media description, or why there is none. */
public sealed interface ProbeResult {

  /** ffprobe ran and its JSON parsed. */
  record Success(MediaInfo media) implements ProbeResult {
    public Success {
      Objects.requireNonNull(media, "media");
    }
  }

  /**
   * ffprobe could not start, exited non-zero, timed out or printed JSON we could not use.
   * Callers serve the file as is and log {@code reason} (issue 7: never block a session).
   */
  record Failure(String reason) implements ProbeResult {
    public Failure {
      Objects.requireNonNull(reason, "reason");
    }
  }
}
