package io.puredc.sctp.assoc;

import static io.puredc.sctp.sim.AssociationPair.MS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.puredc.sctp.api.Message;
import io.puredc.sctp.api.SctpOptions;
import io.puredc.sctp.api.SendOptions;
import io.puredc.sctp.sim.AssociationPair;
import io.puredc.sctp.sim.SimNetwork;
import io.puredc.sctp.tx.RtoEstimator;
import org.junit.jupiter.api.Test;

/**
 * RFC 9260 §6.3.3 E2: a T3-rtx expiry doubles the RTO, and the doubled RTO stays until a new RTT
 * measurement (§6.3.1 C3), which retransmitted chunks never give (Karn, C5).
 */
class RetransmissionBackoffTest {

    @Test
    void backOffDoublesUpToTheCapAndAMeasurementRecomputes() {
        RtoEstimator rto = new RtoEstimator(200 * MS, 200 * MS, 60_000 * MS);
        rto.backOff(3000 * MS);
        assertEquals(400 * MS, rto.rto());
        rto.backOff(3000 * MS);
        rto.backOff(3000 * MS);
        rto.backOff(3000 * MS);
        assertEquals(3000 * MS, rto.rto(), "capped");
        rto.observe(1 * MS);
        assertEquals(200 * MS, rto.rto(), "the next measurement recomputes it (clamped to RTO.Min)");
    }

    /**
     * The stall seen sending to Chromium (whose dcSCTP delays a lone packet's SACK by 200 ms). After
     * a T3-rtx expiry cwnd is one MTU (§7.2.3), which holds one full DATA chunk and not two; a flight
     * of one such chunk was not counted as "fully utilized" (§7.2.1), so cwnd never grew again, every
     * flight was one packet, and its SACK came only after the peer's 200 ms delay. With RTO.Min at
     * 200 ms that SACK also lost the race against T3-rtx, whose backoff lived only in the expired timer
     * and was forgotten by the restart on the next SACK (§6.3.2 R3): one packet per 200 ms for the
     * rest of the transfer (it failed CI). Both sides here delay SACKs by 200 ms with RTO.Min 200 ms;
     * before the fixes 142 of 400 messages arrived in two simulated minutes, with 594 expiries.
     */
    @Test
    void afterAnOutageTheTransferDoesNotCrawlOnePacketPerRto() {
        SctpOptions racing = new SctpOptions(5000, 5000, 1200, 256 * 1024, 4 * 1024 * 1024, 65535, 65535,
                200 * MS, 200 * MS, 60_000 * MS, 3000 * MS, 200 * MS, 30_000 * MS, 8, -1, 60_000 * MS,
                SctpOptions.RANDOM_INITIAL_TSN);
        // 1 ms each way, 20 MB/s: the bottleneck queue holds a large flight when the outage starts.
        AssociationPair p = new AssociationPair(11, new SimNetwork.Conditions(0, 0, 0, 1 * MS, 0, 20_000_000, 1200),
                racing, racing);
        p.connectBoth();
        assertTrue(p.runUntil(p::connected, 10_000 * MS), "handshake");
        // 16 KiB messages, as the bulk scenario sends: full-size DATA chunks. The outage comes once
        // cwnd has grown, so that a whole window is lost and T3-rtx, not fast retransmit, recovers.
        int count = 400;
        for (int i = 0; i < count; i++) {
            p.a.send(new Message(1, 53, new byte[16 * 1024]), SendOptions.RELIABLE_ORDERED, p.now());
        }
        p.drain();
        assertTrue(p.runUntil(() -> p.receivedB.size() >= 100, 30_000 * MS), "first 100");
        long start = p.now();
        p.net.outage(start, start + 150 * MS);
        assertTrue(p.runUntil(() -> p.receivedB.size() == count, 120_000 * MS),
                "delivered " + p.receivedB.size() + " of " + count + "; " + p.a.metrics());
        long took = (p.now() - start) / MS;
        // Before the fixes: the remaining 4.8 MB at one packet per 200 ms. After: well under a second
        // more than the outage (the link itself is unlimited).
        assertTrue(took < 3_000, "took " + took + " ms; " + p.a.metrics());
        assertTrue(p.a.metrics().t3Expirations() >= 1, "the outage caused a T3-rtx expiry");
    }
}
