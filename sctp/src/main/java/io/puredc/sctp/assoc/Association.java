package io.puredc.sctp.assoc;

import io.puredc.sctp.api.AssociationEvent;
import io.puredc.sctp.api.AssociationState;
import io.puredc.sctp.api.Message;
import io.puredc.sctp.api.SctpOptions;
import io.puredc.sctp.api.SendOptions;
import io.puredc.sctp.packet.Bytes;
import io.puredc.sctp.packet.ParseException;
import io.puredc.sctp.packet.SctpPacket;
import io.puredc.sctp.packet.cause.ErrorCause;
import io.puredc.sctp.packet.cause.InvalidStreamIdentifierCause;
import io.puredc.sctp.packet.cause.NoUserDataCause;
import io.puredc.sctp.packet.cause.UnrecognizedChunkTypeCause;
import io.puredc.sctp.packet.cause.UserInitiatedAbortCause;
import io.puredc.sctp.packet.chunk.AbortChunk;
import io.puredc.sctp.packet.chunk.Chunk;
import io.puredc.sctp.packet.chunk.CookieAckChunk;
import io.puredc.sctp.packet.chunk.CookieEchoChunk;
import io.puredc.sctp.packet.chunk.DataChunk;
import io.puredc.sctp.packet.chunk.ErrorChunk;
import io.puredc.sctp.packet.chunk.ForwardTsnChunk;
import io.puredc.sctp.packet.chunk.HeartbeatAckChunk;
import io.puredc.sctp.packet.chunk.HeartbeatRequestChunk;
import io.puredc.sctp.packet.chunk.InitAckChunk;
import io.puredc.sctp.packet.chunk.InitChunk;
import io.puredc.sctp.packet.chunk.ReConfigChunk;
import io.puredc.sctp.packet.chunk.SackChunk;
import io.puredc.sctp.packet.chunk.ShutdownAckChunk;
import io.puredc.sctp.packet.chunk.ShutdownChunk;
import io.puredc.sctp.packet.chunk.ShutdownCompleteChunk;
import io.puredc.sctp.packet.chunk.UnknownChunk;
import io.puredc.sctp.tx.SendQueue;
import io.puredc.sctp.types.Tsn;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * One SCTP association for WebRTC data channels, sans-IO (RFC 9260 over DTLS, RFC 8261):
 * it never touches a socket, a thread or a clock. Feed it {@link #handlePacket} and
 * {@link #handleTimeout} with the caller's time in nanoseconds, call the user commands, then
 * drain {@link #pollPacket()} (to the DTLS transport), {@link #pollEvent()} (to the user) and
 * ask {@link #nextDeadline()} when to call {@link #handleTimeout} next. Not thread-safe: one
 * thread (or one event loop) drives it.
 *
 * <p>This class owns the association's life (§4 states, §5 handshake with an HMAC-signed state
 * cookie and INIT collision handling, §8 verification tags, §9 ABORT and SHUTDOWN, §8.3
 * heartbeats); {@link DataPath} owns data transfer and {@link StreamResets} RFC 6525.
 */
public final class Association {
    private final SctpOptions options;
    private final RandomGenerator random;
    private final AssociationMetrics metrics = new AssociationMetrics();
    private final ArrayDeque<byte[]> outgoing = new ArrayDeque<>();
    private final ArrayDeque<AssociationEvent> events = new ArrayDeque<>();
    private final ArrayDeque<Chunk> control = new ArrayDeque<>();
    private final SendQueue sendQueue;
    private final byte[] cookieSecret = new byte[32];
    private final Handshake handshake;
    private final Shutdown shutdown;
    private final Heartbeats heartbeats;
    private final ErrorCounter errors;

    private AssociationState state = AssociationState.CLOSED;
    private int localTag;
    private int peerTag;
    private int localInitialTsn;
    private DataPath data;
    private StreamResets resets;
    private int outboundStreams;
    private long unreadBytes;
    private long lastAdvertisedWindow;
    /** Closed for good: no timers, nothing sent except the §8.4 answers. */
    private boolean finished;

    public Association(SctpOptions options, RandomGenerator random) {
        this.options = options;
        this.random = random;
        random.nextBytes(cookieSecret);
        this.localTag = nonZeroTag();
        // §3.3.2: any value; random unless a test pins it (SctpOptions.withInitialTsn).
        this.localInitialTsn = options.initialTsn() == SctpOptions.RANDOM_INITIAL_TSN
                ? random.nextInt() : (int) options.initialTsn();
        this.sendQueue = new SendQueue(id -> events.add(new AssociationEvent.BufferedAmountLow(id)));
        this.handshake = new Handshake(this);
        this.shutdown = new Shutdown(this, options);
        this.heartbeats = new Heartbeats(options.heartbeatInterval(), random);
        this.errors = new ErrorCounter(options.maxRetransmissions());
    }

    // =================================================================== user commands

    /** Starts the handshake by sending INIT (§5.1 A). Both WebRTC peers do this (§5.2.1 handles the collision). */
    public void connect(long now) {
        if (state != AssociationState.CLOSED || data != null) {
            return; // already connecting, or the peer's INIT got here first
        }
        handshake.sendInit(now);
        flush(now);
    }

    /**
     * Queues a whole message. Bytes are counted in {@link #bufferedAmount} until handed to the
     * network. A message larger than the max-message-size, on a stream out of range, on a
     * stream being reset, or after shutdown began, is refused with an exception.
     */
    public void send(Message message, SendOptions sendOptions, long now) {
        if (message.size() > options.maxMessageSize()) {
            throw new IllegalArgumentException("message of " + message.size() + " bytes exceeds the max-message-size "
                    + options.maxMessageSize());
        }
        if (state.ordinal() > AssociationState.ESTABLISHED.ordinal() || (state == AssociationState.CLOSED && data != null)) {
            throw new IllegalStateException("cannot send in state " + state);
        }
        if (data != null && message.streamId() >= outboundStreams) {
            throw new IllegalArgumentException("stream " + message.streamId() + " is beyond the " + outboundStreams
                    + " negotiated outbound streams");
        }
        sendQueue.add(message, sendOptions.validate(), now);
        flush(now);
    }

    /** Closes these outgoing streams with an RFC 6525 reset once their queued messages are sent. */
    public void resetStreams(List<Integer> streamIds, long now) {
        if (resets == null) {
            throw new IllegalStateException("no association to reset streams on (state " + state + ")");
        }
        resets.request(streamIds);
        flush(now);
    }

    /** Graceful shutdown (§9.2): everything queued is delivered first. */
    public void shutdown(long now) {
        switch (state) {
            case ESTABLISHED -> {
                state = AssociationState.SHUTDOWN_PENDING;
                shutdown.progress(data, now);
            }
            case COOKIE_WAIT, COOKIE_ECHOED -> abort("shutdown before the association was up", now);
            default -> { }
        }
        flush(now);
    }

    /** Sends an ABORT with a User-Initiated Abort cause (§9.1) and closes at once. */
    public void abort(String reason, long now) {
        if (finished || state == AssociationState.CLOSED && data == null && !handshake.isActive()) {
            return;
        }
        sendAlone(new AbortChunk(false, List.of(new UserInitiatedAbortCause(
                Bytes.of(reason.getBytes(StandardCharsets.UTF_8))))), peerTag);
        closeWith(new AssociationEvent.Aborted(reason, false));
    }

    // =================================================================== inputs

    /**
     * One SCTP packet from the transport (a DTLS record's payload).
     *
     * <p><b>The array is handed over</b>: from this call on the association owns it, and the caller
     * must never write to it again (it may still read it, and may hand the same array in twice).
     * The DATA payloads stay views of the packet until their message is delivered (RFC 9260 §6.9),
     * which spares a copy of every payload byte; each message is then copied once into an array
     * of its own, so nothing delivered aliases the packet. A caller that receives into a reused
     * buffer must pass a copy. The association itself never writes to the array.
     */
    public void handlePacket(byte[] bytes, long now) {
        metrics.packetsReceived++;
        if (finished) {
            shutdown.answerAfterClose(bytes);
            return;
        }
        SctpPacket packet;
        try {
            packet = SctpPacket.parse(bytes);
        } catch (ParseException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("bad checksum")) {
                metrics.badChecksum++;
            } else {
                metrics.malformedPackets++;
            }
            return;
        }
        if (packet.destinationPort() != options.localPort() || packet.sourcePort() != options.remotePort()) {
            metrics.malformedPackets++; // not for this association (RFC 8261 §5: one association per DTLS)
            return;
        }
        if (!acceptTag(packet)) {
            metrics.badVerificationTag++;
            return;
        }
        boolean hadData = false;
        boolean immediate = false;
        List<ErrorCause> report = new ArrayList<>();
        for (Chunk chunk : packet.chunks()) {
            if (chunk instanceof DataChunk d) {
                if (data == null || !state.carriesData()) {
                    metrics.unexpectedChunks++;
                    continue;
                }
                if (!data.handleData(d)) {
                    sendAlone(new AbortChunk(false, List.of(new NoUserDataCause(d.tsn()))), peerTag);
                    closeWith(new AssociationEvent.Aborted("DATA chunk without user data (RFC 9260 §6.2)", false));
                    return;
                }
                hadData = true;
                immediate |= d.immediate();
            } else if (chunk instanceof UnknownChunk u) {
                metrics.unknownChunks++;
                if (u.action().reports()) {
                    report.add(new UnrecognizedChunkTypeCause(Bytes.of(u.toBytes())));
                }
                if (u.action().stopsProcessing()) {
                    break;
                }
            } else if (!dispatch(chunk, packet, now)) {
                break;
            }
        }
        if (data != null && hadData) {
            data.endOfPacketWithData(now, immediate);
            for (int sid : data.takeInvalidStreams()) {
                report.add(new InvalidStreamIdentifierCause(sid));
            }
            resets.onCumulativeTsnAdvanced();
        }
        if (!report.isEmpty() && (data != null || handshake.isActive())) {
            control.add(new ErrorChunk(report));
        }
        shutdown.progress(data, now);
        flush(now);
    }

    /** Advances timers to {@code now}: retransmissions, delayed SACKs, heartbeats. */
    public void handleTimeout(long now) {
        if (finished) {
            return;
        }
        if (!handshake.handleTimeout(now)) {
            closeWith(new AssociationEvent.Aborted("no answer to INIT or COOKIE ECHO (RFC 9260 §5.1)", false));
            return;
        }
        if (data != null) {
            if (!data.handleTimeout(now)) {
                peerUnreachable("T3-rtx");
                return;
            }
            resets.handleTimeout(now);
        }
        if (!shutdown.handleTimeout(data, now)) {
            abort("no answer to SHUTDOWN (RFC 9260 §9.2)", now);
            return;
        }
        HeartbeatRequestChunk hb = heartbeats.poll(now);
        if (hb != null && heartbeats.previousUnanswered() && errors.increment()) {
            peerUnreachable("HEARTBEAT");
            return;
        }
        if (hb != null && state == AssociationState.ESTABLISHED) {
            control.add(hb);
        }
        flush(now);
    }

    /**
     * §8.1: the error counter passed Association.Max.Retrans. The peer is unreachable, so we
     * stop sending to it at once (no ABORT either: nothing gets through) and report why.
     */
    private void peerUnreachable(String lastFailure) {
        closeWith(new AssociationEvent.Aborted("peer unreachable: " + errors.count() + " consecutive failures (last: "
                + lastFailure + ") exceeded Association.Max.Retrans " + errors.limit() + " (RFC 9260 §8.1)", false));
    }

    // =================================================================== outputs

    /** The next packet to hand to the transport, or null. */
    public byte[] pollPacket() {
        return outgoing.poll();
    }

    /** The next event for the user, or null. Reading a message reopens our receive window. */
    public AssociationEvent pollEvent() {
        AssociationEvent e = events.poll();
        if (e instanceof AssociationEvent.MessageReceived m) {
            unreadBytes -= m.message().size();
            maybeSendWindowUpdate();
        }
        return e;
    }

    /** When {@link #handleTimeout} must be called next, or {@link Long#MAX_VALUE}. */
    public long nextDeadline() {
        if (finished) {
            return Long.MAX_VALUE;
        }
        long d = Math.min(handshake.nextDeadline(), Math.min(shutdown.expiry(), heartbeats.expiry()));
        if (data != null) {
            d = Math.min(d, Math.min(data.nextDeadline(), resets.nextDeadline()));
        }
        return d;
    }

    public AssociationState state() {
        return state;
    }

    public AssociationMetrics metrics() {
        return metrics;
    }

    public SctpOptions options() {
        return options;
    }

    /** Bytes accepted for this stream and not yet handed to the network (W3C bufferedAmount). */
    public long bufferedAmount(int streamId) {
        return sendQueue.bufferedAmount(streamId);
    }

    public void setBufferedAmountLowThreshold(int streamId, long threshold) {
        sendQueue.setBufferedAmountLowThreshold(streamId, threshold);
    }

    /** Negotiated outbound streams (0 before the handshake). */
    public int outboundStreams() {
        return outboundStreams;
    }

    /** Congestion window in bytes, for benchmarks and diagnostics. */
    public long congestionWindow() {
        return data == null ? 0 : data.cwnd();
    }

    // =================================================================== internals used by Handshake

    SctpOptions opts() {
        return options;
    }

    RandomGenerator random() {
        return random;
    }

    byte[] cookieSecret() {
        return cookieSecret;
    }

    int localTag() {
        return localTag;
    }

    int localInitialTsn() {
        return localInitialTsn;
    }

    AssociationMetrics counters() {
        return metrics;
    }

    boolean hasTcb() {
        return data != null;
    }

    int peerTag() {
        return peerTag;
    }

    void setState(AssociationState s) {
        state = s;
    }

    /**
     * Creates the TCB once both sides' parameters are known (on COOKIE ECHO, or on INIT ACK for
     * the initiator, §5.1).
     */
    void establishTcb(int peerTag, int peerInitialTsn, int peerReceiveWindow, int peerOutbound, int peerInbound,
            boolean peerForwardTsn) {
        this.peerTag = peerTag;
        this.outboundStreams = Math.min(options.outboundStreams(), peerInbound);
        int inbound = Math.min(options.inboundStreams(), peerOutbound);
        this.data = new DataPath(options, metrics, sendQueue, events::add, this::deliver, () -> unreadBytes,
                localInitialTsn, peerInitialTsn, peerReceiveWindow, inbound, peerForwardTsn, errors);
        this.resets = new StreamResets(sendQueue, data, events::add, control::add, localInitialTsn, peerInitialTsn,
                options.rtoInitial());
        this.lastAdvertisedWindow = options.receiveWindow();
    }

    void updatePeerTag(int tag) {
        this.peerTag = tag;
    }

    void onEstablished(long now) {
        state = AssociationState.ESTABLISHED;
        heartbeats.start(now);
        events.add(new AssociationEvent.Connected());
    }

    void queueControl(Chunk chunk) {
        control.add(chunk);
    }

    /** INIT, INIT ACK and SHUTDOWN COMPLETE travel alone (§6.10); ABORT is sent at once too. */
    void sendAlone(Chunk chunk, int verificationTag) {
        emit(new SctpPacket(options.localPort(), options.remotePort(), verificationTag, List.of(chunk)).toBytes());
    }

    void closeWith(AssociationEvent event) {
        state = AssociationState.CLOSED;
        handshake.stop();
        shutdown.stop();
        heartbeats.stop();
        control.clear();
        finished = true;
        events.add(event);
    }

    // =================================================================== chunk dispatch

    /** Handles a control chunk; false stops processing the rest of the packet. */
    private boolean dispatch(Chunk chunk, SctpPacket packet, long now) {
        if (finished) {
            metrics.unexpectedChunks++;
            return false;
        }
        if (chunk instanceof InitChunk init) {
            handshake.handleInit(init, packet.chunks().size(), now);
        } else if (chunk instanceof InitAckChunk initAck) {
            handshake.handleInitAck(initAck, packet.chunks().size(), now);
        } else if (chunk instanceof CookieEchoChunk echo) {
            return handshake.handleCookieEcho(echo, packet.verificationTag(), now);
        } else if (chunk instanceof CookieAckChunk) {
            handshake.handleCookieAck(now);
        } else if (chunk instanceof SackChunk sack) {
            if (data == null || state == AssociationState.COOKIE_WAIT) {
                metrics.unexpectedChunks++;
            } else {
                data.handleSack(sack, now);
            }
        } else if (chunk instanceof HeartbeatRequestChunk hb) {
            control.add(new HeartbeatAckChunk(hb.info())); // §8.3: echo the info unchanged
        } else if (chunk instanceof HeartbeatAckChunk ack) {
            long rtt = heartbeats.onAck(ack, now);
            if (rtt >= 0) {
                errors.reset(); // §8.1
                if (data != null) {
                    data.observeRtt(rtt);
                }
            }
        } else if (chunk instanceof AbortChunk abort) {
            closeWith(new AssociationEvent.Aborted("peer aborted: " + ErrorCauses.describe(abort.causes()), true));
            return false;
        } else if (chunk instanceof ShutdownChunk s) {
            shutdown.handleShutdown(s, data, now);
        } else if (chunk instanceof ShutdownAckChunk) {
            shutdown.handleShutdownAck();
        } else if (chunk instanceof ShutdownCompleteChunk) {
            if (state == AssociationState.SHUTDOWN_ACK_SENT) {
                closeWith(new AssociationEvent.Closed());
                return false;
            }
            metrics.unexpectedChunks++;
        } else if (chunk instanceof ErrorChunk err) {
            events.add(new AssociationEvent.PeerError(ErrorCauses.describe(err.causes())));
        } else if (chunk instanceof ForwardTsnChunk fwd) {
            if (data == null || !state.carriesData()) {
                metrics.unexpectedChunks++;
            } else {
                data.handleForwardTsn(fwd);
                resets.onCumulativeTsnAdvanced();
            }
        } else if (chunk instanceof ReConfigChunk reconfig) {
            if (data == null || state != AssociationState.ESTABLISHED && !state.carriesData()) {
                metrics.unexpectedChunks++;
            } else {
                resets.handle(reconfig, now);
            }
        } else {
            metrics.unexpectedChunks++;
        }
        return true;
    }

    /**
     * §8.5 and §8.5.1: the verification tag must be ours, except INIT (tag 0), ABORT and
     * SHUTDOWN COMPLETE with the T bit (the peer's tag reflected), and COOKIE ECHO, whose tag is
     * checked against the cookie it carries.
     */
    private boolean acceptTag(SctpPacket p) {
        Chunk first = p.chunks().get(0);
        if (first instanceof InitChunk) {
            return p.verificationTag() == 0 && p.chunks().size() == 1;
        }
        if (first instanceof AbortChunk a && a.tagReflected()) {
            return peerTag != 0 && p.verificationTag() == peerTag;
        }
        if (first instanceof ShutdownCompleteChunk s && s.tagReflected()) {
            return peerTag != 0 && p.verificationTag() == peerTag;
        }
        if (first instanceof CookieEchoChunk) {
            return true;
        }
        return p.verificationTag() == localTag;
    }

    // =================================================================== receiving and sending data

    private void deliver(Message m) {
        unreadBytes += m.size();
        events.add(new AssociationEvent.MessageReceived(m));
    }

    /**
     * §6.2: when the application reads and the window it last saw was nearly closed, tell the
     * peer it opened again rather than wait for its probe.
     */
    private void maybeSendWindowUpdate() {
        if (data == null || !state.carriesData()) {
            return;
        }
        long window = data.advertisedWindow();
        if (lastAdvertisedWindow < options.mtu() * 4L && window >= options.receiveWindow() / 2) {
            SackChunk sack = data.createSack();
            lastAdvertisedWindow = Integer.toUnsignedLong(sack.advertisedReceiverWindowCredit());
            sendAlone(sack, peerTag);
        }
    }

    /** Bundles control chunks, a due SACK and data into MTU-sized packets (§6.10). */
    private void flush(long now) {
        if (finished) {
            return;
        }
        PacketBundler b = new PacketBundler(options, peerTag, this::emit);
        if (data != null && state.carriesData()) {
            if (data.sackDue()) {
                SackChunk sack = data.createSack();
                lastAdvertisedWindow = Integer.toUnsignedLong(sack.advertisedReceiverWindowCredit());
                b.add(sack);
            }
        }
        Chunk c;
        while ((c = control.poll()) != null) {
            b.add(c);
        }
        if (data != null && (state == AssociationState.ESTABLISHED || state == AssociationState.SHUTDOWN_PENDING
                || state == AssociationState.SHUTDOWN_RECEIVED)) {
            resets.maybeSendRequest(now);
            while ((c = control.poll()) != null) {
                b.add(c);
            }
            data.fill(b, now);
        }
        b.finishPacket();
    }

    private void emit(byte[] packet) {
        metrics.packetsSent++;
        outgoing.add(packet);
    }

    private int nonZeroTag() {
        int t;
        do {
            t = random.nextInt();
        } while (t == 0); // §5.3.1: the Initiate Tag is never 0
        return t;
    }

}
