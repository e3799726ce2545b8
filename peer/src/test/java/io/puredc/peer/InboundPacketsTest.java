package io.puredc.peer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class InboundPacketsTest {
    private final ArrayDeque<Runnable> loop = new ArrayDeque<>();
    private final List<List<Integer>> batches = new ArrayList<>();
    private final InboundPackets inbound = new InboundPackets(loop::add, batch -> {
        List<Integer> ids = new ArrayList<>();
        for (ByteBuffer b : batch) {
            if (b == null) {
                break;
            }
            ids.add(b.getInt(0));
        }
        batches.add(ids);
    });

    private static ByteBuffer packet(int id) {
        return ByteBuffer.allocate(4).putInt(0, id);
    }

    private void runLoop() {
        Runnable r;
        while ((r = loop.poll()) != null) {
            r.run();
        }
    }

    @Test
    void aBurstCostsOneTaskAndArrivesInOrderInOneBatch() {
        for (int i = 0; i < 10; i++) {
            inbound.offer(packet(i));
        }
        assertEquals(1, loop.size());
        runLoop();
        assertEquals(List.of(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9)), batches);
    }

    @Test
    void moreThanOneBatchIsSplitAndTheRestRescheduledInOrder() {
        int n = InboundPackets.MAX_BATCH * 2 + 3;
        for (int i = 0; i < n; i++) {
            inbound.offer(packet(i));
        }
        assertEquals(1, loop.size());
        runLoop();
        assertEquals(3, batches.size());
        assertEquals(InboundPackets.MAX_BATCH, batches.get(0).size());
        assertEquals(3, batches.get(2).size());
        List<Integer> all = new ArrayList<>();
        batches.forEach(all::addAll);
        for (int i = 0; i < n; i++) {
            assertEquals(i, all.get(i));
        }
    }

    @Test
    void aPacketOfferedAfterADrainSchedulesAnother() {
        inbound.offer(packet(1));
        runLoop();
        inbound.offer(packet(2));
        assertEquals(1, loop.size());
        runLoop();
        assertEquals(List.of(List.of(1), List.of(2)), batches);
    }

    @Test
    void aFailingSinkDoesNotStrandLaterPackets() {
        boolean[] fail = {true};
        List<Integer> got = new ArrayList<>();
        InboundPackets failing = new InboundPackets(loop::add, batch -> {
            if (fail[0]) {
                fail[0] = false;
                throw new IllegalStateException("boom");
            }
            for (ByteBuffer b : batch) {
                if (b == null) {
                    break;
                }
                got.add(b.getInt(0));
            }
        });
        for (int i = 0; i < InboundPackets.MAX_BATCH + 1; i++) {
            failing.offer(packet(i));
        }
        Runnable first = loop.poll();
        try {
            first.run();
        } catch (IllegalStateException expected) {
            // the loop's task wrapper logs it
        }
        runLoop();
        assertEquals(List.of(InboundPackets.MAX_BATCH), got);
        failing.offer(packet(-1));
        runLoop();
        assertTrue(got.contains(-1));
    }
}
