package io.puredc.daemon.session;

import io.puredc.transcode.SourceTimeoutException;
import io.puredc.transcode.StreamSource;
import io.puredc.wire.Frame;
import io.puredc.wire.FrameCodec;
import io.puredc.wire.FrameFormatException;
import io.puredc.wire.RangeStatus;
import io.puredc.wire.Wire;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Iterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves one session's {@code stream} channel by the "Daemon rules" of PROTOCOL.md §1: HELLO,
 * RANGE_REQ with at most 4 served at once (a fifth waits up to 5 s for a slot, then BUSY),
 * CANCEL at the next chunk boundary, PING/PONG, and back-pressure on the channel's buffered
 * amount (pause above 8 MiB, resume under 1 MiB: Chromium closes a channel past 16 MiB).
 *
 * <p>Not thread-safe: every method runs on the session's serial executor, so a CANCEL or PING is
 * handled between two chunks, never in the middle of one. Active requests take turns chunk by
 * chunk, so a seek's new request is served while an older one is still running.
 */
final class RangePump {
    private static final Logger LOG = LoggerFactory.getLogger(RangePump.class);

    static final int MAX_ACTIVE = 4;
    static final long PAUSE_ABOVE = 8L << 20;
    static final long RESUME_BELOW = 1L << 20;
    static final Duration SLOT_WAIT = Duration.ofSeconds(5);
    /** How long one read may block on a transcode that has not written the bytes yet. */
    static final Duration READ_SLICE = Duration.ofMillis(100);
    /** A request whose transcode produces nothing for this long ends with IO_ERROR. */
    static final Duration STALL_LIMIT = Duration.ofSeconds(30);
    /** Chunks per turn on the executor before yielding to other tasks (CANCEL, PING, other sessions). */
    static final int CHUNKS_PER_TURN = 32;

    /** The channel as the pump sees it; tests give a fake. */
    interface Output {
        /** Sends one binary message; the array is handed over. */
        void send(byte[] frame);

        long bufferedAmount();
    }

    /** Runs work later on the session's serial executor. */
    interface Scheduler {
        void runSoon(Runnable task);

        void runAfter(Duration delay, Runnable task);
    }

    private static final class Request {
        final long id;
        long position;
        /** Exclusive end, or -1 for "to the final end" of a transcode still running. */
        final long end;
        long lastProgressNanos;
        boolean sentData;

        Request(long id, long position, long end, long now) {
            this.id = id;
            this.position = position;
            this.end = end;
            this.lastProgressNanos = now;
        }
    }

    private final StreamSource source;
    private final String name;
    private final Output out;
    private final Scheduler scheduler;
    private final PumpStats stats;
    /** Active requests in turn order: the head is served next, then moved to the tail. */
    private final ArrayDeque<Request> active = new ArrayDeque<>();
    private final ArrayDeque<Frame.RangeReq> waiting = new ArrayDeque<>();
    private boolean turnScheduled;
    private boolean paused;
    private boolean closed;

    RangePump(StreamSource source, String name, Output out, Scheduler scheduler, PumpStats stats) {
        this.source = source;
        this.name = name;
        this.out = out;
        this.scheduler = scheduler;
        this.stats = stats;
    }

    /** The first frame once the channel opens (and again when a transcode's size becomes exact). */
    void sendHello() {
        if (closed) {
            return;
        }
        int flags = Wire.FLAG_SEEKABLE | (source.isFinal() ? 0 : Wire.FLAG_TRANSCODING);
        send(new Frame.Hello(flags, source.estimatedSize(), truncateUtf8(name, Wire.MAX_NAME_BYTES),
                truncateUtf8(source.mimeType(), Wire.MAX_MIME_BYTES), source.durationMillis()));
    }

    /** One message from the browser; anything malformed is logged, counted and dropped (§1). */
    void onMessage(boolean binary, byte[] message) {
        if (closed) {
            return;
        }
        if (!binary) {
            stats.malformed.increment();
            LOG.debug("{}: dropped a text message; frames are binary", name);
            return;
        }
        Frame f;
        try {
            f = FrameCodec.decode(ByteBuffer.wrap(message));
        } catch (FrameFormatException e) {
            stats.malformed.increment();
            LOG.debug("{}: dropped a malformed frame: {}", name, e.getMessage());
            return;
        }
        if (f instanceof Frame.RangeReq r) {
            request(r);
        } else if (f instanceof Frame.Cancel c) {
            cancel(c.streamId());
        } else if (f instanceof Frame.Ping p) {
            send(p.reply());
        } else if (f instanceof Frame.Pong p) {
            LOG.debug("{}: PONG {}", name, p.streamId());
        } else if (f instanceof Frame.Unknown u) {
            LOG.debug("{}: ignored frame of unknown type {}", name, u.typeCode());
        } else {
            stats.malformed.increment(); // HELLO, RANGE_DATA, RANGE_END only flow to the browser
            LOG.debug("{}: dropped a {} from the browser", name, f.getClass().getSimpleName());
        }
    }

    /** The channel's buffered amount fell under the low threshold. */
    void onBufferedAmountLow() {
        if (paused && !closed) {
            paused = false;
            scheduleTurn();
        }
    }

    /** The session ended: nothing more is sent. */
    void close() {
        closed = true;
        active.clear();
        waiting.clear();
    }

    boolean isPaused() {
        return paused;
    }

    private void request(Frame.RangeReq r) {
        stats.requests.increment();
        if (isOpen(r.streamId())) {
            // Ids are unique among open requests (§1); a repeat cannot get its own RANGE_END.
            stats.malformed.increment();
            LOG.debug("{}: dropped RANGE_REQ {}: that id is still open", name, r.streamId());
            return;
        }
        if (active.size() < MAX_ACTIVE) {
            start(r);
            return;
        }
        waiting.addLast(r);
        scheduler.runAfter(SLOT_WAIT, () -> {
            if (waiting.remove(r)) {
                stats.busy.increment();
                end(r.streamId(), RangeStatus.BUSY);
            }
        });
    }

    private boolean isOpen(long id) {
        for (Request a : active) {
            if (a.id == id) {
                return true;
            }
        }
        for (Frame.RangeReq w : waiting) {
            if (w.streamId() == id) {
                return true;
            }
        }
        return false;
    }

    /** §1: clamp to the end of a finished file; 2 past it; above 2^63-1 is out of range, never wrapped. */
    private void start(Frame.RangeReq r) {
        long offset = r.offset();
        long length = r.length();
        if (offset < 0) {
            end(r.streamId(), RangeStatus.OUT_OF_RANGE);
            return;
        }
        long wanted = length == 0 || length < 0 || offset + length < 0 ? -1 : offset + length;
        long endExclusive;
        if (source.isFinal()) {
            long size = source.estimatedSize();
            if (offset > size) {
                end(r.streamId(), RangeStatus.OUT_OF_RANGE);
                return;
            }
            if (offset == size) {
                end(r.streamId(), RangeStatus.OK);
                return;
            }
            endExclusive = wanted < 0 ? size : Math.min(wanted, size);
        } else {
            endExclusive = wanted; // a running transcode: wait for the bytes, do not clamp
        }
        active.addLast(new Request(r.streamId(), offset, endExclusive, System.nanoTime()));
        scheduleTurn();
    }

    private void cancel(long id) {
        stats.cancels.increment();
        for (Iterator<Request> it = active.iterator(); it.hasNext(); ) {
            Request a = it.next();
            if (a.id == id) {
                it.remove();
                end(id, RangeStatus.CANCELLED);
                promote();
                return;
            }
        }
        for (Iterator<Frame.RangeReq> it = waiting.iterator(); it.hasNext(); ) {
            if (it.next().streamId() == id) {
                it.remove();
                end(id, RangeStatus.CANCELLED);
                return;
            }
        }
        // Already ended: the RANGE_END crossed the CANCEL on the wire. Nothing to do.
    }

    private void promote() {
        while (active.size() < MAX_ACTIVE && !waiting.isEmpty() && !closed) {
            start(waiting.pollFirst());
        }
    }

    private void scheduleTurn() {
        if (!turnScheduled && !closed) {
            turnScheduled = true;
            scheduler.runSoon(this::turn);
        }
    }

    /** Serves up to {@link #CHUNKS_PER_TURN} chunks, one per active request in turn. */
    private void turn() {
        turnScheduled = false;
        for (int i = 0; i < CHUNKS_PER_TURN; i++) {
            if (closed || active.isEmpty()) {
                return;
            }
            if (out.bufferedAmount() > PAUSE_ABOVE) {
                paused = true; // onBufferedAmountLow resumes
                stats.pauses.increment();
                return;
            }
            Request r = active.pollFirst();
            if (!serveChunk(r)) {
                // The transcode has not written these bytes yet: let other tasks run, try again.
                scheduleTurn();
                return;
            }
        }
        scheduleTurn();
    }

    /**
     * Reads one chunk straight into a fresh frame (the only copy of the file bytes before the
     * SCTP layer) and sends it. Returns false when the read timed out waiting for a transcode;
     * the request is then back in the turn order.
     */
    private boolean serveChunk(Request r) {
        int want = r.end < 0 ? Wire.MAX_CHUNK_PAYLOAD
                : (int) Math.min(Wire.MAX_CHUNK_PAYLOAD, r.end - r.position);
        byte[] frame = new byte[Wire.HEADER_SIZE + want];
        ByteBuffer buf = ByteBuffer.wrap(frame);
        int start = FrameCodec.beginRangeData(buf, r.id);
        int n;
        try {
            n = source.read(r.position, buf, Instant.now().plus(READ_SLICE));
        } catch (SourceTimeoutException e) {
            if (System.nanoTime() - r.lastProgressNanos > STALL_LIMIT.toNanos()) {
                fail(r, "no bytes for " + STALL_LIMIT.toSeconds() + " s");
            } else {
                active.addLast(r);
            }
            return false;
        } catch (IOException | RuntimeException e) {
            fail(r, e.getMessage());
            return true;
        }
        if (n < 0) {
            finishAtFinalEnd(r);
            return true;
        }
        r.position += n;
        r.lastProgressNanos = System.nanoTime();
        boolean last = r.position == r.end
                || (source.isFinal() && r.position >= source.estimatedSize());
        FrameCodec.endRangeData(buf, start, last ? Wire.FLAG_LAST_CHUNK : 0);
        send(buf.position() == frame.length ? frame : Arrays.copyOf(frame, buf.position()));
        r.sentData = true;
        stats.bytes.add(n);
        if (last) {
            end(r.id, RangeStatus.OK);
            promote();
        } else {
            active.addLast(r);
        }
        return true;
    }

    /** The source ended before the request did: a short answer with 0, or 2 if it began past the end. */
    private void finishAtFinalEnd(Request r) {
        if (!r.sentData && r.position > source.estimatedSize()) {
            end(r.id, RangeStatus.OUT_OF_RANGE);
        } else {
            if (r.sentData) {
                // The last frame went out before the end was known: mark the end with an empty one.
                ByteBuffer buf = ByteBuffer.allocate(Wire.HEADER_SIZE);
                int start = FrameCodec.beginRangeData(buf, r.id);
                FrameCodec.endRangeData(buf, start, Wire.FLAG_LAST_CHUNK);
                send(buf.array());
            }
            end(r.id, RangeStatus.OK);
        }
        promote();
    }

    private void fail(Request r, String why) {
        stats.ioErrors.increment();
        LOG.warn("{}: range {} at byte {} failed: {}", name, r.id, r.position, why);
        end(r.id, RangeStatus.IO_ERROR);
        promote();
    }

    private void end(long id, RangeStatus status) {
        send(new Frame.RangeEnd(id, status));
    }

    private void send(Frame f) {
        if (!closed) {
            out.send(FrameCodec.encode(f).array());
        }
    }

    private void send(byte[] frame) {
        if (!closed) {
            out.send(frame);
        }
    }

    /** Cuts at a character boundary so that HELLO stays within its field's byte limit. */
    static String truncateUtf8(String s, int maxBytes) {
        byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        if (b.length <= maxBytes) {
            return s;
        }
        int cut = maxBytes;
        while (cut > 0 && (b[cut] & 0xC0) == 0x80) {
            cut--; // never split a multi-byte character
        }
        return new String(b, 0, cut, java.nio.charset.StandardCharsets.UTF_8);
    }
}
