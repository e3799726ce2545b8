package io.puredc.peer;

import io.puredc.sctp.channel.Channel;
import io.puredc.sctp.channel.ChannelOptions;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A W3C-shaped RTCDataChannel. Every method may be called from any thread; callbacks run on the
 * connection's event loop thread, one at a time, and must not block it. {@code send} copies the
 * message, counts it in {@link #bufferedAmount()} at once and hands it to the loop.
 */
public final class DataChannel {
    /** W3C RTCDataChannelState. */
    public enum ReadyState { CONNECTING, OPEN, CLOSING, CLOSED }

    private final PeerConnection pc;
    private final String label;
    private final ChannelOptions options;
    volatile Channel channel; // set on the loop once SCTP exists
    private volatile ReadyState readyState = ReadyState.CONNECTING;
    /** Bytes accepted by send() and not yet handed to the association. */
    private final AtomicLong queued = new AtomicLong();
    /** The association's buffered amount for this stream, as the loop last saw it. */
    volatile long inAssociation;
    private volatile long lowThreshold;

    private volatile Runnable onOpen = () -> { };
    private volatile Consumer<DataChannelMessage> onMessage = m -> { };
    private volatile Runnable onClose = () -> { };
    private volatile Runnable onClosing = () -> { };
    private volatile Runnable onBufferedAmountLow = () -> { };
    private volatile Consumer<String> onError = e -> { };

    DataChannel(PeerConnection pc, String label, ChannelOptions options, Channel channel) {
        this.pc = pc;
        this.label = label;
        this.options = options;
        this.channel = channel;
    }

    public String label() {
        return label;
    }

    public String protocol() {
        return options.protocol();
    }

    public boolean ordered() {
        return options.ordered();
    }

    /** Null when unset. */
    public Integer maxRetransmits() {
        return options.maxRetransmits() >= 0 ? options.maxRetransmits() : null;
    }

    /** Null when unset. */
    public Integer maxPacketLifeTime() {
        return options.maxPacketLifeTimeMs() >= 0 ? options.maxPacketLifeTimeMs() : null;
    }

    /** The options the channel was created with (or announced by the peer's OPEN). */
    ChannelOptions options() {
        return options;
    }

    public boolean negotiated() {
        return options.negotiated();
    }

    /** The SCTP stream id, or -1 while it is not known yet (before the DTLS role is). */
    public int id() {
        Channel c = channel;
        return c != null ? c.id() : options.negotiated() ? options.id() : -1;
    }

    public ReadyState readyState() {
        return readyState;
    }

    /** Bytes accepted by {@code send} and not yet handed to the network. */
    public long bufferedAmount() {
        return queued.get() + inAssociation;
    }

    public long bufferedAmountLowThreshold() {
        return lowThreshold;
    }

    public void setBufferedAmountLowThreshold(long threshold) {
        lowThreshold = Math.max(0, threshold);
        pc.withChannels(core -> {
            Channel c = channel;
            if (c != null) {
                core.setBufferedAmountLowThreshold(c, lowThreshold);
            }
        });
    }

    public void send(String text) {
        send(text.getBytes(StandardCharsets.UTF_8), false);
    }

    /** Sends the buffer's remaining bytes (copied; the buffer is not consumed). */
    public void send(ByteBuffer data) {
        byte[] copy = new byte[data.remaining()];
        data.duplicate().get(copy);
        send(copy, true);
    }

    public void send(byte[] data) {
        send(data.clone(), true);
    }

    /**
     * Sends {@code data} as a binary message without copying it: the array is handed over and
     * the caller must not touch it again. For producers that build each message in a fresh
     * array anyway (a file read straight into a frame), this saves the copy {@link #send(byte[])}
     * makes.
     */
    public void sendTransferred(byte[] data) {
        send(data, true);
    }

    private void send(byte[] owned, boolean binary) {
        if (readyState != ReadyState.OPEN) {
            throw new IllegalStateException("InvalidStateError: data channel '" + label + "' is " + readyState);
        }
        int max = pc.maxMessageSize();
        if (owned.length > max) {
            throw new IllegalArgumentException("TypeError: message of " + owned.length
                    + " bytes exceeds the max-message-size " + max);
        }
        queued.addAndGet(owned.length);
        pc.withChannels(core -> {
            try {
                Channel c = channel;
                if (c != null && readyState == ReadyState.OPEN) {
                    core.send(c, owned, binary, System.nanoTime());
                    inAssociation = core.bufferedAmount(c);
                }
            } catch (RuntimeException e) {
                onError.accept("send failed: " + e.getMessage());
            } finally {
                queued.addAndGet(-owned.length);
            }
        });
    }

    /** Closes the channel: queued messages are still sent, then the stream is reset (RFC 8831 §6.7). */
    public void close() {
        if (readyState == ReadyState.CLOSED || readyState == ReadyState.CLOSING) {
            return;
        }
        readyState = ReadyState.CLOSING;
        pc.withChannels(core -> {
            Channel c = channel;
            if (c != null) {
                core.close(c, System.nanoTime());
            } else {
                closed();
            }
        });
    }

    public void onOpen(Runnable r) {
        onOpen = r;
    }

    public void onMessage(Consumer<DataChannelMessage> c) {
        onMessage = c;
    }

    public void onClose(Runnable r) {
        onClose = r;
    }

    /** The peer started closing the channel (W3C "closing" event). */
    public void onClosing(Runnable r) {
        onClosing = r;
    }

    public void onBufferedAmountLow(Runnable r) {
        onBufferedAmountLow = r;
    }

    public void onError(Consumer<String> c) {
        onError = c;
    }

    // ------------------------------------------------------------------ called on the loop

    void opened() {
        if (readyState == ReadyState.CONNECTING) {
            readyState = ReadyState.OPEN;
            safely(onOpen);
        }
    }

    void message(boolean binary, byte[] data) {
        Consumer<DataChannelMessage> c = onMessage;
        try {
            c.accept(new DataChannelMessage(binary, data));
        } catch (RuntimeException e) {
            PeerConnection.LOG.warn("data channel '{}': onMessage threw", label, e);
        }
    }

    void closing() {
        if (readyState == ReadyState.OPEN || readyState == ReadyState.CONNECTING) {
            readyState = ReadyState.CLOSING;
            safely(onClosing);
        }
    }

    void closed() {
        if (readyState != ReadyState.CLOSED) {
            readyState = ReadyState.CLOSED;
            inAssociation = 0;
            safely(onClose);
        }
    }

    void bufferedAmountLow() {
        if (bufferedAmount() <= lowThreshold) {
            safely(onBufferedAmountLow);
        }
    }

    private void safely(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            PeerConnection.LOG.warn("data channel '{}': callback threw", label, e);
        }
    }

    @Override
    public String toString() {
        return "DataChannel[" + id() + " '" + label + "' " + readyState + "]";
    }
}
