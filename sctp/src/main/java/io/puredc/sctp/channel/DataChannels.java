package io.puredc.sctp.channel;

import io.puredc.sctp.api.AssociationEvent;
import io.puredc.sctp.api.AssociationState;
import io.puredc.sctp.api.Message;
import io.puredc.sctp.api.SendOptions;
import io.puredc.sctp.assoc.Association;
import io.puredc.sctp.dcep.ChannelType;
import io.puredc.sctp.dcep.DataChannelAck;
import io.puredc.sctp.dcep.DataChannelOpen;
import io.puredc.sctp.dcep.DcepMessage;
import io.puredc.sctp.dcep.Ppid;
import io.puredc.sctp.packet.ParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * WebRTC data channels over one association (RFC 8831, RFC 8832), sans-IO like the association
 * it drives: DCEP OPEN/ACK on PPID 50, stream ids by DTLS role (the DTLS client takes even ids,
 * the server odd ones, RFC 8832 §6), negotiated channels without DCEP, PPIDs 51/53 for
 * string/binary and 56/57 for empty messages (RFC 8831 §6.6), closing by resetting the outgoing
 * stream and waiting for the peer's reset of its own (§6.7), and the remote max-message-size
 * (RFC 8841 §6) enforced on send. An id is reused only after both directions were reset.
 */
public final class DataChannels {
    private final Association association;
    private final boolean dtlsClient;
    private final int remoteMaxMessageSize;
    private final Map<Integer, Channel> channels = new TreeMap<>();
    private final ArrayDeque<ChannelEvent> events = new ArrayDeque<>();
    private boolean connected;
    private boolean ended;
    private long droppedMessages;

    /**
     * @param dtlsClient our DTLS role: decides the parity of the ids we pick
     * @param remoteMaxMessageSize the peer's {@code a=max-message-size} (RFC 8841 §6: 65536 when absent, 0 = unlimited)
     */
    public DataChannels(Association association, boolean dtlsClient, int remoteMaxMessageSize) {
        this.association = association;
        this.dtlsClient = dtlsClient;
        this.remoteMaxMessageSize = remoteMaxMessageSize <= 0 ? Integer.MAX_VALUE : remoteMaxMessageSize;
    }

    public Association association() {
        return association;
    }

    /** The largest message {@link #send} accepts: the smaller of both sides' limits. */
    public int maxMessageSize() {
        return Math.min(remoteMaxMessageSize, association.options().maxMessageSize());
    }

    // ------------------------------------------------------------------ commands

    public void connect(long now) {
        association.connect(now);
        pump(now);
    }

    /**
     * Creates a channel (W3C createDataChannel). Without a connected association it waits in
     * CONNECTING and opens once the association is up.
     */
    public Channel create(String label, ChannelOptions options, long now) {
        if (ended) {
            throw new IllegalStateException("the association has ended");
        }
        int id = options.negotiated() ? options.id() : freeId();
        if (channels.containsKey(id)) {
            throw new IllegalArgumentException("stream id " + id + " is in use");
        }
        Channel ch = new Channel(id, label, options, false);
        channels.put(id, ch);
        if (connected) {
            open(ch, now);
        }
        pump(now);
        return ch;
    }

    /**
     * Sends one message. Empty messages use PPID 56/57 with a single zero byte (RFC 8831 §6.6).
     * {@code data} is handed over, as to {@link Message}: its DATA chunks are encoded (and
     * retransmitted) straight from it, so the caller must not change it afterwards.
     */
    public void send(Channel ch, byte[] data, boolean binary, long now) {
        if (ch.state != Channel.State.OPEN) {
            throw new IllegalStateException(ch + " is not open");
        }
        if (data.length > maxMessageSize()) {
            throw new IllegalArgumentException("message of " + data.length + " bytes exceeds the max-message-size "
                    + maxMessageSize());
        }
        int ppid;
        byte[] payload = data;
        if (data.length == 0) {
            ppid = binary ? Ppid.BINARY_EMPTY : Ppid.STRING_EMPTY;
            payload = new byte[1];
        } else {
            ppid = binary ? Ppid.BINARY : Ppid.STRING;
        }
        association.send(new Message(ch.id(), ppid, payload), sendOptions(ch), now);
        pump(now);
    }

    /** Closes a channel (W3C close): queued messages are sent, then the stream is reset. */
    public void close(Channel ch, long now) {
        if (ch.state == Channel.State.CLOSED || ch.state == Channel.State.CLOSING && ch.resetRequested) {
            return;
        }
        ch.state = Channel.State.CLOSING;
        if (!connected) {
            ch.outgoingReset = true; // never opened: nothing to reset on either side
            ch.incomingReset = true;
            maybeClosed(ch);
            return;
        }
        requestReset(ch, now);
        pump(now);
    }

    public long bufferedAmount(Channel ch) {
        return association.bufferedAmount(ch.id());
    }

    public void setBufferedAmountLowThreshold(Channel ch, long threshold) {
        association.setBufferedAmountLowThreshold(ch.id(), threshold);
    }

    /** Graceful end of the association (all channels close). */
    public void shutdown(long now) {
        association.shutdown(now);
        pump(now);
    }

    // ------------------------------------------------------------------ driving

    /**
     * One SCTP packet from the transport. The array is handed over: the caller must never change
     * it afterwards (see {@link Association#handlePacket}).
     */
    public void handlePacket(byte[] packet, long now) {
        association.handlePacket(packet, now);
        pump(now);
    }

    public void handleTimeout(long now) {
        association.handleTimeout(now);
        pump(now);
    }

    public byte[] pollPacket() {
        return association.pollPacket();
    }

    public ChannelEvent pollEvent() {
        return events.poll();
    }

    public long nextDeadline() {
        return association.nextDeadline();
    }

    public Collection<Channel> channels() {
        return Collections.unmodifiableCollection(channels.values());
    }

    /** Messages dropped: on a stream with no channel, with an unknown PPID, or a malformed DCEP message. */
    public long droppedMessages() {
        return droppedMessages;
    }

    // ------------------------------------------------------------------ association events

    private void pump(long now) {
        AssociationEvent e;
        while ((e = association.pollEvent()) != null) {
            if (e instanceof AssociationEvent.Connected) {
                connected = true;
                events.add(new ChannelEvent.Connected());
                for (Channel ch : new ArrayList<>(channels.values())) {
                    if (ch.state == Channel.State.CONNECTING && !ch.isRemote()) {
                        open(ch, now);
                    }
                }
            } else if (e instanceof AssociationEvent.MessageReceived m) {
                onMessage(m.message(), now);
            } else if (e instanceof AssociationEvent.BufferedAmountLow low) {
                Channel ch = channels.get(low.streamId());
                if (ch != null) {
                    events.add(new ChannelEvent.BufferedAmountLow(ch));
                }
            } else if (e instanceof AssociationEvent.IncomingStreamsReset r) {
                onIncomingReset(r.streamIds(), now);
            } else if (e instanceof AssociationEvent.OutgoingStreamsReset r) {
                for (int id : r.streamIds()) {
                    Channel ch = channels.get(id);
                    if (ch != null) {
                        ch.outgoingReset = true;
                        maybeClosed(ch);
                    }
                }
            } else if (e instanceof AssociationEvent.StreamResetFailed f) {
                for (int id : f.streamIds()) {
                    Channel ch = channels.get(id);
                    if (ch != null) {
                        ch.outgoingReset = true; // the peer refused; the channel is unusable all the same
                        maybeClosed(ch);
                    }
                }
            } else if (e instanceof AssociationEvent.Closed) {
                endAll("association shut down", false);
            } else if (e instanceof AssociationEvent.Aborted a) {
                endAll(a.reason(), true);
            }
        }
    }

    private void open(Channel ch, long now) {
        if (ch.options().negotiated()) {
            ch.state = Channel.State.OPEN;
            events.add(new ChannelEvent.Opened(ch));
            return;
        }
        DataChannelOpen open = new DataChannelOpen(channelType(ch.options()), ch.options().priority(),
                reliabilityParameter(ch.options()), ch.label(), ch.protocol());
        // RFC 8832 §6: the OPEN is sent reliable and ordered.
        association.send(new Message(ch.id(), Ppid.DCEP, open.toBytes()), SendOptions.RELIABLE_ORDERED, now);
        ch.state = Channel.State.OPEN;
        events.add(new ChannelEvent.Opened(ch));
    }

    private void onMessage(Message m, long now) {
        Channel ch = channels.get(m.streamId());
        if (m.ppid() == Ppid.DCEP) {
            onDcep(ch, m, now);
            return;
        }
        if (ch == null || ch.state == Channel.State.CLOSED || ch.incomingReset) {
            droppedMessages++;
            return;
        }
        switch (m.ppid()) {
            case Ppid.STRING, Ppid.STRING_PARTIAL_DEPRECATED ->
                    events.add(new ChannelEvent.Message(ch, false, m.payload()));
            case Ppid.BINARY, Ppid.BINARY_PARTIAL_DEPRECATED ->
                    events.add(new ChannelEvent.Message(ch, true, m.payload()));
            case Ppid.STRING_EMPTY -> events.add(new ChannelEvent.Message(ch, false, new byte[0]));
            case Ppid.BINARY_EMPTY -> events.add(new ChannelEvent.Message(ch, true, new byte[0]));
            default -> droppedMessages++;
        }
    }

    private void onDcep(Channel existing, Message m, long now) {
        DcepMessage msg;
        try {
            msg = DcepMessage.parse(m.payload());
        } catch (ParseException e) {
            droppedMessages++;
            return;
        }
        if (msg instanceof DataChannelOpen open) {
            if (existing != null) {
                droppedMessages++; // RFC 8832 §6: an OPEN on a stream in use is a protocol error
                return;
            }
            Channel ch = new Channel(m.streamId(), open.label(), options(open), true);
            ch.acked = true;
            channels.put(ch.id(), ch);
            association.send(new Message(ch.id(), Ppid.DCEP, new DataChannelAck().toBytes()),
                    SendOptions.RELIABLE_ORDERED, now);
            ch.state = Channel.State.OPEN;
            events.add(new ChannelEvent.Opened(ch));
        } else if (existing != null) {
            existing.acked = true;
        } else {
            droppedMessages++;
        }
    }

    /** RFC 8831 §6.7: the peer reset its outgoing stream; we reset ours in turn. */
    private void onIncomingReset(List<Integer> ids, long now) {
        Collection<Integer> affected = ids.isEmpty() ? new ArrayList<>(channels.keySet()) : ids;
        for (int id : affected) {
            Channel ch = channels.get(id);
            if (ch == null) {
                continue;
            }
            ch.incomingReset = true;
            if (ch.state == Channel.State.OPEN || ch.state == Channel.State.CONNECTING) {
                ch.state = Channel.State.CLOSING;
                events.add(new ChannelEvent.Closing(ch));
            }
            requestReset(ch, now);
            maybeClosed(ch);
        }
    }

    private void requestReset(Channel ch, long now) {
        if (ch.resetRequested) {
            return;
        }
        ch.resetRequested = true;
        if (association.state() == AssociationState.ESTABLISHED) {
            association.resetStreams(List.of(ch.id()), now);
        } else {
            ch.outgoingReset = true; // nothing was ever sent on it
        }
    }

    private void maybeClosed(Channel ch) {
        if (ch.outgoingReset && ch.incomingReset && ch.state != Channel.State.CLOSED) {
            ch.state = Channel.State.CLOSED;
            channels.remove(ch.id());
            events.add(new ChannelEvent.Closed(ch));
        }
    }

    private void endAll(String reason, boolean error) {
        if (ended) {
            return;
        }
        ended = true;
        for (Channel ch : new ArrayList<>(channels.values())) {
            ch.state = Channel.State.CLOSED;
            events.add(new ChannelEvent.Closed(ch));
        }
        channels.clear();
        events.add(new ChannelEvent.AssociationEnded(reason, error));
    }

    // ------------------------------------------------------------------ mapping

    /** The lowest free id of our parity (RFC 8832 §6), below the negotiated stream count. */
    private int freeId() {
        int limit = association.outboundStreams() > 0 ? association.outboundStreams()
                : association.options().outboundStreams();
        for (int id = dtlsClient ? 0 : 1; id < limit; id += 2) {
            if (!channels.containsKey(id)) {
                return id;
            }
        }
        throw new IllegalStateException("no free stream id left");
    }

    private SendOptions sendOptions(Channel ch) {
        ChannelOptions o = ch.options();
        boolean unordered = !o.ordered() && ch.acked;
        if (o.maxRetransmits() >= 0) {
            return SendOptions.maxRetransmits(unordered, o.maxRetransmits());
        }
        if (o.maxPacketLifeTimeMs() >= 0) {
            return SendOptions.lifetime(unordered, o.maxPacketLifeTimeMs() * 1_000_000L);
        }
        return SendOptions.reliable(unordered);
    }

    private static ChannelType channelType(ChannelOptions o) {
        if (o.maxRetransmits() >= 0) {
            return o.ordered() ? ChannelType.PARTIAL_RELIABLE_REXMIT : ChannelType.PARTIAL_RELIABLE_REXMIT_UNORDERED;
        }
        if (o.maxPacketLifeTimeMs() >= 0) {
            return o.ordered() ? ChannelType.PARTIAL_RELIABLE_TIMED : ChannelType.PARTIAL_RELIABLE_TIMED_UNORDERED;
        }
        return o.ordered() ? ChannelType.RELIABLE : ChannelType.RELIABLE_UNORDERED;
    }

    private static long reliabilityParameter(ChannelOptions o) {
        return o.maxRetransmits() >= 0 ? o.maxRetransmits() : Math.max(0, o.maxPacketLifeTimeMs());
    }

    private static ChannelOptions options(DataChannelOpen open) {
        ChannelType t = open.channelType();
        int rexmit = -1;
        int life = -1;
        int param = (int) Math.min(0xFFFF, open.reliabilityParameter());
        if (t == ChannelType.PARTIAL_RELIABLE_REXMIT || t == ChannelType.PARTIAL_RELIABLE_REXMIT_UNORDERED) {
            rexmit = param;
        } else if (t == ChannelType.PARTIAL_RELIABLE_TIMED || t == ChannelType.PARTIAL_RELIABLE_TIMED_UNORDERED) {
            life = param;
        }
        return new ChannelOptions(t.ordered(), rexmit, life, open.protocol(), open.priority(), false, -1);
    }
}
