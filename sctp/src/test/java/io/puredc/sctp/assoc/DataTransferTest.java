package io.puredc.sctp.assoc;

import static io.puredc.sctp.sim.AssociationPair.MS;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.puredc.sctp.api.Message;
import io.puredc.sctp.api.SendOptions;
import io.puredc.sctp.sim.AssociationPair;
import io.puredc.sctp.sim.SimNetwork;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Data transfer (RFC 9260 §6, §7) between two associations over the simulated network. */
class DataTransferTest {
    private static final int MTU = 1200;

    private static SimNetwork.Conditions link(double loss, double reorder, double duplicate) {
        return new SimNetwork.Conditions(loss, duplicate, reorder, 20 * MS, 5 * MS, 10_000_000, MTU);
    }

    private static AssociationPair connected(long seed, SimNetwork.Conditions c) {
        AssociationPair p = new AssociationPair(seed, c);
        p.connectBoth();
        assertTrue(p.runUntil(p::connected, 60_000 * MS), "handshake");
        return p;
    }

    /** Message i on a stream: its index in the first 4 bytes, then a pattern. */
    private static Message message(int stream, int index, int size) {
        byte[] b = new byte[Math.max(4, size)];
        b[0] = (byte) (index >>> 24);
        b[1] = (byte) (index >>> 16);
        b[2] = (byte) (index >>> 8);
        b[3] = (byte) index;
        for (int i = 4; i < b.length; i++) {
            b[i] = (byte) (i * 31 + index);
        }
        return new Message(stream, 53, b);
    }

    private static int index(Message m) {
        byte[] b = m.payload();
        return (b[0] & 0xFF) << 24 | (b[1] & 0xFF) << 16 | (b[2] & 0xFF) << 8 | (b[3] & 0xFF);
    }

    @Test
    void aMaximalMessageIsFragmentedToTheMtuAndReassembledRfc9260Section69() {
        AssociationPair p = connected(1, link(0, 0, 0));
        Message big = message(1, 7, 256 * 1024);
        p.a.send(big, SendOptions.RELIABLE_ORDERED, p.now());
        p.drain();
        assertTrue(p.runUntil(() -> p.receivedB.size() == 1, 60_000 * MS));
        assertArrayEquals(big.payload(), p.receivedB.get(0).payload());
        assertTrue(p.net.largestDatagram() <= MTU, "every datagram fits the MTU");
        assertEquals(0, p.a.bufferedAmount(1));
    }

    @Test
    void aMessageOverTheMaxMessageSizeIsRefused() {
        AssociationPair p = connected(2, link(0, 0, 0));
        Message tooBig = new Message(1, 53, new byte[256 * 1024 + 1]);
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> p.a.send(tooBig, SendOptions.RELIABLE_ORDERED, p.now()));
        assertTrue(e.getMessage().contains("max-message-size"));
    }

    /**
     * Randomized: messages of random sizes on several streams, ordered and unordered, over a
     * link with loss, reordering, duplication, delay and a bandwidth limit. Every reliable
     * message arrives exactly once, and in order on ordered streams.
     */
    @ParameterizedTest(name = "seed {0}, loss {1}")
    @CsvSource({"11, 0.0", "12, 0.02", "13, 0.05", "14, 0.10", "15, 0.20", "16, 0.10", "17, 0.20"})
    void everyReliableMessageArrivesExactlyOnceInOrderWhereOrdered(long seed, double loss) {
        AssociationPair p = connected(seed, link(loss, 0.1, 0.05));
        SplittableRandom r = new SplittableRandom(seed);
        int count = 400;
        Map<Integer, List<Integer>> sentOrdered = new HashMap<>();
        Set<String> expected = new HashSet<>();
        for (int i = 0; i < count; i++) {
            int stream = r.nextInt(4);
            boolean unordered = stream == 3;
            int size = r.nextInt(10) == 0 ? 1 + r.nextInt(60_000) : 1 + r.nextInt(2000);
            p.a.send(message(stream, i, size), SendOptions.reliable(unordered), p.now());
            if (!unordered) {
                sentOrdered.computeIfAbsent(stream, k -> new ArrayList<>()).add(i);
            }
            expected.add(stream + ":" + i);
            if (i % 20 == 0) {
                p.drain();
                p.step();
            }
        }
        p.drain();
        assertTrue(p.runUntil(() -> p.receivedB.size() >= count, 600_000 * MS),
                "delivered " + p.receivedB.size() + " of " + count + "; " + p.a.metrics());
        p.runUntil(() -> false, 2_000 * MS); // let duplicates and late retransmissions arrive
        assertEquals(count, p.receivedB.size(), "exactly once");
        Set<String> got = new HashSet<>();
        Map<Integer, List<Integer>> gotOrdered = new HashMap<>();
        for (Message m : p.receivedB) {
            int i = index(m);
            assertTrue(got.add(m.streamId() + ":" + i), "duplicate " + i);
            assertArrayEquals(message(m.streamId(), i, m.size()).payload(), m.payload(), "content of " + i);
            if (m.streamId() != 3) {
                gotOrdered.computeIfAbsent(m.streamId(), k -> new ArrayList<>()).add(i);
            }
        }
        assertEquals(expected, got);
        assertEquals(sentOrdered, gotOrdered, "order per ordered stream");
        if (loss > 0) {
            assertTrue(p.a.metrics().retransmittedChunks() > 0);
        }
    }

    @Test
    void fastRetransmitRepairsASingleLossWithoutTimeoutRfc9260Section724() {
        AssociationPair p = connected(3, link(0, 0, 0));
        boolean[] dropped = {false};
        p.net.dropNextFrom(0, pkt -> {
            if (dropped[0] || pkt.length < 1000) {
                return false;
            }
            dropped[0] = true;
            return true;
        });
        for (int i = 0; i < 40; i++) {
            p.a.send(message(0, i, 1100), SendOptions.RELIABLE_ORDERED, p.now());
        }
        p.drain();
        assertTrue(p.runUntil(() -> p.receivedB.size() == 40, 60_000 * MS));
        assertEquals(1, p.a.metrics().fastRetransmits());
        assertEquals(0, p.a.metrics().t3Expirations());
    }

    @Test
    void aSlowReaderClosesTheWindowAndTheSenderWaitsWithoutLosingData() {
        AssociationPair p = connected(4, link(0, 0, 0));
        p.readB = false;
        int count = 60; // 60 x 100 KiB = 6 MiB > the 4 MiB receive window
        for (int i = 0; i < count; i++) {
            p.a.send(message(0, i, 100 * 1024), SendOptions.RELIABLE_ORDERED, p.now());
        }
        p.drain();
        p.runUntil(() -> false, 20_000 * MS);
        assertTrue(p.a.bufferedAmount(0) > 0, "the sender is held back by the receiver's window");
        p.readB = true;
        p.drain();
        assertTrue(p.runUntil(() -> p.receivedB.size() == count, 120_000 * MS), "got " + p.receivedB.size());
        for (int i = 0; i < count; i++) {
            assertEquals(i, index(p.receivedB.get(i)));
        }
    }

    @Test
    void partialReliabilityWithZeroRetransmitsNeverDuplicatesAndNeverStallsRfc3758() {
        AssociationPair p = connected(5, link(0.2, 0.05, 0.05));
        int count = 300;
        for (int i = 0; i < count; i++) {
            p.a.send(message(1, i, 1000), SendOptions.maxRetransmits(true, 0), p.now());
            if (i % 10 == 0) {
                p.drain();
                p.step();
            }
        }
        // A reliable ordered message on another stream after them still arrives.
        p.a.send(message(2, 9999, 10), SendOptions.RELIABLE_ORDERED, p.now());
        p.drain();
        assertTrue(p.runUntil(() -> p.receivedB.stream().anyMatch(m -> m.streamId() == 2), 120_000 * MS));
        p.runUntil(() -> false, 5_000 * MS);
        Set<Integer> seen = new HashSet<>();
        for (Message m : p.receivedB) {
            if (m.streamId() == 1) {
                assertTrue(seen.add(index(m)), "no duplicate");
                assertArrayEquals(message(1, index(m), 1000).payload(), m.payload());
            }
        }
        assertTrue(seen.size() < count, "some were lost and not retransmitted");
        assertTrue(seen.size() > count / 2);
        assertTrue(p.a.metrics().abandonedMessages() > 0);
    }

    @Test
    void orderedMessagesPastTheirLifetimeAreSkippedAndLaterOnesFlowRfc3758() {
        AssociationPair p = connected(6, link(0.2, 0, 0));
        int count = 200;
        for (int i = 0; i < count; i++) {
            p.a.send(message(1, i, 1000), SendOptions.lifetime(false, 100 * MS), p.now());
            if (i % 10 == 0) {
                p.drain();
                p.step();
            }
        }
        p.a.send(message(1, 5000, 10), SendOptions.RELIABLE_ORDERED, p.now());
        p.drain();
        assertTrue(p.runUntil(() -> p.receivedB.stream().anyMatch(m -> index(m) == 5000), 120_000 * MS),
                p.a.metrics().toString());
        int last = -1;
        for (Message m : p.receivedB) {
            assertTrue(index(m) > last, "ordered: " + index(m) + " after " + last);
            last = index(m);
        }
    }
}
