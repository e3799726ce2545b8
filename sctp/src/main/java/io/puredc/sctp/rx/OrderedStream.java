package io.puredc.sctp.rx;

import io.puredc.sctp.rx.ReassemblyQueue.Fragment;
import io.puredc.sctp.types.SerialNumbers;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * One ordered stream's messages held by the {@link ReassemblyQueue}, by SSN (RFC 9260 §6.5), each
 * with the fragments that have arrived of it. A fragment goes straight to its message: there is
 * no ordered map of every fragment by TSN to maintain and walk, since a message's fragments
 * carry consecutive TSNs (§6.9) and are sorted only when they arrived out of order.
 */
final class OrderedStream {
    /** The messages held, by SSN. */
    private final Map<Integer, Held> messages = new HashMap<>();
    /** The message the last fragment went to: the next fragment nearly always goes there too. */
    private Held recent;
    int nextSsn;

    /** Adds a fragment of a message not yet delivered; returns its message. */
    Held add(Fragment f) {
        Held m = recent;
        if (m == null || m.ssn != f.ssn()) {
            m = messages.computeIfAbsent(f.ssn(), Held::new);
            recent = m;
        }
        m.add(f);
        return m;
    }

    /** The next message in order if all of its fragments are held, taken out of the stream; else null. */
    Held takeNextIfComplete() {
        Held m = recent != null && recent.ssn == nextSsn ? recent : messages.get(nextSsn);
        if (m == null || !m.complete()) {
            return null;
        }
        messages.remove(m.ssn);
        m.taken = true;
        if (recent == m) {
            recent = null;
        }
        nextSsn = (nextSsn + 1) & 0xFFFF;
        return m;
    }

    boolean isEmpty() {
        return messages.isEmpty();
    }

    /** RFC 3758 §3.6: drops the fragments at or below {@code tsn}; returns their payload bytes. */
    long removeUpTo(long tsn) {
        long removed = 0;
        for (Iterator<Held> it = messages.values().iterator(); it.hasNext(); ) {
            Held m = it.next();
            removed += m.removeUpTo(tsn);
            if (m.fragments.isEmpty()) {
                it.remove();
            }
        }
        recent = null;
        return removed;
    }

    /** RFC 3758 §3.6: drops the messages up to and including {@code ssn}; returns their payload bytes. */
    long skipThrough(int ssn) {
        long removed = 0;
        for (Iterator<Held> it = messages.values().iterator(); it.hasNext(); ) {
            Held m = it.next();
            if (!SerialNumbers.greaterThan16(m.ssn, ssn)) {
                removed += m.bytes;
                it.remove();
            }
        }
        recent = null;
        nextSsn = (ssn + 1) & 0xFFFF;
        return removed;
    }

    /**
     * One ordered message's arrived fragments: how many, their bytes, and the TSNs of its B and E
     * fragments, so that completeness is O(1) per fragment: a message is complete when its B and
     * E fragments are both held and so are all the TSNs between them.
     */
    static final class Held {
        final int ssn;
        final List<Fragment> fragments = new ArrayList<>(4);
        long first;
        long last;
        boolean hasFirst;
        boolean hasLast;
        long bytes;
        /** Whether the fragments arrived in TSN order (the common case: no sort before the join). */
        boolean ascending = true;
        /** Taken out of the stream to be delivered or dropped. */
        boolean taken;

        Held(int ssn) {
            this.ssn = ssn;
        }

        void add(Fragment f) {
            if (!fragments.isEmpty() && fragments.get(fragments.size() - 1).tsn() > f.tsn()) {
                ascending = false;
            }
            fragments.add(f);
            bytes += f.payload().length();
            if (f.beginning()) {
                first = f.tsn();
                hasFirst = true;
            }
            if (f.end()) {
                last = f.tsn();
                hasLast = true;
            }
        }

        boolean complete() {
            return hasFirst && hasLast && last >= first && fragments.size() == last - first + 1;
        }

        /** The fragments in TSN order. */
        List<Fragment> inOrder() {
            if (!ascending) {
                fragments.sort((a, b) -> Long.compare(a.tsn(), b.tsn()));
                ascending = true;
            }
            return fragments;
        }

        /** Replaces {@code f} (the very instance) by its compacted copy. */
        void compact(Fragment f) {
            for (int k = fragments.size() - 1; k >= 0; k--) {
                if (fragments.get(k) == f) {
                    fragments.set(k, f.compacted());
                    return;
                }
            }
        }

        long removeUpTo(long tsn) {
            long removed = 0;
            for (Iterator<Fragment> it = fragments.iterator(); it.hasNext(); ) {
                Fragment f = it.next();
                if (f.tsn() <= tsn) {
                    removed += f.payload().length();
                    it.remove();
                }
            }
            if (removed > 0) {
                recount();
            }
            return removed;
        }

        private void recount() {
            List<Fragment> left = new ArrayList<>(fragments);
            fragments.clear();
            hasFirst = false;
            hasLast = false;
            bytes = 0;
            ascending = true;
            for (Fragment f : left) {
                add(f);
            }
        }
    }
}
