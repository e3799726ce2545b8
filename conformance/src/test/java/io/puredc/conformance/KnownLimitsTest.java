package io.puredc.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Only a failure that a documented limit explains becomes outside-limit; nothing else does. */
class KnownLimitsTest {

  private static RunResult failed(String scenario, String off, String ans, String reason) {
    return new RunResult(scenario, off, ans, RunResult.Status.FAILED, null, null, null, reason, List.of(), null, null);
  }

  @Test
  void weriftEmptyStallIsItsLimitInEitherRole() {
    for (String[] pair : new String[][] {{"werift 0.24.4", "node-datachannel 0.33.4"}, {"chromium 156", "werift 0.24.4"}}) {
      RunResult r = KnownLimits.classify(failed("empty", pair[0], pair[1], "offerer: timeout after 8000 ms"), true, Map.of());
      assertEquals(RunResult.Status.OUTSIDE_LIMIT, r.status());
      assertTrue(r.reason().startsWith("werift as a sender of an empty message stalls"), r.reason());
      assertTrue(r.reason().contains("[observed: offerer: timeout after 8000 ms]"), r.reason());
    }
  }

  @Test
  void corruptDataIsNeverExplainedByAStallLimit() {
    RunResult r = KnownLimits.classify(failed("empty", "werift 0.24.4", "java 0.1", "offerer: message 0: expected binary(0), got string(1)"), false, Map.of());
    assertEquals(RunResult.Status.FAILED, r.status());
  }

  @Test
  void otherStacksAndScenariosStayFailures() {
    assertEquals(RunResult.Status.FAILED, KnownLimits.classify(
        failed("empty", "node-datachannel 0.33.4", "java 0.1", "timeout"), false, Map.of()).status());
    assertEquals(RunResult.Status.FAILED, KnownLimits.classify(
        failed("close", "werift 0.24.4", "node-datachannel 0.33.4", "timeout"), false, Map.of()).status());
  }

  @Test
  void weriftBulkSpeedLimitOnlyWhenWeriftSends() {
    RunResult asSender = KnownLimits.classify(failed("bulk", "java 0.1", "werift 0.24.4", "timeout"), false, Map.of());
    assertEquals(RunResult.Status.OUTSIDE_LIMIT, asSender.status());
    RunResult asReceiver = KnownLimits.classify(failed("bulk", "java 0.1", "werift 0.24.4", "timeout"), false,
        Map.of("sender", "offerer"));
    assertEquals(RunResult.Status.FAILED, asReceiver.status());
  }

  @Test
  void chromiumOutsideTheNamespaceIsItsLimitInsideItIsNot() {
    RunResult outside = KnownLimits.classify(failed("echo", "chromium 156", "werift 0.24.4", "timeout"), false, Map.of());
    assertEquals(RunResult.Status.OUTSIDE_LIMIT, outside.status());
    assertTrue(outside.reason().contains("needs the network namespace"), outside.reason());
    RunResult inside = KnownLimits.classify(failed("echo", "chromium 156", "node-datachannel 0.33.4", "timeout"), true, Map.of());
    assertEquals(RunResult.Status.FAILED, inside.status());
  }

  @Test
  void passesAreNeverTouched() {
    RunResult ok = new RunResult("empty", "werift 0.24.4", "x", RunResult.Status.OK, 1.0, 2.0, null, null, List.of(), null, null);
    assertEquals(ok, KnownLimits.classify(ok, false, Map.of()));
  }
}
