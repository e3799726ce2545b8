package io.puredc.sctp.tx;

import io.puredc.sctp.api.Message;
import io.puredc.sctp.api.SendOptions;
import io.puredc.sctp.packet.Bytes;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * Messages accepted from the application and not yet handed to the network, per stream, cut
 * into DATA-sized fragments on demand (RFC 9260 §6.9). Streams take turns message by message
 * (the fragments of one message must carry consecutive TSNs, §6.9, so a message is finished
 * before the next stream's turn). Ordered messages get their stream's next SSN (§6.5) when
 * their first fragment leaves.
 *
 * <p>{@link #bufferedAmount} is the W3C {@code bufferedAmount}: bytes accepted and not yet sent;
 * crossing down to a stream's low threshold calls the low-threshold listener once.
 */
public final class SendQueue {
    private static final class Pending {
        final Message message;
        final SendOptions options;
        final long messageId;
        final long expiry;
        int offset;
        int ssn = -1;

        Pending(Message message, SendOptions options, long messageId, long expiry) {
            this.message = message;
            this.options = options;
            this.messageId = messageId;
            this.expiry = expiry;
        }

        int remaining() {
            return message.size() - offset;
        }
    }

    private static final class Stream {
        final ArrayDeque<Pending> queue = new ArrayDeque<>();
        long buffered;
        long lowThreshold;
        int nextSsn;
        /** An outgoing reset was requested: no new messages are accepted (RFC 6525 §5.1.2). */
        boolean resetPending;
        boolean scheduled;
    }

    private final Map<Integer, Stream> streams = new HashMap<>();
    /** Streams with data, in turn order. */
    private final ArrayDeque<Integer> turns = new ArrayDeque<>();
    private final IntConsumer onBufferedAmountLow;
    private Pending current;
    private int currentStream;
    private long nextMessageId;
    private long totalBuffered;
    private long expiredMessages;

    public SendQueue(IntConsumer onBufferedAmountLow) {
        this.onBufferedAmountLow = onBufferedAmountLow;
    }

    /**
     * Accepts a message. Messages of zero bytes cannot be sent as DATA (§3.3.1 requires user
     * data); the data-channel layer maps empty messages to PPID 56/57 with one byte first.
     */
    public void add(Message message, SendOptions options, long now) {
        if (message.size() == 0) {
            throw new IllegalArgumentException("an SCTP message carries at least one byte (RFC 9260 §3.3.1)");
        }
        Stream s = stream(message.streamId());
        if (s.resetPending) {
            throw new IllegalStateException("stream " + message.streamId() + " is being reset");
        }
        long expiry = options.lifetimeNanos() >= 0 ? saturatedAdd(now, options.lifetimeNanos()) : Long.MAX_VALUE;
        s.queue.add(new Pending(message, options, nextMessageId++, expiry));
        s.buffered += message.size();
        totalBuffered += message.size();
        schedule(message.streamId(), s);
    }

    /** Whether {@link #next} would produce a fragment (ignoring lifetimes). */
    public boolean hasDataToSend() {
        return current != null || !turns.isEmpty();
    }

    /**
     * Cuts the next fragment of at most {@code maxPayload} bytes, or returns null. Messages
     * whose lifetime ran out before their first byte was sent are dropped here (RFC 3758).
     */
    public OutgoingFragment next(long now, int maxPayload) {
        while (current == null) {
            Integer id = turns.poll();
            if (id == null) {
                return null;
            }
            Stream s = streams.get(id);
            s.scheduled = false;
            Pending p = s.queue.poll();
            if (p == null) {
                continue;
            }
            if (now >= p.expiry) {
                expiredMessages++;
                consumed(id, s, p.remaining());
                schedule(id, s);
                continue;
            }
            current = p;
            currentStream = id;
            if (!p.options.unordered()) {
                p.ssn = s.nextSsn;
                s.nextSsn = (s.nextSsn + 1) & 0xFFFF;
            }
        }
        Pending p = current;
        int size = Math.min(maxPayload, p.remaining());
        boolean beginning = p.offset == 0;
        Bytes payload = Bytes.adopt(p.message.payload(), p.offset, size); // a view: the message owns the array
        p.offset += size;
        boolean end = p.remaining() == 0;
        Stream s = streams.get(currentStream);
        OutgoingFragment f = new OutgoingFragment(currentStream, Math.max(p.ssn, 0), p.message.ppid(),
                p.options.unordered(), beginning, end, payload, p.messageId, p.options.maxRetransmits(), p.expiry);
        if (end) {
            current = null;
            schedule(currentStream, s);
        }
        consumed(currentStream, s, size);
        return f;
    }

    /**
     * Drops what is left of a message that was abandoned after part of it was sent
     * (RFC 3758 §3.5: all fragments of an abandoned message are abandoned).
     */
    public void discardRemainder(long messageId) {
        if (current != null && current.messageId == messageId) {
            Stream s = streams.get(currentStream);
            int left = current.remaining();
            current = null;
            schedule(currentStream, s);
            consumed(currentStream, s, left);
        }
    }

    public long bufferedAmount(int streamId) {
        Stream s = streams.get(streamId);
        return s == null ? 0 : s.buffered;
    }

    public long totalBufferedAmount() {
        return totalBuffered;
    }

    public void setBufferedAmountLowThreshold(int streamId, long threshold) {
        stream(streamId).lowThreshold = Math.max(0, threshold);
    }

    public long bufferedAmountLowThreshold(int streamId) {
        Stream s = streams.get(streamId);
        return s == null ? 0 : s.lowThreshold;
    }

    /** Messages dropped because their lifetime ended before they were sent. */
    public long expiredMessageCount() {
        return expiredMessages;
    }

    /** Refuses new messages on the stream until {@link #completeReset}. */
    public void beginReset(int streamId) {
        stream(streamId).resetPending = true;
    }

    public boolean isResetPending(int streamId) {
        Stream s = streams.get(streamId);
        return s != null && s.resetPending;
    }

    /** True when nothing of the stream is left to send: its outgoing reset may be requested. */
    public boolean isDrained(int streamId) {
        Stream s = streams.get(streamId);
        return s == null || (s.queue.isEmpty() && !(current != null && currentStream == streamId));
    }

    /**
     * RFC 6525 §5.1.2: once the peer performed the reset, the stream starts over: SSN 0, no
     * threshold, new messages accepted (a data channel may reuse the id).
     */
    public void completeReset(int streamId) {
        Stream s = streams.get(streamId);
        if (s == null) {
            return;
        }
        if (isDrained(streamId)) {
            streams.remove(streamId);
        } else {
            s.nextSsn = 0;
            s.resetPending = false;
        }
    }

    private Stream stream(int id) {
        return streams.computeIfAbsent(id, k -> new Stream());
    }

    private void schedule(int id, Stream s) {
        if (!s.scheduled && !s.queue.isEmpty()) {
            s.scheduled = true;
            turns.add(id);
        }
    }

    private void consumed(int id, Stream s, int bytes) {
        long before = s.buffered;
        s.buffered -= bytes;
        totalBuffered -= bytes;
        if (before > s.lowThreshold && s.buffered <= s.lowThreshold) {
            onBufferedAmountLow.accept(id);
        }
    }

    private static long saturatedAdd(long a, long b) {
        long r = a + b;
        return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE : r;
    }
}
