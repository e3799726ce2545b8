package io.puredc.sctp.rx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.puredc.sctp.rx.DataTracker.GapBlock;
import io.puredc.sctp.rx.DataTracker.Verdict;
import java.util.List;
import org.junit.jupiter.api.Test;

class DataTrackerTest {
    private static final long DELAY = 200;

    @Test
    void inSequenceChunksAdvanceTheCumulativeTsnAndAckEverySecondPacketRfc9260Section62() {
        DataTracker t = new DataTracker(100, DELAY);
        assertEquals(Verdict.NEW, t.observe(100));
        t.onPacketWithData(0, false);
        assertFalse(t.shouldSendSackNow());
        assertEquals(DELAY, t.nextDeadline());
        assertEquals(Verdict.NEW, t.observe(101));
        t.onPacketWithData(1, false);
        assertTrue(t.shouldSendSackNow());
        DataTracker.SackInfo sack = t.createSack();
        assertEquals(101, sack.cumulativeTsn());
        assertEquals(List.of(), sack.gaps());
        assertFalse(t.shouldSendSackNow());
    }

    @Test
    void delayedAckTimerTriggersASack() {
        DataTracker t = new DataTracker(1, DELAY);
        t.observe(1);
        t.onPacketWithData(0, false);
        assertFalse(t.handleTimeout(DELAY - 1));
        assertTrue(t.handleTimeout(DELAY));
    }

    /** The example of RFC 9260 §3.3.4: TSNs 1, 2, 4, 5, 7 received (initial TSN 1). */
    @Test
    void gapBlocksAsInTheRfc9260Section334Example() {
        DataTracker t = new DataTracker(1, DELAY);
        for (int tsn : new int[] {1, 2, 4, 5, 7}) {
            t.observe(tsn);
        }
        assertTrue(t.shouldSendSackNow(), "gaps are reported at once (§6.7)");
        DataTracker.SackInfo sack = t.createSack();
        assertEquals(2, sack.cumulativeTsn());
        assertEquals(List.of(new GapBlock(2, 3), new GapBlock(5, 5)), sack.gaps());
        t.observe(3);
        t.observe(6);
        assertEquals(7, t.createSack().cumulativeTsn());
    }

    @Test
    void duplicatesAreReportedOnceAndNotDelivered() {
        DataTracker t = new DataTracker(10, DELAY);
        t.observe(10);
        t.observe(12);
        assertEquals(Verdict.DUPLICATE, t.observe(10));
        assertEquals(Verdict.DUPLICATE, t.observe(12));
        DataTracker.SackInfo sack = t.createSack();
        assertEquals(List.of(10, 12), sack.duplicates());
        assertEquals(List.of(), t.createSack().duplicates());
    }

    @Test
    void tsnsWrapAroundTwoToTheThirtyTwo() {
        DataTracker t = new DataTracker(-2, DELAY); // 0xFFFFFFFE
        t.observe(-2);
        t.observe(0);
        t.observe(-1);
        t.observe(1);
        assertEquals(1, t.createSack().cumulativeTsn());
        assertEquals(Verdict.DUPLICATE, t.observe(-1));
    }

    @Test
    void chunksFarAheadAreOutOfWindowAndCounted() {
        DataTracker t = new DataTracker(5, DELAY);
        assertEquals(Verdict.OUT_OF_WINDOW, t.observe(5 + (int) DataTracker.MAX_TSN_AHEAD + 1));
        assertEquals(1, t.outOfWindowCount());
        assertEquals(4, t.cumulativeTsn());
    }

    @Test
    void forwardTsnMovesTheCumulativeTsnAndAbsorbsRangesRfc3758Section36() {
        DataTracker t = new DataTracker(1, DELAY);
        t.observe(1);
        t.observe(5);
        t.observe(6);
        t.observe(9);
        t.handleForwardTsn(4);
        DataTracker.SackInfo sack = t.createSack();
        assertEquals(6, sack.cumulativeTsn());
        assertEquals(List.of(new GapBlock(3, 3)), sack.gaps());
        t.handleForwardTsn(3); // stale: still answered
        assertTrue(t.shouldSendSackNow());
        assertEquals(6, t.cumulativeTsn());
    }
}
