package io.puredc.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Cell expansion, per-scenario params, peer names (java included) and the table. */
class MatrixTest {

  @Test
  void peersExpandToOrderedPairsAndScenarioParamsApplyOnlyToTheirScenario() throws Exception {
    List<Matrix.Cell> cells = Matrix.parse(new String[] {"--peers", "werift,java", "--scenarios", "echo,bulk",
        "--param", "timeout_ms=9000", "--param", "bulk.bytes=1024"});
    assertEquals(4, cells.size());
    assertEquals(new Matrix.Cell("werift", "java", "echo", Map.of("timeout_ms", "9000")), cells.get(0));
    assertEquals(new Matrix.Cell("werift", "java", "bulk", Map.of("timeout_ms", "9000", "bytes", "1024")), cells.get(1));
    assertEquals("java", cells.get(2).offerer());
    assertEquals(9, Matrix.parse(new String[] {"--peers", "a,b,c", "--self", "--scenarios", "echo"}).size());
    assertEquals(Matrix.SCENARIOS.size(), Matrix.parse(new String[] {"--pairs", "werift:chromium"}).size());
  }

  @Test
  void chromiumCellsRunInTheNamespaceAndJavaHasItsReservedLauncher() {
    assertTrue(new Matrix.Cell("chromium-mdns", "werift", "echo", Map.of()).netns());
    assertTrue(!new Matrix.Cell("werift", "java", "echo", Map.of()).netns());
    assertTrue(Peers.command("java").get(0).endsWith("conformance/bin/java-peer"), Peers.command("java").toString());
    assertEquals(List.of("--mdns"), Peers.command("chromium-mdns").subList(1, 2));
  }

  @Test
  void theTableShowsALimitWithItsReason() {
    List<Matrix.Cell> cells = List.of(new Matrix.Cell("werift", "node-datachannel", "empty", Map.of()),
        new Matrix.Cell("werift", "node-datachannel", "bulk", Map.of("bytes", "8388608")));
    List<RunResult> results = List.of(
        new RunResult("empty", "werift 0.24.4", "node-datachannel 0.33.4", RunResult.Status.OUTSIDE_LIMIT, 1.0, null,
            null, "werift stalls", List.of(), null, null),
        new RunResult("bulk", "werift 0.24.4", "node-datachannel 0.33.4", RunResult.Status.OK, 12.0, 1000.0,
            8_000_000L, null, List.of(), null, null));
    String t = Matrix.table(cells, results);
    assertTrue(t.contains("outside-limit"), t);
    assertTrue(t.contains("werift stalls"), t);
    assertTrue(t.contains("bytes=8388608"), t);
    assertTrue(t.contains("8.0"), t); // 8 MB in one second
  }
}
