package io.puredc.sctp.tx;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class TsnRangesTest {
    private static List<long[]> ranges(long... bounds) {
        List<long[]> out = new ArrayList<>();
        for (int i = 0; i < bounds.length; i += 2) {
            out.add(new long[] {bounds[i], bounds[i + 1]});
        }
        return out;
    }

    private static Set<Long> members(List<long[]> ranges) {
        Set<Long> s = new TreeSet<>();
        for (long[] r : ranges) {
            for (long t = r[0]; t <= r[1]; t++) {
                s.add(t);
            }
        }
        return s;
    }

    private static String show(List<long[]> ranges) {
        StringBuilder b = new StringBuilder();
        for (long[] r : ranges) {
            b.append('[').append(r[0]).append(',').append(r[1]).append(']');
        }
        return b.toString();
    }

    @Test
    void malformedGapBlocksAreClippedSortedAndMerged() {
        assertEquals("[5,9][12,12]", show(TsnRanges.normalize(ranges(8, 9, 12, 30, 1, 6, 7, 7, 20, 3), 5, 12)));
    }

    @Test
    void differenceAndHoles() {
        assertEquals("[1,2][8,10]", show(TsnRanges.minus(ranges(1, 10), ranges(3, 7, 11, 12))));
        assertEquals("[4,4][7,9]", show(TsnRanges.holes(4, 9, ranges(5, 6))));
    }

    /** The set arithmetic agrees with sets of TSNs for any input, malformed or not. */
    @Property(tries = 300)
    void rangeArithmeticMatchesSets(@ForAll @Size(max = 6) List<@IntRange(min = 0, max = 40) Integer> a,
            @ForAll @Size(max = 6) List<@IntRange(min = 0, max = 40) Integer> b) {
        List<long[]> ra = new ArrayList<>();
        for (int k = 0; k + 1 < a.size(); k += 2) {
            ra.add(new long[] {a.get(k), a.get(k + 1)});
        }
        List<long[]> rb = new ArrayList<>();
        for (int k = 0; k + 1 < b.size(); k += 2) {
            rb.add(new long[] {b.get(k), b.get(k + 1)});
        }
        List<long[]> na = TsnRanges.normalize(ra, 3, 35);
        List<long[]> nb = TsnRanges.normalize(rb, 3, 35);
        Set<Long> sa = members(ra);
        sa.removeIf(t -> t < 3 || t > 35);
        assertEquals(sa, members(na));
        for (int k = 1; k < na.size(); k++) {
            assertEquals(true, na.get(k)[0] > na.get(k - 1)[1] + 1, "disjoint, ascending, not touching");
        }
        Set<Long> diff = new TreeSet<>(members(na));
        diff.removeAll(members(nb));
        assertEquals(diff, members(TsnRanges.minus(na, nb)));
    }
}
