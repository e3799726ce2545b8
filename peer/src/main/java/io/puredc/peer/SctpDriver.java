package io.puredc.peer;

import io.puredc.dtls.DtlsTransport;
import io.puredc.dtls.TransportException;
import io.puredc.sctp.channel.ChannelEvent;
import io.puredc.sctp.channel.DataChannels;
import java.nio.ByteBuffer;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs one sans-IO {@link DataChannels} core on its connection's event loop (str0m's run loop):
 * each input is one task — feed the core with the current time, then send every packet it
 * produced through DTLS, hand every event to the data channels, and re-arm one timer at the
 * core's next deadline. Only ever called on the loop thread.
 */
final class SctpDriver {
    private final ScheduledExecutorService loop;
    private final DtlsTransport dtls;
    private final DataChannels core;
    private final PeerConnection pc;
    private ScheduledFuture<?> timer;
    private long armedAt = Long.MAX_VALUE;
    private long lastChunksSent = -1;
    private boolean closed;

    SctpDriver(ScheduledExecutorService loop, DtlsTransport dtls, DataChannels core, PeerConnection pc) {
        this.loop = loop;
        this.dtls = dtls;
        this.core = core;
        this.pc = pc;
    }

    DataChannels channels() {
        return core;
    }

    void start() {
        core.connect(System.nanoTime());
        flush();
    }

    void onPacket(ByteBuffer packet) {
        if (closed) {
            return;
        }
        core.handlePacket(bytes(packet), System.nanoTime());
        flush();
    }

    /**
     * A batch from {@link InboundPackets} (null-terminated when shorter than the array): each
     * packet is fed to the core, then what they all produced is sent in one flush, so a burst of
     * DATA is answered by the SACKs the core decided on without a timer re-arm per packet.
     */
    void onPackets(ByteBuffer[] batch) {
        if (closed) {
            return;
        }
        long now = System.nanoTime();
        for (ByteBuffer packet : batch) {
            if (packet == null) {
                break;
            }
            core.handlePacket(bytes(packet), now);
        }
        flush();
    }

    /** The association owns the array it is handed; DTLS gives us a slice of its datagram. */
    private static byte[] bytes(ByteBuffer packet) {
        byte[] bytes = new byte[packet.remaining()];
        packet.get(bytes);
        return bytes;
    }

    private void onTimer() {
        timer = null;
        armedAt = Long.MAX_VALUE;
        if (closed) {
            return;
        }
        // May be early: the deadline may have moved later since this was armed (see rearm). The
        // core's timers are data and only fire when due, so an early call changes nothing.
        core.handleTimeout(System.nanoTime());
        flush();
    }

    /** Sends what the core produced, dispatches its events and re-arms the timer. */
    void flush() {
        if (closed) {
            return;
        }
        byte[] p;
        while ((p = core.pollPacket()) != null) {
            try {
                dtls.send(ByteBuffer.wrap(p));
            } catch (TransportException e) {
                // The DTLS transport is gone; its close future ends the connection.
                break;
            }
        }
        ChannelEvent e;
        while ((e = core.pollEvent()) != null) {
            dispatch(e);
        }
        refreshBufferedAmounts();
        rearm();
    }

    private void dispatch(ChannelEvent e) {
        if (e instanceof ChannelEvent.Opened o) {
            pc.channelOpened(o.channel());
        } else if (e instanceof ChannelEvent.Message m) {
            DataChannel dc = pc.channel(m.channel());
            if (dc != null) {
                dc.message(m.binary(), m.data());
            }
        } else if (e instanceof ChannelEvent.BufferedAmountLow low) {
            DataChannel dc = pc.channel(low.channel());
            if (dc != null) {
                dc.inAssociation = core.bufferedAmount(low.channel());
                dc.bufferedAmountLow();
            }
        } else if (e instanceof ChannelEvent.Closing c) {
            DataChannel dc = pc.channel(c.channel());
            if (dc != null) {
                dc.closing();
            }
        } else if (e instanceof ChannelEvent.Closed c) {
            pc.channelClosed(c.channel());
        } else if (e instanceof ChannelEvent.AssociationEnded end) {
            pc.sctpEnded(end.reason(), end.error());
        }
    }

    /** Channels read their buffered amount without touching the core: refresh the snapshots when it moved. */
    private void refreshBufferedAmounts() {
        long sent = core.association().metrics().dataChunksSent();
        if (sent == lastChunksSent) {
            return;
        }
        lastChunksSent = sent;
        for (DataChannel dc : pc.openChannels()) {
            if (dc.channel != null) {
                dc.inAssociation = core.bufferedAmount(dc.channel);
            }
        }
    }

    /**
     * Keeps one scheduled task at or before the core's next deadline. A deadline that moved later
     * (T3-rtx restarted by every SACK, RFC 9260 §6.3.2 R3) keeps the task armed for the earlier
     * time, which then finds nothing due and re-arms: one wake-up per timer period instead of a
     * cancel and a schedule per packet.
     */
    private void rearm() {
        long deadline = core.nextDeadline();
        if (deadline >= armedAt) {
            return;
        }
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
        armedAt = deadline;
        if (deadline != Long.MAX_VALUE) {
            long delay = Math.max(0, deadline - System.nanoTime());
            timer = loop.schedule(this::onTimer, delay, TimeUnit.NANOSECONDS);
        }
    }

    /** Aborts the association (W3C close sends an SCTP ABORT) and stops the timer. */
    void close() {
        if (closed) {
            return;
        }
        core.association().abort("peer connection closed", System.nanoTime());
        byte[] p;
        while ((p = core.pollPacket()) != null) {
            try {
                dtls.send(ByteBuffer.wrap(p));
            } catch (TransportException e) {
                break;
            }
        }
        closed = true;
        if (timer != null) {
            timer.cancel(false);
        }
    }
}
