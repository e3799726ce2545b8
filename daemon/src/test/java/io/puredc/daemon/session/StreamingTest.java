package io.puredc.daemon.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.puredc.daemon.Launcher;
import io.puredc.daemon.Running;
import io.puredc.daemon.testing.JavaBrowser;
import io.puredc.wire.Frame;
import io.puredc.wire.RangeStatus;
import io.puredc.wire.Wire;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daemon end to end in process: its real HTTP relay, our Java peer connection as the browser,
 * and PROTOCOL.md §1's daemon rules checked on the frames that come out of the channel.
 */
@Timeout(120)
class StreamingTest {
    static final int SIZE = 3 * 1024 * 1024 + 12_345; // not a multiple of a chunk
    @TempDir
    static Path root;
    static byte[] content;
    static Running daemon;
    static String base;

    @BeforeAll
    static void start() throws Exception {
        content = new byte[SIZE];
        new Random(7).nextBytes(content);
        Files.write(root.resolve("movie.bin"), content);
        Files.write(root.resolve("big.bin"), new byte[24 * 1024 * 1024]);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Launcher.Outcome o = Launcher.start(new String[] {"--root", root.toString(), "--port", "0",
                "--ice-address", "127.0.0.1"}, new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
        daemon = assertInstanceOf(Launcher.Started.class, o).running();
        Matcher m = Pattern.compile("listening on (http://127\\.0\\.0\\.1:\\d+/)").matcher(out.toString(StandardCharsets.UTF_8));
        assertTrue(m.find(), out.toString(StandardCharsets.UTF_8));
        base = m.group(1);
    }

    @AfterAll
    static void stop() {
        if (daemon != null) {
            daemon.close();
        }
    }

    static Frame.Hello hello(JavaBrowser b) throws InterruptedException {
        return assertInstanceOf(Frame.Hello.class, b.next(30), "HELLO is the first frame");
    }

    /** Collects one request's RANGE_DATA until its RANGE_END; checks order, ids and LAST_CHUNK. */
    static byte[] range(JavaBrowser b, long id, RangeStatus expected) throws InterruptedException {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        boolean lastSeen = false;
        while (true) {
            Frame f = b.next(20);
            if (f instanceof Frame.RangeData d) {
                assertEquals(id, d.streamId());
                assertFalse(lastSeen, "data after LAST_CHUNK");
                assertTrue(d.payload().remaining() <= Wire.MAX_CHUNK_PAYLOAD);
                byte[] p = new byte[d.payload().remaining()];
                d.payload().get(p);
                got.writeBytes(p);
                lastSeen = d.lastChunk();
            } else {
                Frame.RangeEnd e = assertInstanceOf(Frame.RangeEnd.class, f);
                assertEquals(id, e.streamId());
                assertEquals(expected.code(), e.status());
                if (got.size() > 0 && expected == RangeStatus.OK) {
                    assertTrue(lastSeen, "the final data frame carries LAST_CHUNK");
                }
                return got.toByteArray();
            }
        }
    }

    @Test
    void helloThenTheWholeFileByteForByte() throws Exception {
        try (JavaBrowser b = JavaBrowser.open(base, "movie.bin")) {
            Frame.Hello h = hello(b);
            assertEquals(SIZE, h.fileSize());
            assertEquals("movie.bin", h.name());
            assertTrue(h.seekable());
            assertFalse(h.transcoding());
            b.send(new Frame.RangeReq(1, 0, 0));
            assertArrayEquals(content, range(b, 1, RangeStatus.OK));
        }
    }

    @Test
    void rangesAreClampedAndOutOfRangeIsRefused() throws Exception {
        try (JavaBrowser b = JavaBrowser.open(base, "movie.bin")) {
            hello(b);
            b.send(new Frame.RangeReq(1, 1000, 50_000));
            assertArrayEquals(Arrays.copyOfRange(content, 1000, 51_000), range(b, 1, RangeStatus.OK));
            b.send(new Frame.RangeReq(2, SIZE - 100, 1_000_000)); // clamped to the end
            assertArrayEquals(Arrays.copyOfRange(content, SIZE - 100, SIZE), range(b, 2, RangeStatus.OK));
            b.send(new Frame.RangeReq(3, SIZE, 0)); // at the end: 0, no data
            assertEquals(0, range(b, 3, RangeStatus.OK).length);
            b.send(new Frame.RangeReq(4, SIZE + 1, 10));
            assertEquals(0, range(b, 4, RangeStatus.OUT_OF_RANGE).length);
            b.send(new Frame.RangeReq(5, Long.MIN_VALUE, 10)); // 2^63: above 2^63-1, never wrapped
            assertEquals(0, range(b, 5, RangeStatus.OUT_OF_RANGE).length);
            b.send(new Frame.RangeReq(6, -1L, 0)); // 2^64-1
            assertEquals(0, range(b, 6, RangeStatus.OUT_OF_RANGE).length);
            b.send(new Frame.RangeReq(7, 5, -1L)); // a u64 length past the end: to the end
            assertArrayEquals(Arrays.copyOfRange(content, 5, SIZE), range(b, 7, RangeStatus.OK));
        }
    }

    @Test
    void malformedFramesAreDroppedAndPingIsAnswered() throws Exception {
        try (JavaBrowser b = JavaBrowser.open(base, "movie.bin")) {
            hello(b);
            b.sendRaw(new byte[] {9, 9, 9});                  // too short, wrong version
            b.sendRaw(new byte[] {1, 2, 0, 0, 0, 0, 0, 1, 0, 0, 0, 99}); // length says 99, none follow
            b.channel.send("a text message");
            b.send(new Frame.Ping(42, java.nio.ByteBuffer.wrap(new byte[] {1, 2, 3})));
            Frame.Pong p = assertInstanceOf(Frame.Pong.class, b.next(20));
            assertEquals(42, p.streamId());
            b.send(new Frame.RangeReq(8, 0, 10));
            assertArrayEquals(Arrays.copyOf(content, 10), range(b, 8, RangeStatus.OK));
        }
    }

    @Test
    void cancelStopsARange() throws Exception {
        try (JavaBrowser b = JavaBrowser.open(base, "big.bin")) {
            hello(b);
            b.send(new Frame.RangeReq(1, 0, 0));
            assertInstanceOf(Frame.RangeData.class, b.next(20));
            b.send(new Frame.Cancel(1));
            long data = Wire.MAX_CHUNK_PAYLOAD;
            while (true) {
                Frame f = b.next(20);
                if (f instanceof Frame.RangeEnd e) {
                    assertEquals(RangeStatus.CANCELLED.code(), e.status());
                    break;
                }
                data += assertInstanceOf(Frame.RangeData.class, f).payload().remaining();
            }
            assertTrue(data < 24 * 1024 * 1024, "the range stopped before its end: " + data);
            b.send(new Frame.Ping(1, java.nio.ByteBuffer.allocate(0))); // the session goes on
            assertInstanceOf(Frame.Pong.class, b.next(20));
        }
    }

    @Test
    void fiveRequestsAtOnceGetFourServedAndTheFifthServedOrBusy() throws Exception {
        try (JavaBrowser b = JavaBrowser.open(base, "movie.bin")) {
            hello(b);
            for (long id = 1; id <= 5; id++) {
                b.send(new Frame.RangeReq(id, 0, 0));
            }
            long[] bytes = new long[6];
            java.util.Map<Long, Long> status = new java.util.HashMap<>();
            boolean fifthStartedBeforeASlotFreed = false;
            while (status.size() < 5) {
                Frame f = b.next(20);
                if (f instanceof Frame.RangeData d) {
                    if (d.streamId() == 5 && status.isEmpty()) {
                        fifthStartedBeforeASlotFreed = true;
                    }
                    bytes[(int) d.streamId()] += d.payload().remaining();
                } else {
                    Frame.RangeEnd e = assertInstanceOf(Frame.RangeEnd.class, f);
                    status.put(e.streamId(), e.status());
                }
            }
            assertFalse(fifthStartedBeforeASlotFreed, "at most 4 are served at once");
            for (int id = 1; id <= 4; id++) {
                assertEquals(0L, status.get((long) id));
                assertEquals(SIZE, bytes[id]);
            }
            // The fifth waited up to 5 s for a slot: served in full, or BUSY with nothing.
            if (status.get(5L) == RangeStatus.OK.code()) {
                assertEquals(SIZE, bytes[5]);
            } else {
                assertEquals(RangeStatus.BUSY.code(), status.get(5L));
                assertEquals(0, bytes[5]);
            }
        }
    }

    @Test
    void byeEndsTheSessionAndClosesTheConnection() throws Exception {
        try (JavaBrowser b = JavaBrowser.open(base, "movie.bin")) {
            hello(b);
            b.signal("bye", "");
            assertTrue(b.channelClosed.await(15, TimeUnit.SECONDS), "the daemon closed the connection");
        }
    }

    @Test
    void daemonShutdownSaysByeToEveryBrowser() throws Exception {
        // A second daemon, so the shared one stays up for the other tests.
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Running other = assertInstanceOf(Launcher.Started.class, Launcher.start(new String[] {"--root", root.toString(),
                "--port", "0", "--ice-address", "127.0.0.1"}, new PrintStream(out, true, StandardCharsets.UTF_8),
                System.err)).running();
        Matcher m = Pattern.compile("listening on (http://\\S+/)").matcher(out.toString(StandardCharsets.UTF_8));
        assertTrue(m.find());
        try (JavaBrowser b = JavaBrowser.open(m.group(1), "movie.bin")) {
            hello(b);
            long t0 = System.nanoTime();
            other.close();
            assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0) < 2_000, "closed within 2 s");
            assertTrue(b.channelClosed.await(15, TimeUnit.SECONDS), "the browser's connection ended");
        } finally {
            other.close();
        }
    }

    @Test
    void aFileStreamedAsASecondSessionAtTheSameTime() throws Exception {
        try (JavaBrowser a = JavaBrowser.open(base, "movie.bin"); JavaBrowser b = JavaBrowser.open(base, "movie.bin")) {
            hello(a);
            hello(b);
            a.send(new Frame.RangeReq(1, 0, 0));
            b.send(new Frame.RangeReq(1, 100, 0));
            assertArrayEquals(content, range(a, 1, RangeStatus.OK));
            assertArrayEquals(Arrays.copyOfRange(content, 100, SIZE), range(b, 1, RangeStatus.OK));
        }
    }
}
