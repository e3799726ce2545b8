package io.puredc.transcode;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A transcode being written by ffmpeg to a temporary file, readable while it grows.
 *
 * <p>No thread of its own (threads stay bounded per session, DESIGN.md): ffmpeg's exit is
 * reported by {@link Process#onExit()}, and a reader waiting for bytes re-checks the file size
 * every {@link #POLL} on a condition that the exit also signals. So waits are bounded and
 * never spin.
 *
 * <p>Attempts: the first command may use a hardware encoder and a second the software one. If
 * an attempt exits non-zero before writing a single byte (the encoder did not open), the next
 * attempt starts on the same file; no reader can have seen anything, so the switch is invisible.
 * A failure after bytes were written is final and every later read throws it.
 */
public final class GrowingFileSource implements StreamSource {
  private static final Logger LOG = LoggerFactory.getLogger(GrowingFileSource.class);
  /** How often a waiting reader looks at the file size: fragments arrive every ~2 s anyway. */
  static final Duration POLL = Duration.ofMillis(20);
  private static final int LOG_TAIL = 2048;
  /**
   * Runs exit handlers for every source: one thread at most, gone after 30 s idle. Not the JDK's
   * process-reaper thread (small stack, and our handler may start the fallback ffmpeg), and not
   * the default async pool, which on 2 cores starts a thread per task.
   */
  private static final ThreadPoolExecutor EXITS = new ThreadPoolExecutor(0, 1, 30, TimeUnit.SECONDS,
      new LinkedBlockingQueue<>(), r -> {
        Thread t = new Thread(r, "puredc-transcode-exit");
        t.setDaemon(true);
        return t;
      });

  private enum State { RUNNING, FINISHED, FAILED, CLOSED }

  /** One way to produce the output: a command and the encoder it uses (for logs and tests). */
  public record Attempt(Encoder encoder, List<String> command) {
    public Attempt {
      Objects.requireNonNull(encoder, "encoder");
      command = List.copyOf(command);
    }
  }

  private final Path output;
  private final Path log;
  private final List<Attempt> attempts;
  private final FileChannel channel;
  private final long estimate;
  private final String mimeType;
  private final long durationMillis;
  private final Duration killGrace;
  private final String label;
  private final CompletableFuture<Long> finalSize = new CompletableFuture<>();

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  // Guarded by lock.
  private State state = State.RUNNING;
  private int attempt = -1;
  private Process process;
  private long size;
  private String failure;
  private String fallback;

  private GrowingFileSource(Path output, Path log, List<Attempt> attempts, FileChannel channel,
      long estimate, String mimeType, long durationMillis, Duration killGrace, String label) {
    this.output = output;
    this.log = log;
    this.attempts = attempts;
    this.channel = channel;
    this.estimate = estimate;
    this.mimeType = mimeType;
    this.durationMillis = durationMillis;
    this.killGrace = killGrace;
    this.label = label;
  }

  /**
   * Starts the first attempt. {@code output} must exist (ffmpeg overwrites it in place, so the
   * channel opened here sees what it writes); {@code log} receives ffmpeg's stderr. Both are
   * deleted by {@link #close()}, also when this method fails.
   *
   * @throws IOException when ffmpeg cannot be started at all
   */
  static GrowingFileSource start(Path output, Path log, List<Attempt> attempts, long estimate,
      String mimeType, long durationMillis, Duration killGrace, String label) throws IOException {
    if (attempts.isEmpty()) {
      throw new IllegalArgumentException("at least one attempt is needed");
    }
    FileChannel ch;
    try {
      ch = FileChannel.open(output, StandardOpenOption.READ);
    } catch (IOException e) {
      deleteQuietly(output);
      deleteQuietly(log);
      throw e;
    }
    GrowingFileSource s = new GrowingFileSource(output, log, List.copyOf(attempts), ch,
        Math.max(0, estimate), mimeType, durationMillis, killGrace, label);
    s.lock.lock();
    try {
      s.startAttempt(0);
      if (s.state == State.FAILED) {
        IOException e = new IOException(s.failure);
        s.lock.unlock();
        s.close();
        throw e;
      }
    } finally {
      if (s.lock.isHeldByCurrentThread()) {
        s.lock.unlock();
      }
    }
    return s;
  }

  /** Caller holds the lock. Launches attempt {@code i}; a launch error marks the source failed. */
  private void startAttempt(int i) {
    Attempt a = attempts.get(i);
    attempt = i;
    ProcessBuilder pb = new ProcessBuilder(a.command())
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(log.toFile());
    try {
      Process p = pb.start();
      process = p; // before anything else can fail, so close() always finds it
      LOG.debug("{}: started ffmpeg pid {} ({})", label, p.pid(), Processes.describe(a.command()));
      p.onExit().thenRunAsync(() -> exited(p), EXITS);
    } catch (IOException e) {
      fail("cannot start " + a.command().get(0) + ": " + e.getMessage());
      return;
    }
    try {
      process.getOutputStream().close(); // ffmpeg runs with -nostdin; no pipe stays open here
    } catch (IOException e) {
      LOG.debug("{}: closing ffmpeg's stdin: {}", label, e.getMessage());
    }
  }

  private void exited(Process p) {
    lock.lock();
    try {
      if (state != State.RUNNING || p != process) {
        return; // closed meanwhile, or a stale notification
      }
      int code = p.exitValue();
      long written = currentSize();
      Attempt a = attempts.get(attempt);
      if (code == 0 && written >= 0 && !hasMedia()) {
        fail("ffmpeg produced no audio or video from " + label + " (the input is broken or empty): "
            + Processes.tail(log, LOG_TAIL));
      } else if (code == 0 && written >= 0) {
        state = State.FINISHED;
        size = written;
        changed.signalAll();
        LOG.info("{}: transcode finished, {} bytes", label, written);
        finalSize.complete(written);
      } else if (written == 0 && attempt + 1 < attempts.size()) {
        Attempt next = attempts.get(attempt + 1);
        fallback = a.encoder().configName() + " encoder failed to start (exit " + code + "): "
            + Processes.tail(log, LOG_TAIL);
        LOG.warn("{}: {}; falling back to {}", label, fallback, next.encoder().configName());
        startAttempt(attempt + 1);
      } else {
        fail("ffmpeg (" + a.encoder().configName() + ") exited with status " + code + " for "
            + label + ": " + Processes.tail(log, LOG_TAIL));
      }
    } finally {
      lock.unlock();
    }
  }

  private boolean hasMedia() {
    try {
      return Mp4Boxes.hasFragment(output);
    } catch (IOException e) {
      return false;
    }
  }

  /** Caller holds the lock. */
  private void fail(String message) {
    state = State.FAILED;
    failure = message;
    changed.signalAll();
    LOG.warn("{}", message);
    finalSize.completeExceptionally(new IOException(message));
  }

  /** The output's size now, -1 if it cannot be read. */
  private long currentSize() {
    try {
      return channel.size();
    } catch (IOException e) {
      return -1;
    }
  }

  @Override
  public int read(long position, ByteBuffer dst, Instant deadline) throws IOException {
    if (position < 0) {
      throw new IllegalArgumentException("negative position " + position);
    }
    Objects.requireNonNull(deadline, "deadline");
    long waitEnd = System.nanoTime() + nanosUntil(deadline);
    long available;
    lock.lock();
    try {
      while (true) {
        if (state == State.CLOSED) {
          throw new IOException("the transcode of " + label + " was closed");
        }
        if (state == State.FAILED) {
          throw new IOException(failure);
        }
        long now = state == State.FINISHED ? size : currentSize();
        if (position < now) {
          available = now - position;
          break;
        }
        if (state == State.FINISHED) {
          return -1;
        }
        if (!dst.hasRemaining()) {
          return 0;
        }
        long left = waitEnd - System.nanoTime();
        if (left <= 0) {
          throw new SourceTimeoutException("no bytes at offset " + position + " of the transcode of "
              + label + " yet (" + now + " written so far)");
        }
        try {
          changed.awaitNanos(Math.min(left, POLL.toNanos()));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new InterruptedIOException("interrupted while waiting for the transcode of " + label);
        }
      }
    } finally {
      lock.unlock();
    }
    if (!dst.hasRemaining()) {
      return 0;
    }
    ByteBuffer view = dst.slice().limit((int) Math.min(dst.remaining(), available));
    int n = channel.read(view, position);
    if (n > 0) {
      dst.position(dst.position() + n);
    }
    return Math.max(n, 0);
  }

  /** Nanoseconds from now to the deadline, 0 if past; saturated so Instant.MAX cannot overflow. */
  static long nanosUntil(Instant deadline) {
    Instant now = Instant.now();
    if (!deadline.isAfter(now)) {
      return 0;
    }
    try {
      return Math.min(Duration.between(now, deadline).toNanos(), Long.MAX_VALUE / 4);
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE / 4;
    }
  }

  @Override
  public boolean isFinal() {
    lock.lock();
    try {
      return state == State.FINISHED;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public long estimatedSize() {
    lock.lock();
    try {
      return state == State.FINISHED ? size : Math.max(estimate, Math.max(0, currentSize()));
    } finally {
      lock.unlock();
    }
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
    return finalSize.minimalCompletionStage();
  }

  /** The encoder of the attempt that runs (or ran) now. */
  public Encoder encoder() {
    lock.lock();
    try {
      return attempts.get(Math.max(attempt, 0)).encoder();
    } finally {
      lock.unlock();
    }
  }

  /** Why the hardware attempt was abandoned, if it was. */
  public Optional<String> fallbackReason() {
    lock.lock();
    try {
      return Optional.ofNullable(fallback);
    } finally {
      lock.unlock();
    }
  }

  /** The running ffmpeg's process, for tests that check it is gone after close. */
  Optional<ProcessHandle> processHandle() {
    lock.lock();
    try {
      return Optional.ofNullable(process).map(Process::toHandle);
    } finally {
      lock.unlock();
    }
  }

  Path outputPath() {
    return output;
  }

  @Override
  public void close() {
    Process p;
    lock.lock();
    try {
      if (state == State.CLOSED) {
        return;
      }
      state = State.CLOSED;
      p = process;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
    if (p != null) {
      Processes.terminate(p, killGrace); // after this no writer is left, so deleting is safe
    }
    try {
      channel.close();
    } catch (IOException e) {
      LOG.debug("{}: closing the read channel: {}", label, e.getMessage());
    }
    deleteQuietly(output);
    deleteQuietly(log);
    finalSize.completeExceptionally(new IOException("the transcode of " + label + " was closed"));
  }

  private static void deleteQuietly(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException e) {
      LOG.warn("could not delete {}: {}", p, e.getMessage());
    }
  }

  /** For tests: waits until the source is final or failed; false on timeout. */
  boolean awaitEnd(Duration timeout) throws InterruptedException {
    try {
      finalSize.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
      return true;
    } catch (java.util.concurrent.ExecutionException e) {
      return true;
    } catch (java.util.concurrent.TimeoutException e) {
      return false;
    }
  }
}
