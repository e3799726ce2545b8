package io.puredc.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The coordinator's own behaviour, with tiny scripted peer programs (src/test/resources/scripted). */
class CoordinatorTest {

  private final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
  private final PrintStream log = new PrintStream(logBytes, true, StandardCharsets.UTF_8);

  static String script(String name) {
    return "sh " + Path.of("src/test/resources/scripted", name).toAbsolutePath();
  }

  private RunResult run(String offerer, String answerer, long timeoutMs, long graceMs) {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("timeout_ms", Long.toString(timeoutMs));
    return Coordinator.run(new Coordinator.Config(Peers.command(offerer), Peers.command(answerer), "echo",
        params, false, graceMs), false, log);
  }

  @Test
  void forwardsSignallingVerbatimHoldsItUntilBothReadyAndCollectsResults() {
    RunResult r = run(script("forward-offerer.sh"), script("forward-answerer.sh"), 10_000, 1000);
    assertEquals(RunResult.Status.OK, r.status(), () -> r.summaryLine() + "\n" + logBytes);
    assertEquals("scripted-offerer 1", r.offerer());
    assertEquals("scripted-answerer 2", r.answerer());
    // Timings are the answerer's (the receiver outside bulk).
    assertEquals(2.5, r.setupMs());
    assertEquals(7.25, r.ms());
    assertNull(r.reason());
    assertTrue(r.summaryLine().startsWith("scenario=echo offerer=\"scripted-offerer 1\" answerer=\"scripted-answerer 2\""
        + " status=ok setup_ms=2.5 ms=7.3"), r.summaryLine());
  }

  /**
   * The deadline counts from the peers' launch, and the peer that did its part must have said so
   * by then or it is named too: 3.5 s, not 1.5 s, so that starting two shells on a loaded machine
   * never eats it.
   */
  @Test
  void killsBothPastTheTimeoutAndNamesThePeerThatStalled() {
    long t0 = System.nanoTime();
    RunResult r = run(script("ok-then-wait.sh"), script("stall.sh"), 3000, 500);
    long ms = (System.nanoTime() - t0) / 1_000_000;
    assertEquals(RunResult.Status.FAILED, r.status());
    assertEquals(List.of("answerer"), r.stalled());
    assertTrue(r.reason().contains("stalled: answerer"), r.reason());
    assertTrue(ms >= 3400 && ms < 12_000, "killed after " + ms + " ms");
  }

  @Test
  void bothStalledAreBothNamed() {
    RunResult r = run(script("stall.sh"), script("stall.sh"), 500, 300);
    assertEquals(List.of("offerer", "answerer"), r.stalled());
    assertEquals(RunResult.Status.FAILED, r.status());
  }

  @Test
  void aMalformedLineFailsTheRunAtOnceAndNamesThePeer() {
    long t0 = System.nanoTime();
    RunResult r = run(script("ok-then-wait.sh"), script("malformed.sh"), 60_000, 5000);
    assertEquals(RunResult.Status.FAILED, r.status());
    assertTrue(r.reason().contains("answerer wrote a malformed line: hello, this is not JSON"), r.reason());
    assertTrue((System.nanoTime() - t0) / 1_000_000 < 10_000, "the run stopped at the bad line");
  }

  @Test
  void anUnknownLineTypeOrAMissingReadyIsAProtocolViolation() {
    RunResult unknown = run(script("unknown-type.sh"), script("ok-then-wait.sh"), 60_000, 5000);
    assertTrue(unknown.reason().contains("offerer wrote a malformed line: {\"t\":\"bogus\"}"), unknown.reason());
    RunResult notReady = run(script("ok-then-wait.sh"), script("not-ready-first.sh"), 60_000, 5000);
    assertTrue(notReady.reason().contains("answerer's first line is not ready"), notReady.reason());
  }

  @Test
  void aPeerThatDiesWithoutAResultFailsTheRun() {
    RunResult r = run(script("exit-7.sh"), script("ok-then-wait.sh"), 60_000, 2000);
    assertEquals(RunResult.Status.FAILED, r.status());
    assertTrue(r.reason().contains("offerer exited with code 7 without a result"), r.reason());
  }

  @Test
  void anOkResultWithANonZeroExitIsNotAPass() {
    RunResult r = run(script("ok-but-exit-1.sh"), script("ok-then-wait.sh"), 10_000, 1000);
    assertEquals(RunResult.Status.FAILED, r.status());
    assertTrue(r.reason().contains("offerer reported ok but exited with code 1"), r.reason());
  }

  @Test
  void unsupportedIsReportedAsSuch() {
    RunResult r = run(script("unsupported.sh"), script("ok-then-wait.sh"), 10_000, 1000);
    assertEquals(RunResult.Status.UNSUPPORTED, r.status());
    assertEquals(3, r.status().exitCode());
  }

  @Test
  void passesTheProtocolArgumentsAndLoopbackAddress() {
    runArgs(Coordinator.run(argsConfig(false), false, log), "no");
  }

  @Test
  void netnsRunsInsideAFreshNamespaceWithTheVethAddresses() {
    runArgs(NetNs.run(argsConfig(true), log), "yes");
  }

  private static Coordinator.Config argsConfig(boolean netns) {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("k", "v");
    params.put("timeout_ms", "5000");
    return new Coordinator.Config(Peers.command(script("args-and-env.sh")), Peers.command(script("args-and-env.sh")),
        "echo", params, netns, 1000);
  }

  private void runArgs(RunResult r, String netns) {
    assertEquals(RunResult.Status.OK, r.status(), () -> r.summaryLine() + "\n" + logBytes);
    assertEquals(netns, r.offererResult().path("detail").path("netns").asText());
    assertEquals(netns, r.answererResult().path("detail").path("netns").asText());
  }

  @Test
  void eachRunGetsItsOwnTmpdirRemovedEvenWhenThePeerIsKilled(@TempDir Path dir) throws Exception {
    Path marker = dir.resolve("marker");
    Map<String, String> params = new LinkedHashMap<>();
    params.put("marker", marker.toString());
    // Long enough (from launch) for the waiter to say done and the staller to write its marker under load.
    params.put("timeout_ms", "3000");
    RunResult r = Coordinator.run(new Coordinator.Config(Peers.command(script("tmpdir-then-stall.sh")),
        Peers.command(script("ok-then-wait.sh")), "echo", params, false, 300), false, log);
    assertEquals(List.of("offerer"), r.stalled());
    Path tmp = Path.of(java.nio.file.Files.readString(marker).trim());
    assertTrue(tmp.getFileName().toString().startsWith("puredc-run-"), tmp.toString());
    assertTrue(!java.nio.file.Files.exists(tmp), tmp + " was left behind");
  }

  @Test
  void aMissingJavaPeerLauncherIsAFailureWithItsReasonNotASkip(@TempDir Path dir) {
    RunResult r = run(dir.resolve("java-peer").toString(), script("ok-then-wait.sh"), 5000, 500);
    assertEquals(RunResult.Status.FAILED, r.status());
    assertTrue(r.reason().contains("not built yet (the Java peer program comes with the peer module)"), r.reason());
  }
}
