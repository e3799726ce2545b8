package io.puredc.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/** Shared checks of real interop runs: what each scenario's results must show beyond "ok". */
final class Interop {

  static final long BULK_BYTES = 8L << 20;

  private Interop() {}

  /** Runs the install script (idempotent): a missing outside stack gets installed, never skipped. */
  static void install() throws Exception {
    Process p = new ProcessBuilder("bash", Peers.moduleDir().resolve("bin/install-peers.sh").toString())
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertEquals(0, p.waitFor(), "install-peers.sh failed:\n" + out);
    assertEquals("", out, "install-peers.sh must be quiet when it succeeds");
  }

  static Map<String, String> params(String... kv) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }

  /**
   * The parameters every matrix cell runs with: bulk cut to {@link #BULK_BYTES}, and `empty` given
   * 15 s, since a stack that cannot send an empty message stalls at once and need not be waited on
   * the full 30 s. Not less: the coordinator kills both peers at timeout_ms + 5 s counted from their
   * launch, so that budget also pays for starting Chromium in its namespace and the Java peer's JVM
   * and warm-up, which take several seconds on a loaded machine (6 s left 11 s for all of it).
   */
  static Map<String, String> cellParams(String scenario) {
    return switch (scenario) {
      case "bulk" -> params("bytes", Long.toString(BULK_BYTES), "timeout_ms", "40000");
      case "empty" -> params("timeout_ms", "15000");
      default -> params("timeout_ms", "30000");
    };
  }

  /** SHA-256 of the first {@code n} bytes of the protocol's pattern, byte i = (i * 31 + 7) & 0xff. */
  static String patternSha256(long n) throws Exception {
    byte[] block = new byte[1 << 16]; // a multiple of the pattern's 256-byte period
    for (int i = 0; i < block.length; i++) {
      block[i] = (byte) (i * 31 + 7);
    }
    MessageDigest md = MessageDigest.getInstance("SHA-256");
    for (long done = 0; done < n; done += block.length) {
      md.update(block, 0, (int) Math.min(block.length, n - done));
    }
    return HexFormat.of().formatHex(md.digest());
  }

  /**
   * Runs a cell between two outside stacks, neither of them ours. These cells prove the adapters
   * and the coordinator; the outside stacks' own pairing flakes are not ours to fix (libdatachannel
   * offering to Chromium loses its ICE transport about once in 15 runs: "Got a remote candidate
   * without ICE transport", still after 5 s of retries), so a FAILED run is printed with its reason
   * and run once more. Cells with our stack (JavaInteropTest) never retry.
   */
  static RunResult runOutsidePair(Matrix.Cell cell) {
    RunResult r = Matrix.runCell(cell, System.err);
    if (r.status() == RunResult.Status.FAILED) {
      System.out.println("RETRIED once (outside pair, not our stack): " + r.summaryLine());
      r = Matrix.runCell(cell, System.err);
    }
    return r;
  }

  /** A passing run must also carry the numbers its scenario promises. */
  static void assertPassed(RunResult r, Map<String, String> params) throws Exception {
    assertEquals(RunResult.Status.OK, r.status(), r::summaryLine);
    JsonNode off = r.offererResult();
    JsonNode ans = r.answererResult();
    assertTrue(off.path("setup_ms").isNumber() && ans.path("setup_ms").isNumber(), r::summaryLine);
    switch (r.scenario()) {
      case "echo" -> assertEquals(12, off.path("detail").path("messages").asInt(), off::toString);
      case "empty" -> assertEquals(3, off.path("detail").path("messages").asInt(), off::toString);
      case "bulk" -> {
        long bytes = Long.parseLong(params.getOrDefault("bytes", "67108864"));
        JsonNode recv = "offerer".equals(params.get("sender")) ? ans : off;
        assertEquals("receiver", recv.path("detail").path("role").asText(), recv::toString);
        assertEquals(bytes, recv.path("bytes").asLong());
        assertEquals(patternSha256(bytes), recv.path("sha256").asText());
        assertTrue(r.mbPerSecond() != null && r.mbPerSecond() > 0, r::summaryLine);
      }
      case "unordered" -> assertEquals(2000, ans.path("detail").path("received").asInt(), ans::toString);
      case "partial", "lifetime" -> {
        int got = ans.path("detail").path("received").asInt();
        assertTrue(got > 0 && got <= 2000, ans::toString);
        assertEquals(2000 - got, ans.path("detail").path("lost").asInt(), ans::toString);
      }
      case "many" -> {
        int n = Integer.parseInt(params.getOrDefault("n", "128"));
        assertEquals(n, ans.path("detail").path("closed").asInt(), ans::toString);
        assertEquals(n, ans.path("detail").path("echoed").asInt(), ans::toString);
      }
      case "negotiated" -> assertEquals(7, ans.path("detail").path("id").asInt(), ans::toString);
      case "large" -> assertEquals(262144, ans.path("bytes").asInt(), ans::toString);
      case "close" -> assertTrue(off.path("detail").path("y_open").asBoolean(), off::toString);
      default -> throw new AssertionError("no checks for " + r.scenario());
    }
  }
}
