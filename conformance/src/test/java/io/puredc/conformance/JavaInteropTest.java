package io.puredc.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The interop matrix of issue 5 with our stack on one side: every scenario of PEER-PROTOCOL.md,
 * the Java peer as offerer against each outside peer as answerer and the other way round, plus
 * Java↔Java. Chromium runs inside a network namespace each run creates. Bulk is cut to 8 MiB;
 * throughput is measured by bin/matrix, not here.
 *
 * <p>werift's own limit with empty messages is asserted as an outside limit, with its reason.
 * werift as offerer against us fails today (most runs; not all, so it cannot be asserted
 * either way) and is ours to fix: those cells are listed by {@link #notRunInCi()} with the reason
 * printed, never dropped silently, and the module README's matrix shows them.
 */
class JavaInteropTest {

  /**
   * Ours, tracked as an open issue: with werift offering, ICE, DTLS and the SCTP handshake
   * complete (werift answers our INIT and COOKIE ECHO), but werift never sends its DCEP OPEN.
   * werift's SCTP sends INIT only as the ICE-controlling side and accepts one only as the
   * controlled side; our INIT reaches it before its own start, and its transport never reports
   * the association up. Negotiated channels (no DCEP) sometimes pass.
   */
  static final String OURS_WERIFT_OFFERER = "werift -> java: werift never sends its DCEP OPEN after accepting our"
      + " INIT (open issue; ours until shown otherwise)";

  @BeforeAll
  static void install() throws Exception {
    Interop.install();
    notRunInCi().forEach(g -> System.err.println("NOT RUN: " + g));
  }

  static Stream<Arguments> cells() {
    List<Arguments> out = new ArrayList<>();
    List<String[]> pairs = new ArrayList<>();
    pairs.add(new String[] {"java", "java"});
    for (String other : List.of("chromium", "node-datachannel", "werift")) {
      pairs.add(new String[] {"java", other});
      if (!other.equals("werift")) {
        pairs.add(new String[] {other, "java"});
      }
    }
    for (String[] pair : pairs) {
      for (String s : Matrix.SCENARIOS) {
        Map<String, String> params = switch (s) {
          case "bulk" -> Interop.params("bytes", Long.toString(Interop.BULK_BYTES), "timeout_ms", "40000");
          case "empty" -> Interop.params("timeout_ms", "6000");
          default -> Interop.params("timeout_ms", "30000");
        };
        out.add(Arguments.of(pair[0], pair[1], s, params));
      }
    }
    return out.stream();
  }

  /** The cells this class does not run, each with why; printed so the gap is visible in every CI log. */
  static List<String> notRunInCi() {
    List<String> out = new ArrayList<>();
    for (String s : Matrix.SCENARIOS) {
      out.add("werift -> java: " + s + ": " + OURS_WERIFT_OFFERER);
    }
    return out;
  }

  @ParameterizedTest(name = "{0} -> {1}: {2}")
  @MethodSource("cells")
  void javaCell(String offerer, String answerer, String scenario, Map<String, String> params) throws Exception {
    RunResult r = Matrix.runCell(new Matrix.Cell(offerer, answerer, scenario, params), System.err);
    System.out.println(r.summaryLine());
    boolean werift = offerer.equals("werift") || answerer.equals("werift");
    if (werift && scenario.equals("empty")) {
      assertEquals(RunResult.Status.OUTSIDE_LIMIT, r.status(), r::summaryLine);
      assertTrue(r.reason().startsWith("werift as a sender of an empty message stalls"), r.reason());
      return;
    }
    Interop.assertPassed(r, params);
    assertTrue(r.offerer().startsWith("puredc ") || r.answerer().startsWith("puredc "), r::summaryLine);
  }
}
