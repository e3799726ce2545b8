package io.puredc.conformance;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs a list of (offerer, answerer, scenario, params) cells through the coordinator, one after
 * another, and prints a table. Cells with Chromium on either side run in a network namespace.
 * A cell that fails for a documented outside-stack limit shows {@code outside-limit} and the
 * reason; no cell is skipped (a missing launcher, such as {@code java} before the peer module
 * exists, is a failure with that reason).
 *
 * <pre>
 * Matrix [--peers a,b,...] [--self] [--pairs off:ans,...] [--scenarios all|s1,s2,...]
 *        [--param k=v | --param scenario.k=v ...] [--cells FILE]
 * </pre>
 * {@code --peers} makes every ordered pair of distinct peers ({@code --self} adds same-stack
 * pairs). A cells file has one {@code offerer answerer scenario [k=v ...]} per line, # comments.
 * Exit code 0 when no cell failed (outside-limit and unsupported cells do not fail the matrix).
 */
public final class Matrix {

  public static final List<String> SCENARIOS = List.of(
      "echo", "empty", "bulk", "unordered", "partial", "lifetime", "many", "negotiated", "large", "close");

  /** One cell; peers are names from {@link Peers} or command lines. */
  public record Cell(String offerer, String answerer, String scenario, Map<String, String> params) {
    public boolean netns() {
      return Peers.needsNetns(offerer) || Peers.needsNetns(answerer);
    }
  }

  private Matrix() {}

  public static void main(String[] args) throws IOException {
    List<Cell> cells;
    try {
      cells = parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    List<RunResult> results = run(cells, System.err, System.out);
    System.out.println();
    System.out.print(table(cells, results));
    boolean failed = results.stream().anyMatch(r -> r.status() == RunResult.Status.FAILED);
    System.exit(failed ? 1 : 0);
  }

  static List<Cell> parse(String[] args) throws IOException {
    List<String> peers = new ArrayList<>();
    List<String[]> pairs = new ArrayList<>();
    List<String> scenarios = SCENARIOS;
    List<String> params = new ArrayList<>();
    List<Cell> cells = new ArrayList<>();
    boolean self = false;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      String v = i + 1 < args.length ? args[i + 1] : null;
      switch (a) {
        case "--peers" -> { peers.addAll(Arrays.asList(need(v, a).split(","))); i++; }
        case "--pairs" -> {
          for (String p : need(v, a).split(",")) {
            String[] oa = p.split(":");
            if (oa.length != 2) {
              throw new IllegalArgumentException("--pairs wants offerer:answerer, got " + p);
            }
            pairs.add(oa);
          }
          i++;
        }
        case "--self" -> self = true;
        case "--scenarios" -> {
          scenarios = need(v, a).equals("all") ? SCENARIOS : Arrays.asList(v.split(","));
          i++;
        }
        case "--param" -> { params.add(need(v, a)); i++; }
        case "--cells" -> { cells.addAll(readCells(Path.of(need(v, a)))); i++; }
        default -> throw new IllegalArgumentException("unknown argument " + a);
      }
    }
    for (String o : peers) {
      for (String an : peers) {
        if (self || !o.equals(an)) {
          pairs.add(new String[] {o, an});
        }
      }
    }
    for (String[] p : pairs) {
      for (String s : scenarios) {
        cells.add(new Cell(p[0], p[1], s, paramsFor(s, params)));
      }
    }
    if (cells.isEmpty()) {
      throw new IllegalArgumentException("no cells: give --peers, --pairs or --cells");
    }
    return cells;
  }

  private static String need(String v, String flag) {
    if (v == null) {
      throw new IllegalArgumentException(flag + " needs a value");
    }
    return v;
  }

  /** {@code k=v} applies to every scenario, {@code scenario.k=v} to that scenario only. */
  static Map<String, String> paramsFor(String scenario, List<String> params) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String kv : params) {
      int eq = kv.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("--param wants key=value, got " + kv);
      }
      String k = kv.substring(0, eq);
      int dot = k.indexOf('.');
      if (dot < 0) {
        out.putIfAbsent(k, kv.substring(eq + 1));
      } else if (k.substring(0, dot).equals(scenario)) {
        out.put(k.substring(dot + 1), kv.substring(eq + 1));
      }
    }
    return out;
  }

  static List<Cell> readCells(Path file) throws IOException {
    List<Cell> cells = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      String l = line.replaceAll("#.*", "").trim();
      if (l.isEmpty()) {
        continue;
      }
      String[] f = l.split("\\s+");
      if (f.length < 3) {
        throw new IllegalArgumentException("cell needs offerer answerer scenario: " + line);
      }
      cells.add(new Cell(f[0], f[1], f[2], paramsFor(f[2], Arrays.asList(f).subList(3, f.length))));
    }
    return cells;
  }

  /** Runs the cells in order; each cell's summary line goes to {@code progress} as it ends. */
  public static List<RunResult> run(List<Cell> cells, PrintStream log, PrintStream progress) {
    List<RunResult> out = new ArrayList<>();
    for (Cell c : cells) {
      RunResult r = runCell(c, log);
      if (progress != null) {
        progress.println(r.summaryLine());
        progress.flush();
      }
      out.add(r);
    }
    return out;
  }

  public static RunResult runCell(Cell c, PrintStream log) {
    Coordinator.Config cfg = new Coordinator.Config(Peers.command(c.offerer()), Peers.command(c.answerer()),
        c.scenario(), c.params(), c.netns(), 5000);
    return c.netns() ? NetNs.run(cfg, log) : Coordinator.run(cfg, false, log);
  }

  /** A plain-text table: one row per cell, the reason for anything that is not ok. */
  public static String table(List<Cell> cells, List<RunResult> results) {
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"offerer", "answerer", "scenario", "params", "status", "setup_ms", "ms", "MB/s", "reason"});
    for (int i = 0; i < cells.size(); i++) {
      Cell c = cells.get(i);
      RunResult r = results.get(i);
      rows.add(new String[] {
          label(c.offerer(), r.offerer()), label(c.answerer(), r.answerer()), c.scenario(),
          c.params().isEmpty() ? "-" : c.params().toString().replaceAll("[{} ]", ""),
          r.status().label(), RunResult.format(r.setupMs()), RunResult.format(r.ms()),
          RunResult.format(r.mbPerSecond()), r.reason() == null ? "" : r.reason()});
    }
    int[] w = new int[rows.get(0).length - 1];
    for (String[] row : rows) {
      for (int j = 0; j < w.length; j++) {
        w[j] = Math.max(w[j], row[j].length());
      }
    }
    StringBuilder b = new StringBuilder();
    for (String[] row : rows) {
      for (int j = 0; j < w.length; j++) {
        b.append(String.format(Locale.ROOT, "%-" + w[j] + "s  ", row[j]));
      }
      b.append(row[w.length]).append('\n');
    }
    return b.toString();
  }

  /** The version a peer announced when it got that far, else the name the cell gave. */
  private static String label(String name, String impl) {
    return impl != null && !impl.contains("/") ? impl : name;
  }
}
