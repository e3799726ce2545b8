package io.puredc.sctp.types;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The unwrapper must turn a wrapping sequence back into the true one (up to a constant), however
 * often it wraps, as long as every value is within half the number space of the largest so far.
 */
class UnwrapperTest {

    @Provide
    Arbitrary<List<Integer>> tsnSteps() {
        return Arbitraries.integers().between(-(1 << 30), 1 << 30).list().ofMaxSize(200);
    }

    @Provide
    Arbitrary<List<Integer>> ssnSteps() {
        return Arbitraries.integers().between(-(1 << 14), 1 << 14).list().ofMaxSize(200);
    }

    @Property
    void tsnRandomWalksUnwrapToTheTrueSequence(@ForAll int start, @ForAll("tsnSteps") List<Integer> steps) {
        checkWalk(Unwrapper.forTsn(), 32, Integer.toUnsignedLong(start), steps);
    }

    @Property
    void ssnRandomWalksUnwrapToTheTrueSequence(@ForAll("ssnStart") int start,
                                               @ForAll("ssnSteps") List<Integer> steps) {
        checkWalk(Unwrapper.forSsn(), 16, start, steps);
    }

    @Provide
    Arbitrary<Integer> ssnStart() {
        return Arbitraries.integers().between(0, 0xFFFF);
    }

    private static void checkWalk(Unwrapper u, int bits, long start, List<Integer> steps) {
        long half = 1L << (bits - 1);
        long mask = (1L << bits) - 1;
        long offset = u.unwrap((int) (start & mask)) - start;
        assertEquals(0, offset, "the first value unwraps to itself");
        long truth = start;
        long largest = start;
        for (int step : steps) {
            truth += step;
            if (largest - truth > half) {
                continue; // outside the window the unwrapper promises to handle
            }
            int wrapped = (int) (truth & mask);
            long peeked = u.peek(wrapped);
            long unwrapped = u.unwrap(wrapped);
            assertEquals(truth, unwrapped, () -> "wrapped " + Integer.toUnsignedString(wrapped));
            assertEquals(unwrapped, peeked, "peek agrees with unwrap");
            assertEquals(wrapped, u.wrap(unwrapped));
            largest = Math.max(largest, truth);
        }
    }

    @Example
    void tsnsCountingThroughTheWrapStayIncreasing() {
        Unwrapper u = Unwrapper.forTsn();
        Tsn tsn = new Tsn(0xFFFF_FFF0);
        long previous = u.unwrap(tsn);
        for (int i = 0; i < 40; i++) {
            tsn = tsn.next();
            long next = u.unwrap(tsn);
            assertEquals(previous + 1, next);
            previous = next;
        }
        assertEquals(0xFFFF_FFF0L + 40, previous);
    }

    @Example
    void oldValuesStayBehindAfterTheWrap() {
        Unwrapper u = Unwrapper.forSsn();
        long before = u.unwrap(new Ssn(65530));
        long after = u.unwrap(new Ssn(5));
        assertTrue(after > before);
        // A late duplicate of the old value unwraps to where it was, not to the next cycle.
        assertEquals(before, u.unwrap(new Ssn(65530)));
        assertEquals(65536 + 5, after);
    }

    @Example
    void peekDoesNotMoveTheReference() {
        Unwrapper u = Unwrapper.forTsn();
        u.unwrap(0);
        // Peeking 2^31 - 1 ahead is fine, but must not make 2^31 + 10 look "near".
        assertEquals((1L << 31) - 1, u.peek(Integer.MAX_VALUE));
        assertEquals(-(1L << 31) + 10, u.peek(Integer.MIN_VALUE + 10));
    }
}
