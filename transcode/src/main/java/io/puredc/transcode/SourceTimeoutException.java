package io.puredc.transcode;

import java.io.InterruptedIOException;

/** A read's deadline passed before ffmpeg wrote the requested bytes; the transcode goes on. */
public final class SourceTimeoutException extends InterruptedIOException {
  public SourceTimeoutException(String message) {
    super(message);
  }
}
