package io.puredc.sctp.tx;

import java.util.ArrayList;
import java.util.List;

/**
 * Sorted, disjoint, inclusive ranges of unwrapped TSNs, as {@code long[]{first, last}}: the
 * gap ack blocks of a SACK made absolute (RFC 9260 §3.3.4), and the set arithmetic that lets
 * {@link OutstandingData} look only at what changed from one SACK to the next.
 */
final class TsnRanges {
    private TsnRanges() {}

    /**
     * The ranges clipped to {@code [min, max]}, sorted, with overlapping or touching ranges
     * merged and empty ones dropped: a peer's gap blocks are not trusted to be well formed.
     */
    static List<long[]> normalize(List<long[]> ranges, long min, long max) {
        if (ranges.isEmpty()) {
            return List.of(); // the common case: a SACK without gap blocks
        }
        List<long[]> clipped = new ArrayList<>(ranges.size());
        for (long[] r : ranges) {
            long from = Math.max(r[0], min);
            long to = Math.min(r[1], max);
            if (from <= to) {
                clipped.add(new long[] {from, to});
            }
        }
        if (!isDisjointAscending(clipped)) {
            clipped.sort((a, b) -> Long.compare(a[0], b[0]));
        }
        List<long[]> out = new ArrayList<>(clipped.size());
        for (long[] r : clipped) {
            long[] last = out.isEmpty() ? null : out.get(out.size() - 1);
            if (last != null && r[0] <= last[1] + 1) {
                last[1] = Math.max(last[1], r[1]);
            } else {
                out.add(new long[] {r[0], r[1]});
            }
        }
        return out;
    }

    private static boolean isDisjointAscending(List<long[]> ranges) {
        for (int k = 1; k < ranges.size(); k++) {
            if (ranges.get(k)[0] <= ranges.get(k - 1)[1]) {
                return false;
            }
        }
        return true;
    }

    /** The TSNs in {@code a} and not in {@code b}, both normalized. */
    static List<long[]> minus(List<long[]> a, List<long[]> b) {
        if (a.isEmpty() || b.isEmpty()) {
            return a; // ranges are never changed once made, so a may be shared
        }
        List<long[]> out = new ArrayList<>();
        int j = 0;
        for (long[] r : a) {
            long from = r[0];
            while (j < b.size() && b.get(j)[1] < from) {
                j++;
            }
            int k = j;
            while (from <= r[1]) {
                if (k >= b.size() || b.get(k)[0] > r[1]) {
                    out.add(new long[] {from, r[1]});
                    break;
                }
                long[] cut = b.get(k);
                if (cut[0] > from) {
                    out.add(new long[] {from, cut[0] - 1});
                }
                from = Math.max(from, cut[1] + 1);
                k++;
            }
        }
        return out;
    }

    /** The TSNs of {@code [from, to]} that no range covers. */
    static List<long[]> holes(long from, long to, List<long[]> ranges) {
        List<long[]> span = new ArrayList<>(1);
        if (from <= to) {
            span.add(new long[] {from, to});
        }
        return minus(span, ranges);
    }
}
