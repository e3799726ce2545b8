package io.puredc.conformance;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/** One peer program: its stdout lines go to a shared queue, its stderr to the log with a prefix. */
final class PeerProcess {

  /** A line a peer wrote, or its end of output ({@code line == null}). */
  record Line(PeerProcess peer, String line) {}

  final String role;
  private final Process process;
  private final Writer stdin;
  private final Thread stdoutThread;
  private final Thread stderrThread;

  PeerProcess(String role, List<String> command, Map<String, String> env, BlockingQueue<Line> lines,
      PrintStream log) throws IOException {
    this.role = role;
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().putAll(env);
    this.process = pb.start();
    this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    this.stdoutThread = pump("stdout", new BufferedReader(
        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)), l -> lines.add(new Line(this, l)),
        () -> lines.add(new Line(this, null)));
    this.stderrThread = pump("stderr", new BufferedReader(
        new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8)), l -> log.println("[" + role + "] " + l),
        () -> { });
  }

  private Thread pump(String what, BufferedReader in, java.util.function.Consumer<String> each, Runnable end) {
    Thread t = new Thread(() -> {
      try (in) {
        for (String l; (l = in.readLine()) != null; ) {
          each.accept(l);
        }
      } catch (IOException e) {
        // The process went away while we read: same as end of output.
      } finally {
        end.run();
      }
    }, "peer-" + role + "-" + what);
    t.setDaemon(true);
    t.start();
    return t;
  }

  /** Writes one line to the peer's stdin; false when the peer no longer reads. */
  synchronized boolean send(String line) {
    try {
      stdin.write(line);
      stdin.write('\n');
      stdin.flush();
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** Exit code, waiting up to {@code millis}; null if still running. */
  Integer exitCode(long millis) {
    try {
      if (process.waitFor(millis, TimeUnit.MILLISECONDS)) {
        return process.exitValue();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return null;
  }

  boolean alive() {
    return process.isAlive();
  }

  /** Kills the peer and everything it started (a browser runs as its grandchildren). */
  void kill() {
    List<ProcessHandle> all = new ArrayList<>();
    process.toHandle().descendants().forEach(all::add);
    process.destroyForcibly();
    all.forEach(ProcessHandle::destroyForcibly);
    exitCode(5000);
  }

  /** Waits for both output readers so the last stderr lines are logged before the run reports. */
  void drain() {
    try {
      stdoutThread.join(2000);
      stderrThread.join(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
