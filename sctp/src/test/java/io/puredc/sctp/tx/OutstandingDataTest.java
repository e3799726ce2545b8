package io.puredc.sctp.tx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.puredc.sctp.packet.Bytes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OutstandingDataTest {
    private static final int SIZE = 100;
    private final List<Long> abandoned = new ArrayList<>();
    private final OutstandingData d = new OutstandingData(1000, abandoned::add);
    private long messageId;

    private long send(long now) {
        return send(now, -1, Long.MAX_VALUE, false);
    }

    private long send(long now, int maxRetransmits, long expiry, boolean unordered) {
        OutgoingFragment f = new OutgoingFragment(1, (int) messageId, 53, unordered, true, true, Bytes.adopt(new byte[84]),
                messageId++, maxRetransmits, expiry);
        return d.sent(f, SIZE, now);
    }

    private static List<long[]> gaps(long... bounds) {
        List<long[]> out = new ArrayList<>();
        for (int i = 0; i < bounds.length; i += 2) {
            out.add(new long[] {bounds[i], bounds[i + 1]});
        }
        return out;
    }

    @Test
    void cumulativeAckFreesChunksAndMeasuresRtt() {
        send(0);
        send(0);
        assertEquals(2 * SIZE, d.bytesInFlight());
        OutstandingData.AckResult r = d.handleSack(1001, gaps(), 50);
        assertTrue(r.cumulativeAdvanced());
        assertEquals(2 * SIZE, r.bytesAcked());
        assertEquals(50, r.rttSample());
        assertEquals(0, d.bytesInFlight());
        assertTrue(d.isEmpty());
        assertEquals(1002, d.nextTsn());
    }

    @Test
    void staleOrImpossibleSacksAreIgnoredRfc9260Section621() {
        send(0);
        send(0);
        d.handleSack(1001, gaps(), 1);
        assertFalse(d.handleSack(1000, gaps(), 2).cumulativeAdvanced());
        assertEquals(OutstandingData.AckResult.STALE, d.handleSack(1005, gaps(), 2));
    }

    @Test
    void threeMissIndicationsTriggerFastRetransmitRfc9260Section724() {
        for (int i = 0; i < 6; i++) {
            send(0);
        }
        // 1000 lost; 1001, 1002, 1003 arrive one SACK at a time.
        assertFalse(d.handleSack(999, gaps(1001, 1001), 1).fastRetransmitNeeded());
        assertFalse(d.handleSack(999, gaps(1001, 1002), 2).fastRetransmitNeeded());
        assertTrue(d.handleSack(999, gaps(1001, 1003), 3).fastRetransmitNeeded());
        assertTrue(d.hasRetransmissions());
        assertEquals(2 * SIZE, d.bytesInFlight(), "1004 and 1005 are still in flight");
        List<OutstandingData.Item> rtx = d.takeRetransmissions(1200, 4);
        assertEquals(1, rtx.size());
        assertEquals(1000, rtx.get(0).tsn());
        assertEquals(2, rtx.get(0).transmissions());
        OutstandingData.AckResult r = d.handleSack(1003, gaps(), 10);
        assertEquals(-1, r.rttSample(), "Karn: no RTT from a retransmitted chunk");
    }

    @Test
    void missIndicationsOnlyBelowTheHighestNewlyAckedTsn() {
        for (int i = 0; i < 5; i++) {
            send(0);
        }
        d.handleSack(999, gaps(1002, 1002), 1);
        d.handleSack(999, gaps(1002, 1002), 2); // nothing newly acked: no miss counted
        d.handleSack(999, gaps(1002, 1002), 3);
        assertFalse(d.hasRetransmissions());
    }

    @Test
    void timeoutMarksEverythingInFlightRfc9260Section633() {
        send(0);
        send(0);
        send(0);
        d.handleSack(999, gaps(1001, 1001), 1);
        d.markAllForRetransmission(2);
        assertEquals(0, d.bytesInFlight());
        List<OutstandingData.Item> rtx = d.takeRetransmissions(SIZE, 3);
        assertEquals(List.of(1000L), rtx.stream().map(OutstandingData.Item::tsn).toList(), "one MTU's worth");
        assertEquals(SIZE, d.bytesInFlight());
        assertTrue(d.hasRetransmissions());
    }

    @Test
    void maxRetransmitsZeroAbandonsInsteadOfRetransmittingRfc3758() {
        send(0, 0, Long.MAX_VALUE, true);
        send(0);
        d.markAllForRetransmission(5);
        assertEquals(List.of(0L), abandoned);
        OutstandingData.ForwardTsn fwd = d.forwardTsn();
        assertEquals(1000, fwd.newCumulativeTsn());
        assertEquals(Map.of(), fwd.skippedSsnByStream(), "unordered messages name no stream");
        assertEquals(1, d.takeRetransmissions(1200, 5).size());
    }

    @Test
    void forwardTsnNamesTheHighestSkippedSsnOfOrderedStreamsRfc3758Section35() {
        send(0, -1, 100, false); // ssn 0, lifetime until 100
        send(0, -1, 100, false); // ssn 1
        send(0);
        d.handleSack(999, gaps(1002, 1002), 50);
        assertNull(d.forwardTsn());
        d.expireLifetimes(100);
        OutstandingData.ForwardTsn fwd = d.forwardTsn();
        assertEquals(1001, fwd.newCumulativeTsn(), "stops before the gap-acked 1002 (§3.5 C1)");
        assertEquals(Map.of(1, 1), fwd.skippedSsnByStream());
        assertFalse(d.hasUnackedData());
        d.handleSack(1002, gaps(), 101);
        assertTrue(d.isEmpty());
    }

    @Test
    void theAdvancedPeerAckPointNeverPassesAGapAckedChunkRfc3758Section35C1() {
        // A lifetime message, the first half of a reliable message (gap-acked), an abandoned one.
        send(0, -1, 100, false);
        OutgoingFragment head = new OutgoingFragment(2, 0, 53, false, true, false, Bytes.adopt(new byte[84]), messageId++, -1,
                Long.MAX_VALUE);
        d.sent(head, SIZE, 0);
        send(0, -1, 100, false);
        d.handleSack(999, gaps(1001, 1001), 50);
        d.expireLifetimes(100);
        assertEquals(1000, d.forwardTsn().newCumulativeTsn(),
                "the receiver would drop the reliable message's first fragment at 1001");
        d.handleSack(1001, gaps(), 120); // the peer took the FORWARD TSN and absorbed 1001
        assertEquals(1002, d.forwardTsn().newCumulativeTsn());
    }

    @Test
    void aShutdownsMissingGapBlocksAreNotRenegingRfc9260Section92() {
        send(0);
        send(0);
        d.handleSack(999, gaps(1001, 1001), 1);
        assertEquals(SIZE, d.bytesInFlight());
        d.handleShutdownAck(999, 2);
        assertEquals(SIZE, d.bytesInFlight(), "1001 stays acked");
    }

    @Test
    void aRenegedChunkCountsAsInFlightAgain() {
        send(0);
        send(0);
        d.handleSack(999, gaps(1001, 1001), 1);
        assertEquals(SIZE, d.bytesInFlight());
        d.handleSack(999, gaps(), 2);
        assertEquals(2 * SIZE, d.bytesInFlight());
    }
}
