package io.puredc.sctp.tx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CongestionControlTest {
    private static final int MTU = 1200;

    @Test
    void initialWindowRfc9260Section721() {
        CongestionControl cc = new CongestionControl(MTU, 1 << 20);
        assertEquals(4404, cc.cwnd()); // min(4*1200, max(2*1200, 4404))
        assertEquals(1 << 20, cc.ssthresh());
        assertTrue(cc.inSlowStart());
    }

    @Test
    void slowStartGrowsByAtMostOneMtuPerAckAndOnlyWhenTheWindowWasUsed() {
        CongestionControl cc = new CongestionControl(MTU, 1 << 20);
        cc.onCumulativeAckAdvanced(5000, true, false);
        assertEquals(4404 + MTU, cc.cwnd());
        cc.onCumulativeAckAdvanced(500, true, false);
        assertEquals(4404 + MTU + 500, cc.cwnd());
        cc.onCumulativeAckAdvanced(5000, false, false);
        assertEquals(4404 + MTU + 500, cc.cwnd());
        cc.onCumulativeAckAdvanced(5000, true, true);
        assertEquals(4404 + MTU + 500, cc.cwnd(), "no growth in fast recovery");
    }

    @Test
    void congestionAvoidanceAddsOneMtuPerWindowAckedRfc9260Section722() {
        CongestionControl cc = new CongestionControl(MTU, 4800);
        cc.onRetransmissionTimeout(); // cwnd = MTU, ssthresh = 4800
        while (cc.inSlowStart()) {
            cc.onCumulativeAckAdvanced(MTU, true, false);
        }
        long cwnd = cc.cwnd();
        cc.onCumulativeAckAdvanced(cwnd - 1, true, false);
        assertEquals(cwnd, cc.cwnd());
        assertEquals(cwnd - 1, cc.partialBytesAcked());
        cc.onCumulativeAckAdvanced(1, true, false);
        assertEquals(cwnd + MTU, cc.cwnd());
        assertEquals(0, cc.partialBytesAcked());
    }

    @Test
    void timeoutCollapsesTheWindowRfc9260Section723() {
        CongestionControl cc = new CongestionControl(MTU, 1 << 20);
        for (int i = 0; i < 100; i++) {
            cc.onCumulativeAckAdvanced(MTU, true, false);
        }
        long before = cc.cwnd();
        cc.onRetransmissionTimeout();
        assertEquals(MTU, cc.cwnd());
        assertEquals(Math.max(before / 2, 4 * MTU), cc.ssthresh());
    }

    @Test
    void fastRetransmitHalvesTheWindowRfc9260Section724() {
        CongestionControl cc = new CongestionControl(MTU, 1 << 20);
        for (int i = 0; i < 100; i++) {
            cc.onCumulativeAckAdvanced(MTU, true, false);
        }
        long before = cc.cwnd();
        cc.onFastRetransmit();
        assertEquals(before / 2, cc.cwnd());
        assertEquals(before / 2, cc.ssthresh());
        assertFalse(cc.cwnd() < 4 * MTU);
    }
}
