package io.puredc.sctp.tx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.puredc.sctp.api.Message;
import io.puredc.sctp.api.SendOptions;
import io.puredc.sctp.packet.Bytes;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SendQueueTest {
    private final List<Integer> lowEvents = new ArrayList<>();
    private final SendQueue q = new SendQueue(lowEvents::add);

    private static Message msg(int sid, int size) {
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) {
            b[i] = (byte) i;
        }
        return new Message(sid, 53, b);
    }

    @Test
    void messagesAreCutIntoFragmentsWithBeginningAndEndBitsRfc9260Section69() {
        Message m = msg(1, 2500);
        q.add(m, SendOptions.RELIABLE_ORDERED, 0);
        OutgoingFragment a = q.next(0, 1000);
        OutgoingFragment b = q.next(0, 1000);
        OutgoingFragment c = q.next(0, 1000);
        assertNull(q.next(0, 1000));
        assertTrue(a.beginning() && !a.end());
        assertTrue(!b.beginning() && !b.end());
        assertTrue(!c.beginning() && c.end());
        assertEquals(500, c.payload().length());
        byte[] joined = new byte[2500];
        a.payload().copyTo(joined, 0);
        b.payload().copyTo(joined, 1000);
        c.payload().copyTo(joined, 2000);
        assertArrayEquals(m.payload(), joined);
    }

    @Test
    void orderedMessagesGetConsecutiveSsnsPerStreamRfc9260Section65() {
        q.add(msg(1, 10), SendOptions.RELIABLE_ORDERED, 0);
        q.add(msg(1, 10), SendOptions.RELIABLE_ORDERED, 0);
        q.add(msg(2, 10), SendOptions.RELIABLE_ORDERED, 0);
        List<int[]> seen = new ArrayList<>();
        OutgoingFragment f;
        while ((f = q.next(0, 1000)) != null) {
            seen.add(new int[] {f.streamId(), f.ssn()});
        }
        assertEquals(List.of("1:0", "2:0", "1:1"), seen.stream().map(x -> x[0] + ":" + x[1]).toList(),
                "streams take turns message by message");
    }

    @Test
    void aMessageIsFinishedBeforeAnotherStreamsTurn() {
        q.add(msg(1, 3000), SendOptions.RELIABLE_ORDERED, 0);
        q.add(msg(2, 10), SendOptions.RELIABLE_ORDERED, 0);
        assertEquals(1, q.next(0, 1000).streamId());
        assertEquals(1, q.next(0, 1000).streamId());
        assertEquals(1, q.next(0, 1000).streamId());
        assertEquals(2, q.next(0, 1000).streamId());
    }

    @Test
    void bufferedAmountCountsUnsentBytesAndFiresTheLowEventOnCrossing() {
        q.setBufferedAmountLowThreshold(1, 1000);
        q.add(msg(1, 2500), SendOptions.RELIABLE_ORDERED, 0);
        assertEquals(2500, q.bufferedAmount(1));
        q.next(0, 1000);
        assertEquals(1500, q.bufferedAmount(1));
        assertEquals(List.of(), lowEvents);
        q.next(0, 1000);
        assertEquals(500, q.bufferedAmount(1));
        assertEquals(List.of(1), lowEvents);
        q.next(0, 1000);
        assertEquals(List.of(1), lowEvents, "fires on crossing only");
        assertEquals(0, q.totalBufferedAmount());
    }

    @Test
    void messagesPastTheirLifetimeBeforeSendingAreDroppedRfc3758() {
        q.add(msg(1, 10), SendOptions.lifetime(false, 100), 0);
        q.add(msg(1, 20), SendOptions.RELIABLE_ORDERED, 0);
        OutgoingFragment f = q.next(100, 1000);
        assertEquals(20, f.payload().length());
        assertEquals(0, f.ssn(), "the dropped message never took an SSN");
        assertEquals(1, q.expiredMessageCount());
        assertEquals(0, q.totalBufferedAmount());
    }

    @Test
    void discardingAnAbandonedMessageDropsItsUnsentFragments() {
        q.add(msg(1, 3000), SendOptions.maxRetransmits(false, 0), 0);
        q.add(msg(1, 5), SendOptions.RELIABLE_ORDERED, 0);
        OutgoingFragment first = q.next(0, 1000);
        q.discardRemainder(first.messageId());
        OutgoingFragment next = q.next(0, 1000);
        assertEquals(5, next.payload().length());
        assertTrue(next.beginning() && next.end());
        assertEquals(0, q.totalBufferedAmount());
    }

    @Test
    void resetRefusesNewMessagesUntilCompleteAndRestartsSsns() {
        q.add(msg(3, 10), SendOptions.RELIABLE_ORDERED, 0);
        q.beginReset(3);
        assertThrows(IllegalStateException.class, () -> q.add(msg(3, 1), SendOptions.RELIABLE_ORDERED, 0));
        assertFalse(q.isDrained(3));
        q.next(0, 1000);
        assertTrue(q.isDrained(3));
        q.completeReset(3);
        q.add(msg(3, 1), SendOptions.RELIABLE_ORDERED, 0);
        assertEquals(0, q.next(0, 1000).ssn());
    }

    @Test
    void emptyMessagesAreRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> q.add(new Message(1, 57, new byte[0]), SendOptions.RELIABLE_ORDERED, 0));
    }

    @Test
    void aWholeSmallMessageGoesOutAsOneFragment() {
        Message m = msg(1, 10);
        q.add(m, SendOptions.RELIABLE_ORDERED, 0);
        OutgoingFragment f = q.next(0, 1000);
        assertTrue(f.beginning() && f.end());
        assertEquals(Bytes.of(m.payload()), f.payload());
    }
}
