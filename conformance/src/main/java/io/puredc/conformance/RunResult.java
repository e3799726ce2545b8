package io.puredc.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Locale;

/**
 * The outcome of one coordinator run (one matrix cell). Timings are the receiver's, as
 * PEER-PROTOCOL.md says: the bulk receiver, else the answerer (it receives the offerer's data).
 */
public record RunResult(
    String scenario,
    String offerer,
    String answerer,
    Status status,
    Double setupMs,
    Double ms,
    Long bytes,
    String reason,
    List<String> stalled,
    JsonNode offererResult,
    JsonNode answererResult) {

  /** The verdicts of a run; {@code OUTSIDE_LIMIT} is a failure explained by a documented outside-stack limit. */
  public enum Status {
    OK("ok", 0),
    FAILED("failed", 1),
    UNSUPPORTED("unsupported", 3),
    OUTSIDE_LIMIT("outside-limit", 4);

    private final String label;
    private final int exitCode;

    Status(String label, int exitCode) {
      this.label = label;
      this.exitCode = exitCode;
    }

    public String label() {
      return label;
    }

    public int exitCode() {
      return exitCode;
    }
  }

  /** Decimal megabytes per second of the measured part, when the run moved bytes. */
  public Double mbPerSecond() {
    if (bytes == null || ms == null || ms <= 0 || !"bulk".equals(scenario)) {
      return null;
    }
    return bytes / 1e6 / (ms / 1000.0);
  }

  public RunResult withStatus(Status newStatus, String newReason) {
    return new RunResult(scenario, offerer, answerer, newStatus, setupMs, ms, bytes, newReason, stalled,
        offererResult, answererResult);
  }

  /** One line per run: scenario, both implementations, verdict, timings (and the reason when not ok). */
  public String summaryLine() {
    StringBuilder b = new StringBuilder();
    b.append("scenario=").append(scenario)
        .append(" offerer=\"").append(offerer).append('"')
        .append(" answerer=\"").append(answerer).append('"')
        .append(" status=").append(status.label());
    b.append(" setup_ms=").append(format(setupMs));
    b.append(" ms=").append(format(ms));
    if (mbPerSecond() != null) {
      b.append(" MB/s=").append(format(mbPerSecond()));
    }
    if (reason != null) {
      b.append(" reason=\"").append(reason.replace('"', '\'').replace('\n', ' ')).append('"');
    }
    return b.toString();
  }

  static String format(Double v) {
    return v == null ? "-" : String.format(Locale.ROOT, "%.1f", v);
  }
}
