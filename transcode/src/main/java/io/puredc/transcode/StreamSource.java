package io.puredc.transcode;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.concurrent.CompletionStage;

/**
 * The bytes a session serves: the file itself (passthrough) or a transcode that is still being
 * written. Safe for concurrent readers; each read names its own position.
 */
public interface StreamSource extends Closeable {

  /**
   * Reads bytes at {@code position} into {@code dst}: at least one byte, at most what exists
   * and fits. While a transcode runs, a position past the bytes written so far blocks until
   * ffmpeg writes them, the transcode ends, or {@code deadline} passes.
   *
   * @return bytes read, 0 only when {@code dst} has no room, -1 at or past the final end
   * @throws SourceTimeoutException when the deadline passes first
   * @throws IOException when ffmpeg failed (its exit status and log tail in the message), or
   *     the source was closed
   * @throws IllegalArgumentException for a negative position
   */
  int read(long position, ByteBuffer dst, Instant deadline) throws IOException;

  /** True once the size is exact: always for passthrough, after ffmpeg exited 0 for a transcode. */
  boolean isFinal();

  /** The exact size once final; before that the estimate for HELLO, never below what exists. */
  long estimatedSize();

  /** MIME type for HELLO, e.g. {@code video/mp4}. */
  String mimeType();

  /** Duration for HELLO, 0 when unknown. */
  long durationMillis();

  /**
   * Completes with the exact size when the source becomes final (the daemon then sends HELLO
   * again without the TRANSCODING flag); completes exceptionally when ffmpeg fails or the
   * source is closed first.
   */
  CompletionStage<Long> whenFinal();

  /** Releases the source: kills a running ffmpeg and deletes its temporary file. Idempotent. */
  @Override
  void close();
}
