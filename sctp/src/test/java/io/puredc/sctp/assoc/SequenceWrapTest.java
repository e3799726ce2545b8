package io.puredc.sctp.assoc;

import static io.puredc.sctp.sim.AssociationPair.MS;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.puredc.sctp.api.Message;
import io.puredc.sctp.api.SctpOptions;
import io.puredc.sctp.api.SendOptions;
import io.puredc.sctp.packet.ParseException;
import io.puredc.sctp.packet.SctpPacket;
import io.puredc.sctp.packet.chunk.Chunk;
import io.puredc.sctp.packet.chunk.DataChunk;
import io.puredc.sctp.sim.AssociationPair;
import io.puredc.sctp.sim.SimNetwork;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Serial-number wrap-around at the association level (RFC 9260 §1.6, RFC 1982): TSNs that
 * start a few hundred before 2^32 and cross it under loss, and a stream whose SSN passes
 * 65535 → 0.
 */
class SequenceWrapTest {
    private static final long SECOND = 1000 * MS;

    private static SimNetwork.Conditions lossy(double loss) {
        return new SimNetwork.Conditions(loss, 0.02, 0.05, 10 * MS, 3 * MS, 20_000_000, 1200);
    }

    /** Message {@code index} on a stream: the index in the first 4 bytes, then seeded bytes. */
    private static Message message(int stream, int index, int size) {
        byte[] b = new byte[Math.max(4, size)];
        new SplittableRandom(stream * 7_919L + index).nextBytes(b);
        b[0] = (byte) (index >>> 24);
        b[1] = (byte) (index >>> 16);
        b[2] = (byte) (index >>> 8);
        b[3] = (byte) index;
        return new Message(stream, 53, b);
    }

    private static int index(Message m) {
        byte[] b = m.payload();
        return (b[0] & 0xFF) << 24 | (b[1] & 0xFF) << 16 | (b[2] & 0xFF) << 8 | (b[3] & 0xFF);
    }

    /** Passes every datagram on, showing each DATA chunk in it to {@code seen}. */
    private static UnaryOperator<byte[]> sniffData(Consumer<DataChunk> seen) {
        return d -> {
            try {
                for (Chunk c : SctpPacket.parse(d).chunks()) {
                    if (c instanceof DataChunk data) {
                        seen.accept(data);
                    }
                }
            } catch (ParseException e) {
                throw new AssertionError(e);
            }
            return d;
        };
    }

    /** Every message of {@code sent} arrived once, with its content, in order per stream. */
    private static void assertDeliveredInOrder(List<Message> sent, List<Message> received) {
        assertEquals(sent.size(), received.size(), "exactly once");
        Map<Integer, List<Message>> sentByStream = new HashMap<>();
        Map<Integer, List<Message>> gotByStream = new HashMap<>();
        for (Message m : sent) {
            sentByStream.computeIfAbsent(m.streamId(), k -> new ArrayList<>()).add(m);
        }
        for (Message m : received) {
            gotByStream.computeIfAbsent(m.streamId(), k -> new ArrayList<>()).add(m);
        }
        assertEquals(sentByStream.keySet(), gotByStream.keySet());
        for (int stream : sentByStream.keySet()) {
            List<Message> want = sentByStream.get(stream);
            List<Message> got = gotByStream.get(stream);
            assertEquals(want.size(), got.size(), "stream " + stream);
            for (int k = 0; k < want.size(); k++) {
                assertEquals(index(want.get(k)), index(got.get(k)), "stream " + stream + " position " + k);
                assertArrayEquals(want.get(k).payload(), got.get(k).payload(), "content of " + index(want.get(k)));
            }
        }
    }

    @Test
    void tsnsStartingJustBelowTwoToThe32WrapUnderLossInBothDirections() {
        long initialA = 0x1_0000_0000L - 300;
        long initialB = 0x1_0000_0000L - 170;
        AssociationPair p = new AssociationPair(41, lossy(0.05), SctpOptions.defaults().withInitialTsn(initialA),
                SctpOptions.defaults().withInitialTsn(initialB));
        boolean[] wrapA = new boolean[2]; // saw TSN 0xFFFFFFFF, saw a TSN after the wrap
        boolean[] wrapB = new boolean[2];
        p.setTamperFromA(sniffData(d -> noteWrap(d, wrapA)));
        p.setTamperFromB(sniffData(d -> noteWrap(d, wrapB)));
        p.connectBoth();
        assertTrue(p.runUntil(p::connected, 60 * SECOND));

        SplittableRandom r = new SplittableRandom(41);
        List<Message> fromA = new ArrayList<>();
        List<Message> fromB = new ArrayList<>();
        for (int i = 0; i < 1500; i++) {
            Message m = message(i % 3, i, 1 + r.nextInt(3000));
            fromA.add(m);
            p.a.send(m, SendOptions.RELIABLE_ORDERED, p.now());
            if (i % 2 == 0) {
                Message n = message(5, i, 1 + r.nextInt(2500));
                fromB.add(n);
                p.b.send(n, SendOptions.RELIABLE_ORDERED, p.now());
            }
            if (i % 50 == 0) {
                p.drain();
                p.step();
            }
        }
        p.drain();
        assertTrue(p.runUntil(() -> p.receivedB.size() == fromA.size() && p.receivedA.size() == fromB.size(),
                600 * SECOND), "A->B " + p.receivedB.size() + ", B->A " + p.receivedA.size() + "; " + p.a.metrics());
        p.runUntil(() -> false, 3 * SECOND); // late duplicates must not be delivered again

        assertTrue(wrapA[0] && wrapA[1], "A's TSNs crossed 2^32");
        assertTrue(wrapB[0] && wrapB[1], "B's TSNs crossed 2^32");
        assertTrue(p.a.metrics().retransmittedChunks() > 0 && p.b.metrics().retransmittedChunks() > 0,
                "losses were repaired across the wrap");
        assertDeliveredInOrder(fromA, p.receivedB);
        assertDeliveredInOrder(fromB, p.receivedA);
    }

    private static void noteWrap(DataChunk d, boolean[] wrap) {
        int tsn = d.tsn().value();
        if (tsn == -1) {
            wrap[0] = true;
        } else if (tsn >= 0 && tsn < 1_000_000) {
            wrap[1] = true;
        }
    }

    @Test
    void ssnsWrapFrom65535To0OnOneStreamWithLossAndStayInOrder() {
        AssociationPair p = new AssociationPair(42, lossy(0.02));
        p.connectBoth();
        assertTrue(p.runUntil(p::connected, 60 * SECOND));
        boolean[] sawWrap = new boolean[2]; // SSN 65535 seen, then SSN 0 after it
        p.setTamperFromA(sniffData(d -> {
            if (d.streamId() == 1 && d.ssn().value() == 0xFFFF) {
                sawWrap[0] = true;
            } else if (d.streamId() == 1 && sawWrap[0] && d.ssn().value() == 0) {
                sawWrap[1] = true;
            }
        }));
        int count = 65_536 + 500;
        List<Message> sent = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Message m = message(1, i, 4 + i % 29);
            sent.add(m);
            p.a.send(m, SendOptions.RELIABLE_ORDERED, p.now());
            if (i % 500 == 0) {
                p.drain();
                p.step();
            }
        }
        p.drain();
        assertTrue(p.runUntil(() -> p.receivedB.size() == count, 3600 * SECOND),
                "delivered " + p.receivedB.size() + "; " + p.a.metrics());
        p.runUntil(() -> false, 3 * SECOND);
        assertTrue(sawWrap[0] && sawWrap[1], "the stream's SSN went 65535 -> 0 on the wire");
        assertTrue(p.a.metrics().retransmittedChunks() > 0);
        assertDeliveredInOrder(sent, p.receivedB);
    }
}
