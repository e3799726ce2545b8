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
 * werift and node-datachannel, the real npm stacks, paired with each other on loopback: every
 * scenario of PEER-PROTOCOL.md in both role directions. Proves both adapters (and the
 * coordinator) before the Java peer exists. Bulk is cut to 8 MiB to keep the run short.
 */
class OutsidePairsInteropTest {

  @BeforeAll
  static void install() throws Exception {
    Interop.install();
  }

  static Stream<Arguments> cells() {
    List<Arguments> out = new ArrayList<>();
    for (String[] pair : new String[][] {{"werift", "node-datachannel"}, {"node-datachannel", "werift"}}) {
      for (String s : Matrix.SCENARIOS) {
        out.add(Arguments.of(pair[0], pair[1], s, Interop.cellParams(s)));
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0} -> {1}: {2}")
  @MethodSource("cells")
  void outsidePair(String offerer, String answerer, String scenario, Map<String, String> params) throws Exception {
    RunResult r = Interop.runOutsidePair(new Matrix.Cell(offerer, answerer, scenario, params));
    System.out.println(r.summaryLine());
    if (scenario.equals("empty")) {
      // werift is on both sides of these pairs, and in `empty` both sides send empty messages.
      assertEquals(RunResult.Status.OUTSIDE_LIMIT, r.status(), r::summaryLine);
      assertTrue(r.reason().startsWith("werift as a sender of an empty message stalls"), r.reason());
      return;
    }
    Interop.assertPassed(r, params);
  }
}
