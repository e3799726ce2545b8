package io.puredc.conformance;

import java.util.List;
import java.util.Locale;

/**
 * Failures explained by a documented limit of an outside stack (PEER-PROTOCOL.md "Known limits",
 * and what this module measured, see README.md). A failed run that matches one is reported as
 * {@code outside-limit} with the limit's reason; every other failure stays a failure.
 */
public final class KnownLimits {

  /** Which side of the run the limited stack must be on. */
  enum Side { OFFERER, ANSWERER, EITHER, SENDER }

  /**
   * A limit: stack name prefix (as its {@code ready} line names it), scenario, side, whether it
   * only explains a stall (a timeout, not corrupt data), and the reason shown.
   */
  record Limit(String stack, String scenario, Side side, boolean stallOnly, String reason) {}

  static final List<Limit> LIMITS = List.of(
      new Limit("werift", "empty", Side.EITHER, true,
          "werift as a sender of an empty message stalls the ordered stream (the next message never"
              + " arrives); in `empty` the offerer sends and the answerer echoes empty messages"),
      new Limit("werift", "bulk", Side.SENDER, true,
          "werift's send speed collapses as its queue grows (about 1-2.5 MB/s at an 8 MiB high"
              + " watermark), so large transfers outlast the timeout"));

  private KnownLimits() {}

  /** Re-labels a failed result as an outside-stack limit when one explains it. */
  public static RunResult classify(RunResult r, boolean netns, java.util.Map<String, String> params) {
    if (r.status() != RunResult.Status.FAILED) {
      return r;
    }
    if (!netns && (isStack(r.offerer(), "chromium") || isStack(r.answerer(), "chromium"))) {
      return r.withStatus(RunResult.Status.OUTSIDE_LIMIT,
          "Chromium gathers no loopback candidates: it needs the network namespace (--netns); " + r.reason());
    }
    boolean stall = r.reason() != null && r.reason().toLowerCase(Locale.ROOT).contains("timeout");
    for (Limit l : LIMITS) {
      if (!l.scenario().equals(r.scenario()) || (l.stallOnly() && !stall)) {
        continue;
      }
      if (applies(l, r, "offerer".equals(params.getOrDefault("sender", "answerer")))) {
        return r.withStatus(RunResult.Status.OUTSIDE_LIMIT, l.reason() + " [observed: " + r.reason() + "]");
      }
    }
    return r;
  }

  private static boolean applies(Limit l, RunResult r, boolean senderIsOfferer) {
    boolean off = isStack(r.offerer(), l.stack());
    boolean ans = isStack(r.answerer(), l.stack());
    return switch (l.side()) {
      case OFFERER -> off;
      case ANSWERER -> ans;
      case EITHER -> off || ans;
      case SENDER -> senderIsOfferer ? off : ans;
    };
  }

  /** An implementation name ("werift 0.24.4", or a launcher path) belongs to {@code stack}. */
  static boolean isStack(String impl, String stack) {
    if (impl == null) {
      return false;
    }
    String first = impl.trim().split("\\s+")[0];
    String base = first.substring(first.lastIndexOf('/') + 1);
    return base.equals(stack) || base.startsWith(stack + "-");
  }
}
