package io.puredc.daemon.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.puredc.transcode.SourceTimeoutException;
import io.puredc.transcode.StreamSource;
import io.puredc.wire.Frame;
import io.puredc.wire.FrameCodec;
import io.puredc.wire.RangeStatus;
import io.puredc.wire.Wire;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The pump's rules of PROTOCOL.md §1 on a fake channel and a manual clock, so slots, the 5 s
 * wait, CANCEL and back-pressure are checked exactly, without timing.
 */
class RangePumpTest {
    static final int MIB = 1 << 20;

    /** A channel that keeps everything sent as "buffered" until the test drains it. */
    final class FakeChannel implements RangePump.Output {
        final List<Frame> frames = new ArrayList<>();
        long buffered;
        long maxBuffered;
        /** A reader that keeps up: nothing stays buffered. */
        boolean drains;

        @Override
        public void send(byte[] frame) {
            try {
                frames.add(FrameCodec.decode(ByteBuffer.wrap(frame)));
            } catch (Exception e) {
                throw new AssertionError(e);
            }
            buffered += drains ? 0 : frame.length;
            maxBuffered = Math.max(maxBuffered, buffered);
        }

        @Override
        public long bufferedAmount() {
            return buffered;
        }
    }

    /** Runs tasks when asked; delayed tasks when the manual clock reaches them. */
    static final class ManualScheduler implements RangePump.Scheduler {
        record Timed(long at, long seq, Runnable task) {
        }

        final ArrayDeque<Runnable> soon = new ArrayDeque<>();
        final PriorityQueue<Timed> later = new PriorityQueue<>((a, b) -> a.at != b.at ? Long.compare(a.at, b.at)
                : Long.compare(a.seq, b.seq));
        long now;
        long seq;

        @Override
        public void runSoon(Runnable task) {
            soon.add(task);
        }

        @Override
        public void runAfter(Duration delay, Runnable task) {
            later.add(new Timed(now + delay.toMillis(), seq++, task));
        }

        void runPending() {
            for (int i = 0; i < 100_000 && !soon.isEmpty(); i++) {
                soon.poll().run();
            }
        }

        void advance(Duration d) {
            now += d.toMillis();
            while (!later.isEmpty() && later.peek().at <= now) {
                later.poll().task.run();
            }
            runPending();
        }
    }

    /** Bytes that may still grow (a transcode) or be final (a file). */
    static final class BytesSource implements StreamSource {
        final byte[] bytes;
        int available;
        boolean isFinal;
        final CompletableFuture<Long> whenFinal = new CompletableFuture<>();

        BytesSource(int size, int available, boolean isFinal) {
            bytes = new byte[size];
            for (int i = 0; i < size; i++) {
                bytes[i] = (byte) (i * 31 + 7);
            }
            this.available = available;
            this.isFinal = isFinal;
        }

        @Override
        public int read(long position, ByteBuffer dst, Instant deadline) throws SourceTimeoutException {
            if (position < available) {
                int n = (int) Math.min(dst.remaining(), available - position);
                dst.put(bytes, (int) position, n);
                return n;
            }
            if (isFinal) {
                return -1;
            }
            throw new SourceTimeoutException("not written yet"); // the manual clock never waits
        }

        void finish(int size) {
            available = size;
            isFinal = true;
            whenFinal.complete((long) size);
        }

        @Override
        public boolean isFinal() {
            return isFinal;
        }

        @Override
        public long estimatedSize() {
            return isFinal ? available : bytes.length;
        }

        @Override
        public String mimeType() {
            return "video/mp4";
        }

        @Override
        public long durationMillis() {
            return 8000;
        }

        @Override
        public CompletionStage<Long> whenFinal() {
            return whenFinal;
        }

        @Override
        public void close() {
        }
    }

    final FakeChannel channel = new FakeChannel();
    final ManualScheduler scheduler = new ManualScheduler();
    final PumpStats stats = new PumpStats();

    RangePump pump(StreamSource source) {
        return new RangePump(source, "test.mp4", channel, scheduler, stats);
    }

    void send(RangePump p, Frame f) {
        p.onMessage(true, FrameCodec.encode(f).array());
        scheduler.runPending();
    }

    List<Frame.RangeEnd> ends() {
        return channel.frames.stream().filter(f -> f instanceof Frame.RangeEnd).map(f -> (Frame.RangeEnd) f).toList();
    }

    long dataBytes(long id) {
        return channel.frames.stream().filter(f -> f instanceof Frame.RangeData d && d.streamId() == id)
                .mapToLong(f -> ((Frame.RangeData) f).payload().remaining()).sum();
    }

    @Test
    void fourAreServedAtOnceAndAFifthGetsBusyAfterFiveSeconds() {
        RangePump p = pump(new BytesSource(64 * MIB, 64 * MIB, true));
        channel.buffered = RangePump.PAUSE_ABOVE + 1; // nothing drains: the four stay open
        for (long id = 1; id <= 5; id++) {
            send(p, new Frame.RangeReq(id, 0, 0));
        }
        assertTrue(ends().isEmpty());
        scheduler.advance(Duration.ofMillis(4_999));
        assertTrue(ends().isEmpty(), "the fifth waits for a slot");
        scheduler.advance(Duration.ofMillis(1));
        assertEquals(List.of(new Frame.RangeEnd(5, RangeStatus.BUSY.code())), ends());
    }

    @Test
    void aFifthIsServedWhenASlotFreesWithinFiveSeconds() {
        RangePump p = pump(new BytesSource(4 * MIB, 4 * MIB, true));
        channel.buffered = RangePump.PAUSE_ABOVE + 1;
        for (long id = 1; id <= 5; id++) {
            send(p, new Frame.RangeReq(id, 0, 100_000));
        }
        scheduler.advance(Duration.ofSeconds(2));
        send(p, new Frame.Cancel(2));
        channel.buffered = 0;
        p.onBufferedAmountLow();
        scheduler.advance(Duration.ofSeconds(10)); // the fifth's BUSY timer fires and finds it served
        List<String> got = ends().stream().map(e -> e.streamId() + ":" + e.status()).sorted().toList();
        assertEquals(List.of("1:0", "2:4", "3:0", "4:0", "5:0"), got);
        assertEquals(100_000, dataBytes(5));
        assertEquals(0, dataBytes(2), "the cancelled one had not been served yet");
    }

    @Test
    void requestsTakeTurnsChunkByChunk() {
        channel.drains = true;
        RangePump p = pump(new BytesSource(4 * MIB, 4 * MIB, true));
        p.onMessage(true, FrameCodec.encode(new Frame.RangeReq(1, 0, 0)).array());
        p.onMessage(true, FrameCodec.encode(new Frame.RangeReq(2, 0, 0)).array());
        scheduler.runPending();
        List<Long> order = channel.frames.stream().filter(f -> f instanceof Frame.RangeData)
                .map(f -> ((Frame.RangeData) f).streamId()).collect(Collectors.toList());
        List<Long> window = order.subList(0, 2 * (4 * MIB / Wire.MAX_CHUNK_PAYLOAD));
        for (int i = 0; i + 1 < window.size(); i++) {
            assertTrue(!window.get(i).equals(window.get(i + 1)), "turns alternate: " + window);
        }
        assertEquals(4 * MIB, dataBytes(1));
        assertEquals(4 * MIB, dataBytes(2));
    }

    @Test
    void aReaderThatStopsReadingStopsThePumpAtTheHighWatermark() {
        RangePump p = pump(new BytesSource(64 * MIB, 64 * MIB, true));
        send(p, new Frame.RangeReq(1, 0, 0));
        assertTrue(p.isPaused());
        long bound = RangePump.PAUSE_ABOVE + Wire.HEADER_SIZE + Wire.MAX_CHUNK_PAYLOAD;
        assertTrue(channel.maxBuffered <= bound, "buffered " + channel.maxBuffered + " stays under " + bound);
        long sent = dataBytes(1);
        scheduler.advance(Duration.ofSeconds(60));
        assertEquals(sent, dataBytes(1), "nothing more while the reader does not read");
        // The reader catches up below the low threshold: the pump resumes, bounded again.
        channel.buffered = RangePump.RESUME_BELOW - 1;
        p.onBufferedAmountLow();
        scheduler.runPending();
        assertTrue(dataBytes(1) > sent);
        assertTrue(channel.maxBuffered <= bound);
        assertEquals(2, stats.pauses.sum());
    }

    @Test
    void cancelEndsARequestAtTheNextChunkWithStatusFour() {
        RangePump p = pump(new BytesSource(64 * MIB, 64 * MIB, true));
        channel.buffered = RangePump.PAUSE_ABOVE - 1; // room for exactly one chunk, then paused
        send(p, new Frame.RangeReq(9, 0, 0));
        assertEquals(Wire.MAX_CHUNK_PAYLOAD, dataBytes(9));
        send(p, new Frame.Cancel(9));
        assertEquals(List.of(new Frame.RangeEnd(9, RangeStatus.CANCELLED.code())), ends());
        channel.buffered = 0;
        p.onBufferedAmountLow();
        scheduler.runPending();
        assertEquals(Wire.MAX_CHUNK_PAYLOAD, dataBytes(9), "nothing after the cancel");
    }

    @Test
    void aRunningTranscodeIsWaitedForAndHelloIsSentAgainWhenItsSizeIsExact() {
        BytesSource s = new BytesSource(200_000, 50_000, false);
        RangePump p = pump(s);
        p.sendHello();
        Frame.Hello h = assertInstanceOf(Frame.Hello.class, channel.frames.get(0));
        assertTrue(h.transcoding());
        assertEquals(200_000, h.fileSize());
        send(p, new Frame.RangeReq(1, 100_000, 10_000)); // past what exists: waits, not clamped
        assertEquals(0, dataBytes(1));
        assertTrue(ends().isEmpty());
        s.finish(150_000); // ffmpeg finished with a smaller file than estimated
        scheduler.runPending();
        assertEquals(10_000, dataBytes(1));
        assertEquals(List.of(new Frame.RangeEnd(1, 0)), ends());
        send(p, new Frame.RangeReq(2, 140_000, 0)); // reaches past the final end: a short answer with 0
        assertEquals(10_000, dataBytes(2));
        send(p, new Frame.RangeReq(3, 150_001, 0));
        assertEquals(new Frame.RangeEnd(3, RangeStatus.OUT_OF_RANGE.code()), ends().get(ends().size() - 1));
        p.sendHello();
        Frame.Hello again = (Frame.Hello) channel.frames.stream().filter(f -> f instanceof Frame.Hello)
                .reduce((a, b) -> b).orElseThrow();
        assertFalse(again.transcoding());
        assertEquals(150_000, again.fileSize());
    }

    @Test
    void aTranscodeThatEndsBeforeTheRequestMarksItsLastChunk() {
        BytesSource s = new BytesSource(100_000, 20_000, false);
        RangePump p = pump(s);
        send(p, new Frame.RangeReq(1, 0, 0)); // to the end of a file still growing
        assertEquals(20_000, dataBytes(1));
        s.finish(20_000);
        scheduler.runPending();
        Frame.RangeData last = (Frame.RangeData) channel.frames.stream().filter(f -> f instanceof Frame.RangeData)
                .reduce((a, b) -> b).orElseThrow();
        assertTrue(last.lastChunk());
        assertEquals(List.of(new Frame.RangeEnd(1, 0)), ends());
    }

    @Test
    void aRepeatedOpenIdAndBrowserBoundTypesAreDroppedAndCounted() {
        RangePump p = pump(new BytesSource(64 * MIB, 64 * MIB, true));
        channel.buffered = RangePump.PAUSE_ABOVE + 1;
        send(p, new Frame.RangeReq(1, 0, 0));
        send(p, new Frame.RangeReq(1, 0, 0));
        send(p, new Frame.RangeEnd(1, 0));
        p.onMessage(false, "text".getBytes());
        scheduler.runPending();
        assertEquals(3, stats.malformed.sum());
        assertTrue(ends().isEmpty());
    }

    @Test
    void helloNamesAreCutAtACharacterBoundary() {
        String name = "é".repeat(600); // 1200 bytes
        String cut = RangePump.truncateUtf8(name, Wire.MAX_NAME_BYTES);
        assertEquals(512, cut.length());
    }
}
