package io.puredc.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The benchmark of issue 5 ("Performance"): {@code bulk} throughput and setup time of several pairs,
 * side by side in one run, each pair {@code --runs} times, and a table of medians with the method.
 *
 * <pre>
 * Bench [--runs 3] [--pairs a:b,...] [--param k=v ...]
 * </pre>
 *
 * <p>A pair {@code a:b} means: {@code a} offers and sends, {@code b} answers and receives
 * ({@code sender=offerer} unless {@code --param sender=...} says otherwise). Runs are interleaved
 * (round 1 of every pair, then round 2, ...) so that a change in machine load hits every pair alike.
 * MB/s is the receiver's (decimal megabytes over its measured {@code ms}, PEER-PROTOCOL.md); setup is
 * the offerer's {@code setup_ms}: from the start of its offer to its first channel open. Chromium pairs
 * run in the coordinator's network namespace, the others on loopback. Not a test: it asserts nothing
 * and exits 1 only if a run failed.
 */
public final class Bench {

  /** The pairs issue 5 names, in its order, data flowing from offerer to answerer. */
  public static final List<String> DEFAULT_PAIRS = List.of(
      "java:java", "java:chromium", "chromium:chromium", "java:werift", "werift:werift",
      "java:node-datachannel", "node-datachannel:node-datachannel");

  /** 32 MiB: long enough to dwarf start-up noise, short enough for werift's slow sender (~2.5 MB/s). */
  static final String DEFAULT_BYTES = Long.toString(32L << 20);

  private Bench() {}

  /** One pair's runs. */
  record Series(String offerer, String answerer, List<RunResult> runs) {
    List<Double> mbPerSecond() {
      return runs.stream().filter(r -> r.status() == RunResult.Status.OK).map(RunResult::mbPerSecond)
          .filter(v -> v != null).toList();
    }

    /** The answerer's (offer arrival to open) or the offerer's (offer start to open) setup_ms. */
    List<Double> setupMs(boolean offererSide) {
      List<Double> out = new ArrayList<>();
      for (RunResult r : runs) {
        JsonNode result = offererSide ? r.offererResult() : r.answererResult();
        JsonNode s = result == null ? null : result.get("setup_ms");
        if (r.status() == RunResult.Status.OK && s != null && s.isNumber()) {
          out.add(s.asDouble());
        }
      }
      return out;
    }

    String impl(boolean offererSide) {
      for (RunResult r : runs) {
        String v = offererSide ? r.offerer() : r.answerer();
        if (v != null && !v.contains("/")) {
          return v;
        }
      }
      return offererSide ? offerer : answerer;
    }

    long ok() {
      return runs.stream().filter(r -> r.status() == RunResult.Status.OK).count();
    }
  }

  public static void main(String[] args) {
    int runs = 3;
    List<String> pairs = DEFAULT_PAIRS;
    List<String> params = new ArrayList<>();
    try {
      for (int i = 0; i < args.length; i++) {
        String v = i + 1 < args.length ? args[i + 1] : null;
        switch (args[i]) {
          case "--runs" -> { runs = Integer.parseInt(need(v, "--runs")); i++; }
          case "--pairs" -> { pairs = Arrays.asList(need(v, "--pairs").split(",")); i++; }
          case "--param" -> { params.add(need(v, "--param")); i++; }
          default -> throw new IllegalArgumentException("unknown argument " + args[i]);
        }
      }
      if (runs < 1) {
        throw new IllegalArgumentException("--runs must be at least 1");
      }
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage()
          + "\nusage: bench [--runs N] [--pairs offerer:answerer,...] [--param k=v ...]");
      System.exit(2);
      return;
    }
    Map<String, String> p = new LinkedHashMap<>(Matrix.paramsFor("bulk", params));
    p.putIfAbsent("bytes", DEFAULT_BYTES);
    p.putIfAbsent("sender", "offerer");
    List<Series> series = new ArrayList<>();
    for (String pair : pairs) {
      String[] oa = pair.split(":");
      if (oa.length != 2) {
        System.err.println("--pairs wants offerer:answerer, got " + pair);
        System.exit(2);
      }
      series.add(new Series(oa[0], oa[1], new ArrayList<>()));
    }
    Instant started = Instant.now();
    double[] loadBefore = load();
    for (int round = 1; round <= runs; round++) {
      for (Series s : series) {
        RunResult r = Matrix.runCell(new Matrix.Cell(s.offerer(), s.answerer(), "bulk", p), System.err);
        s.runs().add(r);
        System.out.println("round " + round + ": " + r.summaryLine());
        System.out.flush();
      }
    }
    double[] loadAfter = load();
    System.out.println();
    System.out.print(report(series, p, runs, started, Instant.now(), loadBefore, loadAfter));
    boolean failed = series.stream().anyMatch(s -> s.ok() < s.runs().size());
    System.exit(failed ? 1 : 0);
  }

  private static String need(String v, String flag) {
    if (v == null) {
      throw new IllegalArgumentException(flag + " needs a value");
    }
    return v;
  }

  /** The table, the method and the gaps to issue 5's goals, as Markdown. */
  static String report(List<Series> series, Map<String, String> params, int runs, Instant from, Instant to,
                       double[] loadBefore, double[] loadAfter) {
    StringBuilder b = new StringBuilder();
    b.append("| offerer → answerer | sender | runs ok | MB/s median (min–max) | answerer setup_ms median (min–max)")
        .append(" | offerer setup_ms median (min–max) |\n");
    b.append("|---|---|---|---|---|---|\n");
    for (Series s : series) {
      b.append("| ").append(s.impl(true)).append(" → ").append(s.impl(false))
          .append(" | ").append(params.get("sender"))
          .append(" | ").append(s.ok()).append('/').append(s.runs().size())
          .append(" | ").append(summary(s.mbPerSecond()))
          .append(" | ").append(summary(s.setupMs(false)))
          .append(" | ").append(summary(s.setupMs(true))).append(" |\n");
    }
    b.append('\n');
    b.append("Method: bin/bench, ").append(runs).append(" runs per pair, interleaved (one round of every pair,")
        .append(" then the next); scenario bulk with ").append(params.toString().replaceAll("[{}]", ""))
        .append(" (other parameters at PEER-PROTOCOL.md defaults). MB/s = receiver's bytes / receiver's ms")
        .append(" (decimal MB). Setup: the answerer's setup_ms runs from the offer's arrival to its first channel")
        .append(" open (answer, ICE, DTLS, SCTP, DCEP); the offerer's from the start of its offer, which includes")
        .append(" waiting for the answerer process to say ready (the coordinator holds the offer until then), so")
        .append(" it depends on how long the other process takes to start. Each run starts fresh peer processes")
        .append(" (Java: warmed up before `ready` unless PUREDC_WARMUP=0, see JavaPeer's StackWarmUp; the Java")
        .append(" results say detail.warm_process). Chromium pairs in")
        .append(" the coordinator's network namespace, the rest on 127.0.0.1. ")
        .append(Runtime.getRuntime().availableProcessors()).append(" cores, Java ")
        .append(System.getProperty("java.version")).append(", ")
        .append(from.truncatedTo(ChronoUnit.SECONDS)).append(" to ").append(to.truncatedTo(ChronoUnit.SECONDS))
        .append(", load average ").append(fmt(loadBefore[0])).append(" before, ")
        .append(fmt(loadAfter[0])).append(" after.\n");
    b.append('\n').append(goals(series));
    return b.toString();
  }

  /** Issue 5's goals, each with the measured numbers and the gap. */
  static String goals(List<Series> series) {
    StringBuilder b = new StringBuilder("Goals (issue 5):\n");
    Series javaJava = find(series, "java", "java");
    Double jj = javaJava == null ? null : median(javaJava.mbPerSecond());
    String fastestName = null;
    Double fastest = null;
    for (Series s : series) {
      boolean outsideSameStack = s.offerer().equals(s.answerer()) && !s.offerer().equals("java");
      Double m = median(s.mbPerSecond());
      if (outsideSameStack && m != null && (fastest == null || m > fastest)) {
        fastest = m;
        fastestName = s.offerer();
      }
    }
    b.append("* Java↔Java ≥ fastest outside same-stack pair");
    if (jj != null && fastest != null) {
      b.append(String.format(Locale.ROOT, " (%s, %.1f MB/s): Java↔Java %.1f MB/s, %s (%.0f%%)%n", fastestName,
          fastest, jj, jj >= fastest ? "met" : "NOT met", 100 * jj / fastest));
    } else {
      b.append(": not measured in this run\n");
    }
    Series javaChromium = find(series, "java", "chromium");
    Series chromiumChromium = find(series, "chromium", "chromium");
    Double jc = javaChromium == null ? null : median(javaChromium.mbPerSecond());
    Double cc = chromiumChromium == null ? null : median(chromiumChromium.mbPerSecond());
    b.append("* Java→Chromium ≥ Chromium→Chromium");
    if (jc != null && cc != null) {
      b.append(String.format(Locale.ROOT, ": %.1f vs %.1f MB/s, %s (%.0f%%)%n", jc, cc,
          jc >= cc ? "met" : "NOT met", 100 * jc / cc));
    } else {
      b.append(": not measured in this run\n");
    }
    Double setup = javaJava == null ? null : median(javaJava.setupMs(false));
    b.append("* Java↔Java setup ≤ 100 ms on loopback");
    if (setup != null) {
      b.append(String.format(Locale.ROOT, ": answerer's median %.1f ms (offer in to open), %s%n", setup,
          setup <= 100 ? "met" : "NOT met"));
    } else {
      b.append(": not measured in this run\n");
    }
    return b.toString();
  }

  private static Series find(List<Series> series, String offerer, String answerer) {
    return series.stream().filter(s -> s.offerer().equals(offerer) && s.answerer().equals(answerer))
        .findFirst().orElse(null);
  }

  static Double median(List<Double> values) {
    if (values.isEmpty()) {
      return null;
    }
    List<Double> v = values.stream().sorted().toList();
    int n = v.size();
    return n % 2 == 1 ? v.get(n / 2) : (v.get(n / 2 - 1) + v.get(n / 2)) / 2;
  }

  static String summary(List<Double> values) {
    Double m = median(values);
    if (m == null) {
      return "-";
    }
    double min = values.stream().mapToDouble(Double::doubleValue).min().orElse(m);
    double max = values.stream().mapToDouble(Double::doubleValue).max().orElse(m);
    return String.format(Locale.ROOT, "%.1f (%.1f–%.1f)", m, min, max);
  }

  private static String fmt(double v) {
    return v < 0 ? "?" : String.format(Locale.ROOT, "%.2f", v);
  }

  /** The 1/5/15-minute load averages from /proc/loadavg, or -1 where unknown. */
  private static double[] load() {
    try {
      String[] f = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim().split("\\s+");
      return new double[] {Double.parseDouble(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2])};
    } catch (Exception e) {
      return new double[] {-1, -1, -1};
    }
  }
}
