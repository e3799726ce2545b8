package io.puredc.transcode;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Passthrough: the file on disk, final from the start. The size is taken once, at open. */
final class FileSource implements StreamSource {
  private final FileChannel channel;
  private final long size;
  private final String mimeType;
  private final long durationMillis;

  private FileSource(FileChannel channel, long size, String mimeType, long durationMillis) {
    this.channel = channel;
    this.size = size;
    this.mimeType = mimeType;
    this.durationMillis = durationMillis;
  }

  static FileSource open(Path file, String mimeType, long durationMillis) throws IOException {
    FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
    try {
      return new FileSource(ch, ch.size(), mimeType, durationMillis);
    } catch (RuntimeException e) {
      ch.close();
      throw e;
    }
  }

  @Override
  public int read(long position, ByteBuffer dst, Instant deadline) throws IOException {
    if (position < 0) {
      throw new IllegalArgumentException("negative position " + position);
    }
    Objects.requireNonNull(deadline, "deadline");
    if (position >= size) {
      return -1;
    }
    if (!dst.hasRemaining()) {
      return 0;
    }
    int want = (int) Math.min(dst.remaining(), size - position);
    ByteBuffer view = dst.slice().limit(want);
    int n = channel.read(view, position);
    if (n < 0) {
      throw new IOException("the file shrank below the " + size + " bytes it had when opened");
    }
    if (n > 0) {
      dst.position(dst.position() + n);
    }
    return n;
  }

  @Override
  public boolean isFinal() {
    return true;
  }

  @Override
  public long estimatedSize() {
    return size;
  }

  @Override
  public String mimeType() {
    return mimeType;
  }

  @Override
  public long durationMillis() {
    return durationMillis;
  }

  @Override
  public CompletionStage<Long> whenFinal() {
    return CompletableFuture.completedFuture(size);
  }

  @Override
  public void close() {
    try {
      channel.close();
    } catch (IOException e) {
      // nothing was written; a failing close of a read-only channel loses nothing
    }
  }
}
