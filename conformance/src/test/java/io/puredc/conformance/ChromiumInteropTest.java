package io.puredc.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Debian's headless Chromium against node-datachannel inside a network namespace that each run
 * creates (veth 10.233.0.1/10.233.0.2), in both role directions; and once with Chromium's host
 * candidates left as mDNS names.
 */
class ChromiumInteropTest {

  @BeforeAll
  static void install() throws Exception {
    Interop.install();
  }

  static Stream<Arguments> cells() {
    List<Arguments> out = new ArrayList<>();
    for (String[] pair : new String[][] {{"chromium", "node-datachannel"}, {"node-datachannel", "chromium"}}) {
      for (String s : List.of("echo", "bulk", "many", "close", "negotiated")) {
        Map<String, String> params = s.equals("bulk")
            ? Interop.params("bytes", Long.toString(Interop.BULK_BYTES), "timeout_ms", "30000")
            : Interop.params("timeout_ms", "30000");
        out.add(Arguments.of(pair[0], pair[1], s, params));
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0} -> {1}: {2}")
  @MethodSource("cells")
  void chromiumInNamespace(String offerer, String answerer, String scenario, Map<String, String> params)
      throws Exception {
    RunResult r = Interop.runOutsidePair(new Matrix.Cell(offerer, answerer, scenario, params));
    System.out.println(r.summaryLine());
    Interop.assertPassed(r, params);
    var chromium = offerer.equals("chromium") ? r.offererResult() : r.answererResult();
    assertTrue(r.offerer().startsWith("chromium ") || r.answerer().startsWith("chromium "), r::summaryLine);
    // Host candidates as IP addresses (the namespace's default route makes Chromium gather them).
    assertTrue(chromium.path("detail").path("local_candidates").asInt() >= 1, chromium::toString);
    assertEquals(0, chromium.path("detail").path("local_mdns_candidates").asInt(), chromium::toString);
  }

  @Test
  void mdnsHostCandidatesStillConnect() throws Exception {
    Map<String, String> params = Interop.params("timeout_ms", "30000");
    RunResult r = Interop.runOutsidePair(new Matrix.Cell("chromium-mdns", "node-datachannel", "echo", params));
    System.out.println(r.summaryLine());
    Interop.assertPassed(r, params);
    assertTrue(r.offerer().endsWith("(mDNS)"), r.offerer());
    // Every host candidate Chromium sent was an mDNS name, and the connection came up anyway.
    var detail = r.offererResult().path("detail");
    assertTrue(detail.path("local_mdns_candidates").asInt() >= 1, detail::toString);
    assertEquals(detail.path("local_candidates").asInt(), detail.path("local_mdns_candidates").asInt(), detail::toString);
  }
}
