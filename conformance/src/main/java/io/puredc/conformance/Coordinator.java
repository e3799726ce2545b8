package io.puredc.conformance;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs one PEER-PROTOCOL.md scenario between two peer programs: starts both, waits for both
 * {@code ready}, forwards signalling lines as they arrive, collects both {@code result}s, kills
 * both past the timeout and names the one that stalled. Prints one summary line.
 *
 * <pre>
 * Coordinator --offerer CMD --answerer CMD --scenario NAME [--param k=v ...] [--netns] [--json]
 * </pre>
 * CMD is a peer name (werift, node-datachannel, chromium, chromium-mdns, java) or a command line.
 * Exit code: 0 ok, 1 failed, 3 unsupported, 4 outside-stack limit, 2 usage.
 */
public final class Coordinator {

  static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> FORWARDED = Set.of("sdp", "candidate", "done");
  private static final Set<String> COORDINATOR_ONLY = Set.of("ready", "event", "result");
  /** Offerer and answerer addresses inside the namespace a --netns run creates. */
  static final String NS_OFFERER = "10.233.0.1";
  static final String NS_ANSWERER = "10.233.0.2";

  /** What one run needs. {@code graceMs}: how long past {@code timeout_ms} the peers get to report. */
  public record Config(
      List<String> offerer,
      List<String> answerer,
      String scenario,
      Map<String, String> params,
      boolean netns,
      long graceMs) {

    public long timeoutMs() {
      String t = params.get("timeout_ms");
      return t == null ? 60_000 : Long.parseLong(t);
    }
  }

  private Coordinator() {}

  public static void main(String[] args) throws Exception {
    Parsed p;
    try {
      p = parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.println("usage: Coordinator --offerer CMD --answerer CMD --scenario NAME"
          + " [--param k=v ...] [--netns] [--json]");
      System.exit(2);
      return;
    }
    RunResult r;
    if (p.config.netns() && !p.inNetns) {
      r = NetNs.run(p.config, System.err);
    } else {
      r = run(p.config, p.inNetns, System.err);
    }
    System.out.println(p.json ? JSON.writeValueAsString(r) : r.summaryLine());
    System.out.flush();
    System.exit(r.status().exitCode());
  }

  record Parsed(Config config, boolean inNetns, boolean json) {}

  static Parsed parse(String[] args) {
    String offerer = null;
    String answerer = null;
    String scenario = null;
    Map<String, String> params = new LinkedHashMap<>();
    boolean netns = false;
    boolean inNetns = false;
    boolean json = false;
    long grace = 5000;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      switch (a) {
        case "--offerer" -> offerer = value(args, ++i, a);
        case "--answerer" -> answerer = value(args, ++i, a);
        case "--scenario" -> scenario = value(args, ++i, a);
        case "--param" -> {
          String kv = value(args, ++i, a);
          int eq = kv.indexOf('=');
          if (eq <= 0) {
            throw new IllegalArgumentException("--param wants key=value, got " + kv);
          }
          params.put(kv.substring(0, eq), kv.substring(eq + 1));
        }
        case "--grace-ms" -> grace = Long.parseLong(value(args, ++i, a));
        case "--netns" -> netns = true;
        case "--in-netns" -> inNetns = true;
        case "--json" -> json = true;
        default -> throw new IllegalArgumentException("unknown argument " + a);
      }
    }
    if (offerer == null || answerer == null || scenario == null) {
      throw new IllegalArgumentException("--offerer, --answerer and --scenario are required");
    }
    return new Parsed(new Config(Peers.command(offerer), Peers.command(answerer), scenario, params,
        netns || inNetns, grace), inNetns, json);
  }

  private static String value(String[] args, int i, String flag) {
    if (i >= args.length) {
      throw new IllegalArgumentException(flag + " needs a value");
    }
    return args[i];
  }

  /** Per-peer state of a run. */
  private static final class Side {
    final String role;
    PeerProcess process;
    String impl;
    JsonNode result;
    boolean sentDone;
    boolean ended;
    Integer exit;
    String error;

    Side(String role) {
      this.role = role;
    }

    String name() {
      return impl != null ? impl : role;
    }
  }

  /**
   * Runs the scenario here (the caller is already inside the namespace when {@code inNetns}).
   * Peer stderr goes to {@code log}.
   */
  public static RunResult run(Config c, boolean inNetns, PrintStream log) {
    Side off = new Side("offerer");
    Side ans = new Side("answerer");
    BlockingQueue<PeerProcess.Line> lines = new LinkedBlockingQueue<>();
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(c.timeoutMs() + c.graceMs());
    Deque<String[]> held = new ArrayDeque<>(); // lines that arrived before both peers were ready
    String failure = null;
    boolean timedOut = false;
    // Peers get their own TMPDIR, removed after the run: a killed browser leaves its profile there.
    Path tmp;
    try {
      tmp = Files.createTempDirectory("puredc-run-");
    } catch (IOException e) {
      return launchFailure(c, off, ans, "cannot create a temporary directory: " + e.getMessage());
    }
    try {
      try {
        off.process = start(off.role, c.offerer(), c, inNetns ? NS_OFFERER : "127.0.0.1", tmp, lines, log);
      } catch (IOException e) {
        return launchFailure(c, off, ans, "cannot start the offerer " + Peers.describeMissing(c.offerer(), e));
      }
      try {
        ans.process = start(ans.role, c.answerer(), c, inNetns ? NS_ANSWERER : "127.0.0.1", tmp, lines, log);
      } catch (IOException e) {
        return launchFailure(c, off, ans, "cannot start the answerer " + Peers.describeMissing(c.answerer(), e));
      }
      // Once one side failed, the other gets this long to finish before it is killed.
      long failedAt = 0;
      while (!(off.ended && ans.ended)) {
        long now = System.nanoTime();
        long until = deadline;
        if (failedAt != 0) {
          until = Math.min(until, failedAt + TimeUnit.MILLISECONDS.toNanos(Math.min(c.graceMs(), 3000)));
        }
        if (now >= until) {
          timedOut = now >= deadline;
          break;
        }
        PeerProcess.Line l = lines.poll(until - now, TimeUnit.NANOSECONDS);
        if (l == null) {
          continue;
        }
        Side me = l.peer() == off.process ? off : ans;
        Side other = me == off ? ans : off;
        if (l.line() == null) {
          me.ended = true;
          me.exit = me.process.exitCode(5000);
          if (me.result == null && me.error == null) {
            me.error = me.role + " exited with code " + me.exit + " without a result";
          }
        } else {
          handle(me, other, l.line(), held);
        }
        if (failedAt == 0 && (me.error != null || (me.result != null && !me.result.path("ok").asBoolean()))) {
          failedAt = System.nanoTime();
        }
        if (me.error != null && me.error.startsWith("protocol violation")) {
          break; // a peer that breaks the protocol cannot be trusted to finish: stop the run now
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      failure = "interrupted";
    } finally {
      for (Side s : List.of(off, ans)) {
        if (s.process != null) {
          if (s.process.alive()) {
            s.process.kill();
          }
          s.process.drain();
          if (s.exit == null) {
            s.exit = s.process.exitCode(0);
          }
        }
      }
      deleteTree(tmp);
    }
    return verdict(c, off, ans, failure, timedOut);
  }

  private static PeerProcess start(String role, List<String> cmd, Config c, String address, Path tmp,
      BlockingQueue<PeerProcess.Line> lines, PrintStream log) throws IOException {
    List<String> full = new ArrayList<>(cmd);
    full.addAll(List.of("--role", role, "--scenario", c.scenario()));
    c.params().forEach((k, v) -> full.addAll(List.of("--param", k + "=" + v)));
    return new PeerProcess(role, full, Map.of("PEER_ADDRESS", address, "TMPDIR", tmp.toString()), lines, log);
  }

  /** One stdout line of {@code me}: check it, forward it, or record it. */
  private static void handle(Side me, Side other, String line, Deque<String[]> held) {
    JsonNode msg;
    try {
      msg = JSON.readTree(line.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      msg = null;
    }
    String t = msg != null && msg.isObject() ? msg.path("t").asText(null) : null;
    if (t == null || !(FORWARDED.contains(t) || COORDINATOR_ONLY.contains(t))) {
      me.error = "protocol violation: " + me.role + " wrote a malformed line: " + abbreviate(line);
      return;
    }
    if (me.impl == null && !t.equals("ready")) {
      me.error = "protocol violation: " + me.role + "'s first line is not ready: " + abbreviate(line);
      return;
    }
    switch (t) {
      case "ready" -> {
        me.impl = msg.path("impl").asText(me.role);
        if (other.impl != null) {
          while (!held.isEmpty()) {
            String[] h = held.poll();
            (other.role.equals(h[0]) ? other : me).process.send(h[1]);
          }
        }
      }
      case "result" -> me.result = msg;
      case "event" -> { }
      default -> {
        me.sentDone |= t.equals("done");
        if (me.impl != null && other.impl != null) {
          other.process.send(line);
        } else {
          held.add(new String[] {other.role, line});
        }
      }
    }
  }

  private static RunResult launchFailure(Config c, Side off, Side ans, String why) {
    for (Side s : List.of(off, ans)) {
      if (s.process != null) {
        s.process.kill();
      }
    }
    RunResult r = new RunResult(c.scenario(), String.join(" ", c.offerer()), String.join(" ", c.answerer()),
        RunResult.Status.FAILED, null, null, null, why, List.of(), null, null);
    return KnownLimits.classify(r, c.netns(), c.params());
  }

  private static RunResult verdict(Config c, Side off, Side ans, String failure, boolean timedOut) {
    List<String> stalled = new ArrayList<>();
    List<String> reasons = new ArrayList<>();
    if (failure != null) {
      reasons.add(failure);
    }
    for (Side s : List.of(off, ans)) {
      if (s.error != null) {
        reasons.add(s.error);
      } else if (timedOut && s.result == null && !s.sentDone) {
        // A peer that sent done and waits for the other's done did not stall: the other one did.
        stalled.add(s.role);
      }
    }
    if (timedOut && failure == null) {
      reasons.add("timeout: killed after " + (c.timeoutMs() + c.graceMs()) + " ms; stalled: "
          + (stalled.isEmpty() ? "none named (both finished their part)" : String.join(", ", stalled)));
    }
    for (Side s : List.of(off, ans)) {
      if (s.result != null && !s.result.path("ok").asBoolean()) {
        reasons.add(s.role + ": " + s.result.path("error").asText("result not ok"));
      } else if (s.result != null && s.exit != null && s.exit != 0) {
        reasons.add(s.role + " reported ok but exited with code " + s.exit);
      }
    }
    Side receiver = receiver(c, off, ans);
    JsonNode rr = receiver.result;
    Double setup = rr != null && rr.path("setup_ms").isNumber() ? rr.path("setup_ms").asDouble() : null;
    Double ms = rr != null && rr.path("ms").isNumber() ? rr.path("ms").asDouble() : null;
    Long bytes = rr != null && rr.path("bytes").isNumber() ? rr.path("bytes").asLong() : null;
    boolean unsupported = (off.result != null && off.result.path("unsupported").asBoolean())
        || (ans.result != null && ans.result.path("unsupported").asBoolean());
    RunResult.Status status;
    if (unsupported) {
      status = RunResult.Status.UNSUPPORTED;
    } else if (reasons.isEmpty() && off.result != null && ans.result != null) {
      status = RunResult.Status.OK;
    } else {
      status = RunResult.Status.FAILED;
      if (reasons.isEmpty()) {
        reasons.add("no result from " + (off.result == null ? "the offerer" : "the answerer"));
      }
    }
    RunResult r = new RunResult(c.scenario(), off.name(), ans.name(), status, setup, ms, bytes,
        reasons.isEmpty() ? null : String.join("; ", reasons), stalled, off.result, ans.result);
    return KnownLimits.classify(r, c.netns(), c.params());
  }

  /** Whose timings count: the bulk receiver, otherwise the answerer. */
  private static Side receiver(Config c, Side off, Side ans) {
    if ("bulk".equals(c.scenario())) {
      return "offerer".equals(c.params().getOrDefault("sender", "answerer")) ? ans : off;
    }
    return ans;
  }

  private static void deleteTree(Path root) {
    try (Stream<Path> all = Files.walk(root)) {
      all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // best effort: the directory is under the system temp folder anyway
    }
  }

  private static String abbreviate(String s) {
    return s.length() <= 120 ? s : s.substring(0, 120) + "...";
  }

  static String toJson(Object o) {
    try {
      return JSON.writeValueAsString(o);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
