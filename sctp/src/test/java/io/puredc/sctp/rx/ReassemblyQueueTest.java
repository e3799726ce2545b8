package io.puredc.sctp.rx;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.puredc.sctp.api.Message;
import io.puredc.sctp.packet.Bytes;
import io.puredc.sctp.rx.ReassemblyQueue.Fragment;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReassemblyQueueTest {
    private final List<Message> delivered = new ArrayList<>();
    private final ReassemblyQueue q = new ReassemblyQueue(delivered::add);

    private static Fragment ordered(long tsn, int sid, int ssn, boolean b, boolean e, String data) {
        return new Fragment(tsn, sid, ssn, 53, false, b, e, inPacket(data));
    }

    private static Fragment unordered(long tsn, int sid, boolean b, boolean e, String data) {
        return new Fragment(tsn, sid, 0, 53, true, b, e, inPacket(data));
    }

    /** The payload as the parser hands it out: a view of a range inside a larger packet. */
    private static Bytes inPacket(String data) {
        byte[] d = data.getBytes();
        byte[] packet = new byte[28 + d.length + 3];
        java.util.Arrays.fill(packet, (byte) '#');
        System.arraycopy(d, 0, packet, 28, d.length);
        return Bytes.adopt(packet, 28, d.length);
    }

    private List<String> texts() {
        List<String> out = new ArrayList<>();
        for (Message m : delivered) {
            out.add(new String(m.payload()));
        }
        return out;
    }

    @Test
    void orderedMessagesWaitForTheirPredecessorRfc9260Section65() {
        q.add(ordered(11, 1, 1, true, true, "second"));
        assertEquals(List.of(), texts());
        assertEquals(6, q.bufferedBytes());
        q.add(ordered(10, 1, 0, true, true, "first"));
        assertEquals(List.of("first", "second"), texts());
        assertEquals(0, q.bufferedBytes());
    }

    @Test
    void fragmentsAreJoinedInTsnOrderRfc9260Section69() {
        q.add(ordered(3, 0, 0, false, true, "c"));
        q.add(ordered(1, 0, 0, true, false, "a"));
        assertEquals(List.of(), texts());
        q.add(ordered(2, 0, 0, false, false, "b"));
        assertEquals(List.of("abc"), texts());
    }

    @Test
    void fragmentsHeldFromLargePacketsAreJoinedIntactAndDeliveredInArraysOfTheirOwn() {
        // A packet of 1,000 bytes whose DATA payloads are two bytes each: a waiting fragment is
        // compacted out of it, a deliverable one copied straight into its message.
        byte[] packet = new byte[1000];
        packet[100] = 'x';
        packet[101] = 'y';
        packet[200] = 'z';
        packet[201] = 'w';
        q.add(new Fragment(8, 0, 1, 53, false, true, true, Bytes.adopt(packet, 200, 2)));
        q.add(new Fragment(6, 0, 0, 53, false, true, false, Bytes.adopt(packet, 100, 2)));
        q.add(unordered(11, 0, false, true, "!"));
        q.add(new Fragment(10, 0, 0, 53, true, true, false, Bytes.adopt(packet, 200, 1)));
        assertEquals(List.of("z!"), texts());
        java.util.Arrays.fill(packet, (byte) 0); // not allowed of a caller; shows that nothing held aliases it
        q.add(ordered(7, 0, 0, false, true, "-tail"));
        assertEquals(List.of("z!", "xy-tail", "zw"), texts());
        assertEquals(0, q.bufferedBytes());
    }

    @Test
    void streamsAreIndependent() {
        q.add(ordered(2, 2, 1, true, true, "s2-second"));
        q.add(ordered(3, 3, 0, true, true, "s3-first"));
        assertEquals(List.of("s3-first"), texts());
    }

    @Test
    void unorderedMessagesAreDeliveredAsSoonAsCompleteRfc9260Section66() {
        q.add(unordered(5, 1, false, true, "y"));
        q.add(unordered(7, 1, true, true, "z"));
        assertEquals(List.of("z"), texts());
        q.add(unordered(4, 1, true, false, "x"));
        assertEquals(List.of("z", "xy"), texts());
    }

    @Test
    void forwardTsnSkipsAbandonedOrderedMessagesRfc3758Section36() {
        q.add(ordered(1, 0, 0, true, false, "lost-head?"));
        q.add(ordered(4, 0, 1, true, true, "after"));
        assertEquals(List.of(), texts());
        q.handleForwardTsn(3, 3, Map.of(0, 0));
        assertEquals(List.of("after"), texts());
        assertEquals(0, q.bufferedBytes());
    }

    @Test
    void forwardTsnSkipsAnAbandonedMessageWhoseSentFragmentsAllArrivedRfc3758Section36() {
        // SSN 0 was abandoned after its first two fragments were sent; both arrived, so the
        // FORWARD TSN does not move the cumulative TSN, yet the stream must move on.
        q.add(ordered(1, 0, 0, true, false, "a"));
        q.add(ordered(2, 0, 0, false, false, "b"));
        q.add(ordered(3, 0, 1, true, true, "next"));
        assertEquals(List.of(), texts());
        q.handleForwardTsn(2, 3, Map.of(0, 0));
        assertEquals(List.of("next"), texts());
        assertEquals(0, q.bufferedBytes());
    }

    @Test
    void unorderedFragmentsThatCanNeverCompleteAreDroppedOnForwardTsn() {
        q.add(unordered(1, 0, true, false, "abandoned-head")); // its tail was never sent
        q.add(unordered(2, 0, true, true, "other"));
        q.add(unordered(4, 0, false, true, "orphan-tail")); // TSN 3 passed as something else
        q.add(unordered(6, 0, true, false, "in-progress")); // TSN 7 may still come
        assertEquals(List.of("other"), texts());
        q.handleForwardTsn(0, 6, Map.of());
        assertEquals("in-progress".length(), q.bufferedBytes(), "only the message that can still complete is kept");
        q.add(unordered(7, 0, false, true, "!"));
        assertEquals(List.of("other", "in-progress!"), texts());
    }

    @Test
    void fragmentsAboveTheForwardTsnThatItsCumulativeTsnAbsorbedAreKept() {
        // The FORWARD TSN says 3; 4 and 5 had arrived, so the cumulative TSN becomes 5, but the
        // reliable message at 4..6 is not abandoned: only what is at or below 3 is dropped.
        q.add(ordered(4, 1, 0, true, false, "reli"));
        q.add(ordered(5, 1, 0, false, false, "ab"));
        q.handleForwardTsn(3, 5, Map.of());
        q.add(ordered(6, 1, 0, false, true, "le"));
        assertEquals(List.of("reliable"), texts());
    }

    @Test
    void aMessageWhoseNextFragmentCanStillArriveIsKept() {
        q.add(unordered(10, 0, true, false, "un")); // the cumulative TSN is 10: TSN 11 may come
        q.handleForwardTsn(0, 10, Map.of());
        assertEquals(2, q.bufferedBytes());
        q.add(unordered(11, 0, false, true, "!"));
        assertEquals(List.of("un!"), texts());
    }

    @Test
    void streamResetRestartsSsnsAtZeroRfc6525Section522() {
        q.add(ordered(1, 4, 0, true, true, "a"));
        q.add(ordered(2, 4, 1, true, true, "b"));
        q.resetStreams(List.of(4));
        q.add(ordered(3, 4, 0, true, true, "c"));
        assertEquals(List.of("a", "b", "c"), texts());
    }

    @Test
    void staleFragmentsBelowTheNextSsnDoNotBlockTheStream() {
        q.add(ordered(1, 0, 0, true, true, "a"));
        q.add(ordered(2, 0, 0, false, true, "stale"));
        q.add(ordered(3, 0, 1, true, true, "b"));
        assertEquals(List.of("a", "b"), texts());
        assertEquals(0, q.bufferedBytes());
    }
}
