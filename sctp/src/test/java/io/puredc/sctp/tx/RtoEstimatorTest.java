package io.puredc.sctp.tx;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RtoEstimatorTest {
    private static final long MS = 1_000_000;

    @Test
    void firstMeasurementSetsSrttAndHalfVarianceRfc9260Section631C2() {
        RtoEstimator e = new RtoEstimator(1000 * MS, 10 * MS, 60_000 * MS);
        e.observe(100 * MS);
        assertEquals(100 * MS, e.srtt());
        assertEquals(300 * MS, e.rto()); // SRTT + 4 * (R/2)
    }

    @Test
    void laterMeasurementsSmoothRfc9260Section631C3() {
        RtoEstimator e = new RtoEstimator(1000 * MS, 10 * MS, 60_000 * MS);
        e.observe(100 * MS);
        e.observe(200 * MS);
        // RTTVAR = 3/4*50 + 1/4*|100-200| = 62.5; SRTT = 7/8*100 + 1/8*200 = 112.5
        assertEquals(112_500_000, e.srtt());
        assertEquals(112_500_000 + 4 * 62_500_000L, e.rto());
    }

    @Test
    void rtoIsClampedToMinAndMaxRfc9260Section631C6C7() {
        RtoEstimator e = new RtoEstimator(400 * MS, 400 * MS, 60_000 * MS);
        e.observe(MS / 10);
        assertEquals(400 * MS, e.rto());
        e = new RtoEstimator(400 * MS, 400 * MS, 1000 * MS);
        e.observe(5000 * MS);
        assertEquals(1000 * MS, e.rto());
    }
}
