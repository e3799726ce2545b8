package io.puredc.dtls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** RFC 6347 §4.1.2.6: the sliding window of received sequence numbers. */
class ReplayWindowTest {

    final ReplayWindow window = new ReplayWindow();

    boolean receive(long seq) {
        if (window.shouldDiscard(seq)) {
            return false;
        }
        window.markAuthenticated(seq);
        return true;
    }

    @Test
    void everyNewNumberIsAcceptedOnceAndItsDuplicateDiscarded() {
        for (long seq = 0; seq < 200; seq++) {
            assertTrue(receive(seq), "first " + seq);
            assertFalse(receive(seq), "duplicate " + seq);
        }
        assertEquals(199, window.highest());
    }

    @Test
    void lateRecordsInsideTheWindowAreAcceptedOnce() {
        assertTrue(receive(100));
        assertTrue(receive(100 - ReplayWindow.SIZE + 1)); // the oldest the window still tracks
        assertFalse(receive(100 - ReplayWindow.SIZE + 1));
        assertTrue(receive(99));
        assertFalse(receive(99));
    }

    @Test
    void recordsOlderThanTheWindowAreDiscarded() {
        assertTrue(receive(100));
        assertFalse(receive(100 - ReplayWindow.SIZE));
        assertFalse(receive(0));
    }

    @Test
    void aJumpBeyondTheWindowForgetsTheOldBits() {
        assertTrue(receive(5));
        assertTrue(receive(5 + 1000));
        assertFalse(receive(5));
        assertTrue(receive(1000)); // inside the new window, never seen
    }

    /** Only authenticated records move the window: a forged high number must not shift it. */
    @Test
    void checkingDoesNotMoveTheWindow() {
        assertTrue(receive(10));
        assertFalse(window.shouldDiscard(1_000_000)); // checked, but its tag would fail
        assertTrue(receive(9));
        assertEquals(10, window.highest());
    }

    @Test
    void randomArrivalsMatchASetOfSeenNumbersWithinTheWindow() {
        SplittableRandom random = new SplittableRandom(7);
        Set<Long> seen = new HashSet<>();
        long highest = -1;
        for (int i = 0; i < 20_000; i++) {
            long seq = Math.max(0, highest + random.nextInt(-80, 20));
            boolean expected = !seen.contains(seq) && (highest < 0 || seq > highest - ReplayWindow.SIZE);
            assertEquals(expected, receive(seq), "seq " + seq + " with highest " + highest);
            if (expected) {
                seen.add(seq);
                highest = Math.max(highest, seq);
            }
        }
    }
}
