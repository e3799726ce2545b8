package io.puredc.sctp.timer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

class TimerTest {
    @Test
    void exponentialBackoffDoublesUpToTheCapRfc9260Section633E2() {
        Timer t = Timer.exponential("t3", 100, 350, Timer.UNLIMITED);
        t.start(0);
        assertEquals(100, t.expiry());
        assertEquals(Timer.Outcome.NOT_DUE, t.poll(99));
        assertEquals(Timer.Outcome.EXPIRED, t.poll(100));
        assertEquals(300, t.expiry()); // 100 + 200
        assertEquals(Timer.Outcome.EXPIRED, t.poll(300));
        assertEquals(650, t.expiry()); // capped at 350
        assertEquals(Timer.Outcome.EXPIRED, t.poll(650));
        assertEquals(1000, t.expiry());
    }

    @Test
    void restartLimitExhaustsTheTimer() {
        Timer t = Timer.exponential("t1-init", 10, 1000, 2);
        t.start(0);
        assertEquals(Timer.Outcome.EXPIRED, t.poll(10));
        assertEquals(Timer.Outcome.EXPIRED, t.poll(30));
        assertEquals(Timer.Outcome.EXHAUSTED, t.poll(70));
        assertFalse(t.isRunning());
        assertEquals(Timer.Outcome.NOT_DUE, t.poll(10_000));
    }

    @Test
    void startResetsTheBackoffAndStartIfStoppedKeepsARunningTimer() {
        Timer t = Timer.exponential("t3", 100, 10_000, Timer.UNLIMITED);
        t.start(0);
        t.poll(100);
        t.startIfStopped(150);
        assertEquals(300, t.expiry());
        t.start(150);
        assertEquals(250, t.expiry());
        assertEquals(0, t.expirations());
    }

    @Test
    void fixedTimerKeepsItsDuration() {
        Timer t = Timer.fixed("hb", 50, Timer.UNLIMITED);
        t.start(0);
        t.poll(50);
        assertEquals(100, t.expiry());
        t.poll(100);
        assertEquals(150, t.expiry());
        t.stop();
        assertEquals(Timer.NOT_RUNNING, t.expiry());
    }

    @Test
    void expiryNeverOverflows() {
        Timer t = Timer.fixed("x", Long.MAX_VALUE / 2 + 1, Timer.UNLIMITED);
        t.start(Long.MAX_VALUE / 2 + 1);
        assertEquals(Long.MAX_VALUE - 1, t.expiry());
    }
}
