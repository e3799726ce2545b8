package io.puredc.sctp.rx;

import io.puredc.sctp.api.Message;
import io.puredc.sctp.packet.Bytes;
import io.puredc.sctp.types.SerialNumbers;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Turns received DATA fragments back into whole messages (RFC 9260 §6.9) and releases them in
 * stream order where the sender asked for it (§6.5, per-stream SSN), or as soon as complete
 * for unordered ones (U bit, §6.6). Fragments of one message carry consecutive TSNs, the
 * first with the B bit and the last with the E bit.
 *
 * <p>Memory is bounded by the caller: {@link #bufferedBytes()} is the payload held here, which
 * the association subtracts from its advertised receiver window and checks before accepting a
 * fragment. Totals are derived from the fragments held, never kept as a separate running sum
 * that could drift.
 *
 * <p>Payloads are views of the received packets, not copies. A message is copied exactly once,
 * into its own array when it is delivered: a single-fragment message is copied out of its
 * packet, the fragments of a longer one are joined into it (RFC 9260 §6.9). A fragment that
 * has to wait and is a small part of its packet is compacted first, so that holding it does not
 * keep the whole packet alive.
 */
public final class ReassemblyQueue {
    /** One received DATA chunk's fields; {@code tsn} unwrapped. */
    public record Fragment(long tsn, int streamId, int ssn, int ppid, boolean unordered,
            boolean beginning, boolean end, Bytes payload) {
        /** The same fragment with its payload in an array of its own. */
        Fragment compacted() {
            return new Fragment(tsn, streamId, ssn, ppid, unordered, beginning, end, payload.compact());
        }
    }

    private final Consumer<Message> deliver;
    /** Unordered fragments by TSN. */
    private final TreeMap<Long, Fragment> unordered = new TreeMap<>();
    /** Ordered fragments, per stream, by TSN. */
    private final Map<Integer, OrderedStream> streams = new HashMap<>();
    private long bufferedBytes;

    public ReassemblyQueue(Consumer<Message> deliver) {
        this.deliver = deliver;
    }

    /** Payload bytes held, not yet delivered. */
    public long bufferedBytes() {
        return bufferedBytes;
    }

    /** Adds a fragment the data tracker classified as new, and delivers whatever it completes. */
    public void add(Fragment f) {
        bufferedBytes += f.payload().length();
        if (f.unordered()) {
            unordered.put(f.tsn(), f);
            tryDeliverUnordered(f.tsn());
            keepCompact(unordered, f);
        } else {
            OrderedStream s = streams.computeIfAbsent(f.streamId(), id -> new OrderedStream());
            if (SerialNumbers.lessThan16(f.ssn(), s.nextSsn)) {
                bufferedBytes -= f.payload().length(); // a message already delivered or skipped
                return;
            }
            OrderedStream.Held m = s.add(f);
            if (f.ssn() == s.nextSsn) {
                deliverReady(s);
            }
            if (!m.taken && f.payload().pinsMuchMore()) {
                m.compact(f); // it waits: don't let it pin its packet
            }
        }
    }

    /**
     * RFC 3758 §3.6: the peer abandoned messages. Fragments at or below {@code newCumulativeTsn}
     * (the chunk's value, not the cumulative TSN it led to after absorbing what followed) that
     * are still held belong to abandoned messages and are dropped: the sender moves its ack
     * point over abandoned chunks only (§3.5 C1), so a held fragment of a live message is above
     * it. On each listed ordered stream the messages up to and including its SSN are skipped,
     * even when every fragment sent of them had already arrived (a message abandoned before its
     * last fragments were sent), and what that unblocks is delivered. Unordered fragments that
     * can no longer complete are dropped too (see {@link #dropDeadUnordered}).
     */
    public void handleForwardTsn(long newCumulativeTsn, long cumulativeTsn, Map<Integer, Integer> skippedSsnByStream) {
        removeUpTo(unordered, newCumulativeTsn);
        for (OrderedStream s : streams.values()) {
            bufferedBytes -= s.removeUpTo(newCumulativeTsn);
        }
        for (Map.Entry<Integer, Integer> skip : skippedSsnByStream.entrySet()) {
            OrderedStream s = streams.computeIfAbsent(skip.getKey(), id -> new OrderedStream());
            int ssn = skip.getValue();
            if (!SerialNumbers.lessThan16(ssn, s.nextSsn)) {
                // Also drops fragments of skipped messages that arrived above the new cum TSN.
                bufferedBytes -= s.skipThrough(ssn);
            }
        }
        for (OrderedStream s : streams.values()) {
            deliverReady(s);
        }
        // Unordered messages whose head was abandoned can never complete; any complete run
        // left is delivered.
        for (Long tsn : new ArrayList<>(unordered.keySet())) {
            if (unordered.containsKey(tsn)) {
                tryDeliverUnordered(tsn);
            }
        }
        dropDeadUnordered(cumulativeTsn);
    }

    /**
     * Drops unordered fragments whose message can never complete. A message's fragments carry
     * consecutive TSNs (RFC 9260 §6.9), so a run without its B fragment whose preceding TSN is
     * at or below the cumulative TSN, or without its E fragment whose following TSN is, lacks a
     * TSN that has arrived as something else or was abandoned: the rest was abandoned (RFC 3758)
     * before it was sent. Without this they would hold receive window for ever.
     */
    private void dropDeadUnordered(long cumulativeTsn) {
        List<long[]> dead = new ArrayList<>();
        long first = -1;
        Fragment prev = null;
        for (Map.Entry<Long, Fragment> e : unordered.headMap(cumulativeTsn, true).entrySet()) {
            Fragment f = e.getValue();
            boolean continues = prev != null && f.tsn() == prev.tsn() + 1 && !prev.end() && !f.beginning();
            if (!continues) {
                if (prev != null) {
                    dead.add(new long[] {first, prev.tsn()}); // ends without E, and its next TSN has passed
                }
                first = f.tsn();
            }
            prev = f;
        }
        if (prev != null && (prev.tsn() < cumulativeTsn || !unordered.get(first).beginning())) {
            dead.add(new long[] {first, prev.tsn()});
        }
        for (long[] run : dead) {
            Map<Long, Fragment> part = unordered.subMap(run[0], true, run[1], true);
            for (Fragment f : part.values()) {
                bufferedBytes -= f.payload().length();
            }
            part.clear();
        }
    }

    /**
     * RFC 6525 §5.2.2: the peer reset its outgoing streams; once every TSN up to its last
     * assigned one has arrived (the caller checks that), the next expected SSN is 0 again.
     */
    public void resetStreams(Iterable<Integer> streamIds) {
        for (int id : streamIds) {
            OrderedStream s = streams.get(id);
            if (s != null) {
                s.nextSsn = 0;
                deliverReady(s);
            }
        }
    }

    /** Resets every stream (the peer reset all of its outgoing streams). */
    public void resetAllStreams() {
        resetStreams(new ArrayList<>(streams.keySet()));
    }

    /** Whether a stream holds fragments that wait for earlier ones. */
    public boolean hasPending(int streamId) {
        OrderedStream s = streams.get(streamId);
        return s != null && !s.isEmpty();
    }

    /** Drops the fragments at or below {@code tsn}; true when there were any. */
    private boolean removeUpTo(TreeMap<Long, Fragment> map, long tsn) {
        Map<Long, Fragment> head = map.headMap(tsn, true);
        if (head.isEmpty()) {
            return false;
        }
        for (Fragment f : head.values()) {
            bufferedBytes -= f.payload().length();
        }
        head.clear();
        return true;
    }

    /** An unordered fragment that stays held is copied out of its packet if it pins much more than itself. */
    private static void keepCompact(TreeMap<Long, Fragment> held, Fragment f) {
        if (f.payload().pinsMuchMore() && held.get(f.tsn()) == f) {
            held.put(f.tsn(), f.compacted());
        }
    }

    private void tryDeliverUnordered(long tsn) {
        // Walk back to the B fragment and forward to the E fragment over consecutive TSNs.
        long first = tsn;
        Fragment f = unordered.get(first);
        while (!f.beginning()) {
            Fragment prev = unordered.get(first - 1);
            if (prev == null || prev.end()) {
                return;
            }
            first--;
            f = prev;
        }
        long last = tsn;
        Fragment l = unordered.get(last);
        while (!l.end()) {
            Fragment next = unordered.get(last + 1);
            if (next == null || next.beginning()) {
                return;
            }
            last++;
            l = next;
        }
        emit(unordered, first, last);
    }

    /**
     * Delivers the stream's next messages while they are complete. What has arrived of each
     * message is kept with it ({@link OrderedStream.Held}), so a fragment costs O(1) here
     * instead of a walk over the message's fragments (RFC 9260 §6.5, §6.9).
     */
    private void deliverReady(OrderedStream s) {
        OrderedStream.Held m;
        while ((m = s.takeNextIfComplete()) != null) {
            List<Fragment> parts = m.inOrder();
            deliver(parts.get(0), parts, (int) m.bytes);
        }
    }

    private void emit(TreeMap<Long, Fragment> map, long first, long last) {
        Map<Long, Fragment> parts = map.subMap(first, true, last, true);
        int size = 0;
        for (Fragment f : parts.values()) {
            size += f.payload().length();
        }
        deliver(map.get(first), parts.values(), size);
        parts.clear();
    }

    /**
     * Delivers one message of {@code size} bytes: a single fragment is copied out of its packet,
     * several are joined in TSN order (RFC 9260 §6.9). Either way this is the message's one copy.
     */
    private void deliver(Fragment head, Iterable<Fragment> parts, int size) {
        byte[] payload;
        if (head.end()) {
            payload = head.payload().toByteArray();
        } else {
            payload = new byte[size];
            int at = 0;
            for (Fragment f : parts) {
                f.payload().copyTo(payload, at);
                at += f.payload().length();
            }
        }
        bufferedBytes -= size;
        deliver.accept(new Message(head.streamId(), head.ppid(), payload));
    }
}
