package io.puredc.fuzz;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What one fuzz run found: outcome counts (ok, each declared refusal, each failure type), the
 * rate, and the first failing inputs in hex with their index and the seed.
 */
public record FuzzReport(String name, long seed, long inputs, long nanos, Map<String, Long> outcomes,
                         long failures, List<Failure> kept) {

    /** A failing input: its index in the run, its bytes in hex, what it threw. */
    public record Failure(long index, String hex, Throwable thrown) {
    }

    public FuzzReport {
        outcomes = Map.copyOf(outcomes);
        kept = List.copyOf(kept);
    }

    public double inputsPerSecond() {
        return nanos == 0 ? 0 : inputs / (nanos / 1e9);
    }

    public long count(String outcome) {
        return outcomes.getOrDefault(outcome, 0L);
    }

    /** One line: {@code fuzz NAME: N inputs in S s (R inputs/s), seed X; ok=.. Refusal=.. failures=..}. */
    public String summary() {
        String counts = outcomes.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey().replace(' ', '_') + "=" + e.getValue())
                .collect(Collectors.joining(" "));
        return String.format("fuzz %s: %d inputs in %.2f s (%.0f inputs/s), seed %d; %s failures=%d",
                name, inputs, nanos / 1e9, inputsPerSecond(), seed, counts, failures);
    }

    /** Prints {@link #summary()} on stdout (a benchmark's number, never an assertion) and returns this. */
    public FuzzReport print() {
        System.out.println(summary());
        return this;
    }

    /** Fails with the first failing input and how to reproduce it, or returns this when there was none. */
    public FuzzReport assertClean() {
        if (failures == 0) {
            return this;
        }
        Failure f = kept.get(0);
        AssertionError e = new AssertionError(summary() + "\nfirst failure at input " + f.index()
                + " (reproduce with -D" + Fuzzer.SEED_PROPERTY + "=" + seed + ", or Fuzzer.replay of the hex): "
                + f.thrown() + "\ninput hex: " + f.hex());
        e.initCause(f.thrown());
        throw e;
    }
}
