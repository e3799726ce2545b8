package io.puredc.transcode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ending child processes for sure: SIGTERM first, SIGKILL after the grace, always reaped. */
class ProcessesTest {

  @Test
  void politeProcessEndsOnSigtermWithinTheGrace() throws Exception {
    Process p = new ProcessBuilder("sleep", "30").start();
    long t0 = System.nanoTime();
    Processes.terminate(p, Duration.ofSeconds(10));
    long ms = (System.nanoTime() - t0) / 1_000_000;
    assertFalse(p.isAlive());
    assertTrue(ms < 5000, "SIGTERM should have been enough, took " + ms + " ms");
    assertEquals(143, p.exitValue(), "128 + SIGTERM");
  }

  @Test
  void processIgnoringSigtermIsKilledAfterTheGrace() throws Exception {
    // The shell ignores TERM and exec keeps that for sleep: only SIGKILL ends it.
    Process p = sigtermIgnoringSleep();
    long t0 = System.nanoTime();
    Processes.terminate(p, Duration.ofMillis(300));
    long ms = (System.nanoTime() - t0) / 1_000_000;
    assertFalse(p.isAlive());
    assertEquals(137, p.exitValue(), "128 + SIGKILL");
    assertTrue(ms >= 290, "the grace must be waited first, took " + ms + " ms");
  }

  /**
   * A {@code sleep} that ignores SIGTERM, returned only once the shell said its trap is set: a
   * fixed pause before the signal is not enough on a loaded machine, and a TERM that beats the
   * trap ends the shell with 143 instead of testing the SIGKILL.
   */
  private static Process sigtermIgnoringSleep() throws Exception {
    Process p = new ProcessBuilder("sh", "-c", "trap '' TERM; echo trapped; exec sleep 30").start();
    BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.US_ASCII));
    assertEquals("trapped", out.readLine());
    return p;
  }

  @Test
  void terminatingAnExitedProcessIsHarmless() throws Exception {
    Process p = new ProcessBuilder("true").start();
    p.waitFor();
    Processes.terminate(p, Duration.ofSeconds(1));
    assertEquals(0, p.exitValue());
  }

  @Test
  void interruptIsKeptButTheKillStillHappens() throws Exception {
    Process p = sigtermIgnoringSleep();
    Thread.currentThread().interrupt();
    Processes.terminate(p, Duration.ofMillis(200));
    assertTrue(Thread.interrupted(), "the interrupt flag must survive");
    assertFalse(p.isAlive());
  }

  @Test
  void tailReadsTheEndOfALog(@TempDir Path dir) throws Exception {
    Path log = dir.resolve("x.log");
    Files.writeString(log, "a".repeat(5000) + "the end\n");
    assertEquals("a".repeat(92) + "the end", Processes.tail(log, 100));
    assertTrue(Processes.tail(dir.resolve("none"), 100).startsWith("(no log: "));
  }
}
