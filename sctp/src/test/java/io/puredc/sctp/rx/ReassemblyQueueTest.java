package io.puredc.sctp.rx;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.puredc.sctp.api.Message;
import io.puredc.sctp.rx.ReassemblyQueue.Fragment;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReassemblyQueueTest {
    private final List<Message> delivered = new ArrayList<>();
    private final ReassemblyQueue q = new ReassemblyQueue(delivered::add);

    private static Fragment ordered(long tsn, int sid, int ssn, boolean b, boolean e, String data) {
        return new Fragment(tsn, sid, ssn, 53, false, b, e, data.getBytes());
    }

    private static Fragment unordered(long tsn, int sid, boolean b, boolean e, String data) {
        return new Fragment(tsn, sid, 0, 53, true, b, e, data.getBytes());
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
        q.handleForwardTsn(3, Map.of(0, 0));
        assertEquals(List.of("after"), texts());
        assertEquals(0, q.bufferedBytes());
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
