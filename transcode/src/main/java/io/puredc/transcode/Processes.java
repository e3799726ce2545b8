package io.puredc.transcode;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Small helpers for the ffmpeg/ffprobe child processes: ending them for sure, reading their logs. */
final class Processes {
  private static final Logger LOG = LoggerFactory.getLogger(Processes.class);

  /** How long we wait for the kernel to reap a SIGKILLed child before giving up on it. */
  private static final Duration REAP_AFTER_KILL = Duration.ofSeconds(5);

  private Processes() {}

  /**
   * Asks the process to stop (SIGTERM lets ffmpeg close its output cleanly), waits up to
   * {@code grace}, then kills it and waits for it to be reaped, so no zombie or orphan stays.
   * Restores the interrupt flag if interrupted; the kill still happens.
   */
  static void terminate(Process process, Duration grace) {
    if (!process.isAlive()) {
      waitQuietly(process, REAP_AFTER_KILL);
      return;
    }
    process.destroy();
    if (waitQuietly(process, grace)) {
      return;
    }
    process.destroyForcibly();
    if (!waitQuietly(process, REAP_AFTER_KILL)) {
      LOG.error("process {} survived SIGKILL for {}", process.pid(), REAP_AFTER_KILL);
    }
  }

  /** Waits for exit; true if it exited. An interrupt is remembered, not swallowed. */
  private static boolean waitQuietly(Process process, Duration timeout) {
    boolean interrupted = false;
    long deadline = System.nanoTime() + timeout.toNanos();
    try {
      while (true) {
        try {
          return process.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
          interrupted = true; // finish the cleanup first; the caller sees the flag afterwards
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** The last {@code maxBytes} of a log file, trimmed, for error messages; never throws. */
  static String tail(Path file, int maxBytes) {
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
      long len = raf.length();
      int n = (int) Math.min(len, maxBytes);
      byte[] bytes = new byte[n];
      raf.seek(len - n);
      raf.readFully(bytes);
      return new String(bytes, StandardCharsets.UTF_8).trim();
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  /** Joins a command for log lines; not for a shell. */
  static String describe(java.util.List<String> command) {
    return String.join(" ", command);
  }
}
