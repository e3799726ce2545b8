package io.puredc.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FuzzerTest {
    /** A decoder with a planted bug: a length field of exactly 0x7FFF makes it index out of bounds. */
    private static void plantedBug(byte[] in) throws java.text.ParseException {
        if (in.length < 2) {
            throw new java.text.ParseException("short", 0);
        }
        int len = ByteBuffer.wrap(in).getShort() & 0xFFFF;
        if (len == 0x7FFF) {
            int[] none = new int[0];
            none[len] = 1; // the bug
        }
        if (len > in.length - 2) {
            throw new java.text.ParseException("length " + len, 0);
        }
    }

    private static final byte[] VALID = {0, 3, 'a', 'b', 'c'};

    @Test
    void findsAPlantedLengthBugAndKeepsTheInputToReplay() {
        FuzzReport r = Fuzzer.named("planted").corpus(VALID).refusedBy(java.text.ParseException.class)
                .inputs(20_000).seed(1).run(FuzzerTest::plantedBug);
        assertTrue(r.failures() > 0, r.summary());
        FuzzReport.Failure f = r.kept().get(0);
        assertTrue(f.thrown() instanceof ArrayIndexOutOfBoundsException, f.thrown().toString());
        assertThrows(ArrayIndexOutOfBoundsException.class, () -> Fuzzer.replay(f.hex(), FuzzerTest::plantedBug));
        AssertionError e = assertThrows(AssertionError.class, r::assertClean);
        assertTrue(e.getMessage().contains(f.hex()), e.getMessage());
        assertTrue(e.getMessage().contains("-Dpuredc.fuzz.seed=1"), e.getMessage());
    }

    @Test
    void countsEveryOutcomeAndEveryInput() {
        FuzzReport r = Fuzzer.named("counts").corpus(VALID).refusedBy(java.text.ParseException.class)
                .inputs(5_000).seed(2).run(in -> {
                    if (in.length % 2 == 0) {
                        throw new java.text.ParseException("even", 0);
                    }
                });
        assertEquals(5_000, r.outcomes().values().stream().mapToLong(Long::longValue).sum());
        assertTrue(r.count("ok") > 0 && r.count("ParseException") > 0, r.summary());
        assertEquals(0, r.failures());
        r.assertClean();
        assertTrue(r.summary().startsWith("fuzz counts: 5000 inputs in "), r.summary());
    }

    @Test
    void theSameSeedGivesTheSameInputsAndAnotherSeedOthers() {
        Fuzzer a = Fuzzer.named("a").corpus(VALID).seed(7);
        Fuzzer b = Fuzzer.named("b").corpus(VALID).seed(7);
        Fuzzer c = Fuzzer.named("c").corpus(VALID).seed(8);
        int differ = 0;
        for (long i = 0; i < 200; i++) {
            assertArrayEquals(a.input(i), b.input(i));
            if (!HexFormat.of().formatHex(a.input(i)).equals(HexFormat.of().formatHex(c.input(i)))) {
                differ++;
            }
        }
        assertTrue(differ > 150, "seeds 7 and 8 gave " + (200 - differ) + " equal inputs of 200");
    }

    @Test
    void mutationsStayWithinTheLengthBoundAndReachManyShapes() {
        Fuzzer f = Fuzzer.named("shapes").corpus(new byte[100], VALID).maxLength(128).seed(3);
        Set<Integer> lengths = new HashSet<>();
        Set<String> distinct = new HashSet<>();
        for (long i = 0; i < 5_000; i++) {
            byte[] in = f.input(i);
            assertTrue(in.length <= 128, "input " + i + " has " + in.length + " bytes");
            lengths.add(in.length);
            distinct.add(HexFormat.of().formatHex(in));
        }
        assertTrue(lengths.size() > 60, lengths.size() + " distinct lengths");
        assertTrue(distinct.size() > 4_000, distinct.size() + " distinct inputs of 5000");
        assertTrue(lengths.contains(0), "truncation reaches the empty input");
    }

    @Test
    void theInputCountPropertyWinsOverTheTestsOwn() {
        String before = System.getProperty(Fuzzer.INPUTS_PROPERTY);
        try {
            System.setProperty(Fuzzer.INPUTS_PROPERTY, "123");
            assertEquals(123, Fuzzer.named("p").inputs(10).inputCount());
        } finally {
            if (before == null) {
                System.clearProperty(Fuzzer.INPUTS_PROPERTY);
            } else {
                System.setProperty(Fuzzer.INPUTS_PROPERTY, before);
            }
        }
        if (before == null) {
            assertEquals(10, Fuzzer.named("q").inputs(10).inputCount());
        }
    }
}
