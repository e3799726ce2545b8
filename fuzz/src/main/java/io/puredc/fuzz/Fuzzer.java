package io.puredc.fuzz;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A seeded mutation fuzzer for decoders that take bytes from a remote party. Each input is a
 * corpus entry mutated by a stack of havoc-style mutations (see {@link Mutator}), or, for a share
 * of the inputs, random bytes. The target either accepts the input, throws one of its declared
 * refusal types (counted by simple name), or fails: anything else is kept with the input so the
 * same seed, or {@link #replay}, reproduces it.
 *
 * <p>Input {@code i} depends only on the seed and {@code i}, so a failure at index 812,311 of a
 * run of 10^6 is reproduced by the same seed whatever the run length.
 */
public final class Fuzzer {
    /** What is fuzzed: decode (and whatever else the program checks) one input. */
    @FunctionalInterface
    public interface Target {
        void accept(byte[] input) throws Exception;
    }

    public static final String INPUTS_PROPERTY = "puredc.fuzz.inputs";
    public static final String SEED_PROPERTY = "puredc.fuzz.seed";
    /** How many failing inputs a report keeps (every failure is counted). */
    static final int KEPT_FAILURES = 5;

    private final String name;
    private final List<byte[]> corpus = new ArrayList<>();
    private final List<Class<? extends Throwable>> refusals = new ArrayList<>();
    private long inputs = 10_000;
    private long seed = 0x5EED_CAFEL;
    private int maxLength = 4096;
    private double randomShare = 0.1;

    private Fuzzer(String name) {
        this.name = name;
    }

    /** A fuzz program called {@code name} (the report's first word). */
    public static Fuzzer named(String name) {
        return new Fuzzer(name);
    }

    /** Seeds to mutate: golden vectors, captures, valid encodings. */
    public Fuzzer corpus(List<byte[]> entries) {
        for (byte[] e : entries) {
            corpus.add(e.clone());
        }
        return this;
    }

    public Fuzzer corpus(byte[]... entries) {
        return corpus(Arrays.asList(entries));
    }

    /** The exceptions the decoder throws on bad input by contract; anything else is a failure. */
    @SafeVarargs
    public final Fuzzer refusedBy(Class<? extends Throwable>... types) {
        refusals.addAll(Arrays.asList(types));
        return this;
    }

    /** The input count unless {@value #INPUTS_PROPERTY} names another (the documented full run). */
    public Fuzzer inputs(long defaultCount) {
        this.inputs = Long.getLong(INPUTS_PROPERTY, defaultCount);
        if (inputs <= 0) {
            throw new IllegalArgumentException("inputs must be positive");
        }
        return this;
    }

    /** The seed unless {@value #SEED_PROPERTY} names another. */
    public Fuzzer seed(long defaultSeed) {
        this.seed = Long.getLong(SEED_PROPERTY, defaultSeed);
        return this;
    }

    /** Mutated inputs are cut to this many bytes (the decoder's own bound is usually smaller). */
    public Fuzzer maxLength(int bytes) {
        if (bytes <= 0) {
            throw new IllegalArgumentException("maxLength must be positive");
        }
        this.maxLength = bytes;
        return this;
    }

    /** The share of inputs that are random bytes rather than mutated corpus entries. */
    public Fuzzer randomShare(double share) {
        if (share < 0 || share > 1) {
            throw new IllegalArgumentException("share must be in 0..1");
        }
        this.randomShare = share;
        return this;
    }

    long inputCount() {
        return inputs;
    }

    /** Input {@code index} of this fuzzer's run, as {@link #run} feeds it. */
    public byte[] input(long index) {
        SplittableRandom rnd = new SplittableRandom(seed ^ (index * 0x9E3779B97F4A7C15L));
        if (corpus.isEmpty() || rnd.nextDouble() < randomShare) {
            byte[] b = new byte[rnd.nextInt(Math.min(maxLength, 512) + 1)];
            for (int i = 0; i < b.length; i++) {
                b[i] = (byte) rnd.nextInt(256);
            }
            return b;
        }
        return Mutator.mutate(corpus.get(rnd.nextInt(corpus.size())), corpus, rnd, maxLength);
    }

    /** Runs every input through {@code target} and reports what happened; it never throws for a finding. */
    public FuzzReport run(Target target) {
        Map<String, Long> outcomes = new LinkedHashMap<>();
        outcomes.put("ok", 0L);
        for (Class<? extends Throwable> r : refusals) {
            outcomes.put(r.getSimpleName(), 0L);
        }
        List<FuzzReport.Failure> kept = new ArrayList<>();
        long failures = 0;
        long start = System.nanoTime();
        for (long i = 0; i < inputs; i++) {
            byte[] in = input(i);
            byte[] copy = in.clone(); // the target may take the array over and change it
            String outcome;
            try {
                target.accept(in);
                outcome = "ok";
            } catch (Throwable t) {
                outcome = refusal(t);
                if (outcome == null) {
                    failures++;
                    if (kept.size() < KEPT_FAILURES) {
                        kept.add(new FuzzReport.Failure(i, HexFormat.of().formatHex(copy), t));
                    }
                    if (t instanceof VirtualMachineError vm && !(t instanceof OutOfMemoryError)) {
                        throw vm; // the JVM itself is broken; nothing more can be learnt
                    }
                    outcome = "FAILED " + t.getClass().getSimpleName();
                }
            }
            outcomes.merge(outcome, 1L, Long::sum);
        }
        return new FuzzReport(name, seed, inputs, System.nanoTime() - start, outcomes, failures, kept);
    }

    private String refusal(Throwable t) {
        for (Class<? extends Throwable> r : refusals) {
            if (r.isInstance(t)) {
                return r.getSimpleName();
            }
        }
        return null;
    }

    /** Feeds one input, given in hex as a report prints it, to {@code target}: the reproduction of a failure. */
    public static void replay(String hex, Target target) throws Exception {
        target.accept(HexFormat.of().parseHex(hex));
    }
}
