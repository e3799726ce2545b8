package io.puredc.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a coordinator inside a private network namespace (PEER-PROTOCOL.md "Chromium and
 * loopback"): {@code unshare -n}, loopback up and a veth pair 10.233.0.1/10.233.0.2 as the only
 * network, so no traffic leaves it. The namespace lives exactly as long as the child coordinator.
 */
final class NetNs {

  static final String SETUP = String.join("\n",
      "set -e",
      "ip link set lo up",
      "ip link add v0 type veth peer name v1",
      "ip addr add " + Coordinator.NS_OFFERER + "/24 dev v0",
      "ip addr add " + Coordinator.NS_ANSWERER + "/24 dev v1",
      "ip link set v0 up",
      "ip link set v1 up",
      // Chromium gathers host candidates only on the interface of the default route (it finds it
      // by connecting a UDP socket towards a public address): without a route it gathers none.
      "ip route add default dev v0",
      "exec \"$@\"");

  private NetNs() {}

  /** The command that runs {@code command} inside a fresh namespace. */
  static List<String> wrap(List<String> command) {
    List<String> all = new ArrayList<>(List.of("unshare", "-n", "sh", "-c", SETUP, "sh"));
    all.addAll(command);
    return all;
  }

  /** Re-executes this JVM's coordinator with {@code --in-netns --json} inside a namespace. */
  static RunResult run(Coordinator.Config c, PrintStream log) {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> cmd = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
        Coordinator.class.getName(), "--in-netns", "--json", "--scenario", c.scenario(),
        "--grace-ms", Long.toString(c.graceMs())));
    cmd.addAll(List.of("--offerer", String.join(" ", c.offerer()), "--answerer", String.join(" ", c.answerer())));
    c.params().forEach((k, v) -> cmd.addAll(List.of("--param", k + "=" + v)));
    String last = null;
    try {
      Process p = new ProcessBuilder(wrap(cmd)).redirectError(ProcessBuilder.Redirect.PIPE).start();
      Thread err = new Thread(() -> copy(p, log), "netns-stderr");
      err.setDaemon(true);
      err.start();
      try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        for (String l; (l = out.readLine()) != null; ) {
          last = l;
        }
      }
      // The child enforces the run's timeout itself; this bound only covers a child that hangs.
      if (!p.waitFor(c.timeoutMs() + c.graceMs() + 30_000, TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
      }
      err.join(2000);
      if (last == null) {
        return failed(c, "the namespace run printed no result (exit " + p.exitValue() + ")");
      }
      JsonNode n = Coordinator.JSON.readTree(last);
      return Coordinator.JSON.treeToValue(n, RunResult.class);
    } catch (IOException e) {
      return failed(c, "cannot run in a network namespace: " + e.getMessage() + (last != null ? " (" + last + ")" : ""));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return failed(c, "interrupted");
    }
  }

  private static void copy(Process p, PrintStream log) {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
      for (String l; (l = in.readLine()) != null; ) {
        log.println(l);
      }
    } catch (IOException e) {
      // child gone
    }
  }

  private static RunResult failed(Coordinator.Config c, String why) {
    return new RunResult(c.scenario(), String.join(" ", c.offerer()), String.join(" ", c.answerer()),
        RunResult.Status.FAILED, null, null, null, why, List.of(), null, null);
  }
}
