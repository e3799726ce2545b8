package io.puredc.peer;

import io.puredc.dtls.CertificateFingerprint;
import io.puredc.dtls.DtlsConfig;
import io.puredc.dtls.DtlsRole;
import io.puredc.dtls.DtlsTransport;
import io.puredc.dtls.FingerprintParseException;
import io.puredc.ice.CandidateParseException;
import io.puredc.ice.IceAgent;
import io.puredc.ice.IceConfig;
import io.puredc.ice.IceRole;
import io.puredc.ice.IceServer;
import io.puredc.ice.IceState;
import io.puredc.ice.IceTransport;
import io.puredc.sctp.api.SctpOptions;
import io.puredc.sctp.assoc.Association;
import io.puredc.sctp.channel.Channel;
import io.puredc.sctp.channel.ChannelOptions;
import io.puredc.sctp.channel.DataChannels;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A WebRTC peer connection for data channels, in either SDP role: offer/answer (RFC 8829 in
 * spirit), ICE (ice4j), DTLS (BouncyCastle) and our SCTP, joined in that order (RFC 8261,
 * RFC 8831). W3C-shaped: descriptions and candidates in, candidates and state changes out,
 * {@link #createDataChannel} and {@link #onDataChannel}.
 *
 * <p>Threading: all protocol state lives on one event loop thread from {@link EventLoops},
 * shared with other connections; every public method may be called from any thread and every
 * callback runs on that loop (never concurrently), so callbacks must not block. A connection
 * adds no thread of its own beyond ice4j's (see the module README).
 */
public final class PeerConnection implements AutoCloseable {
    /** First DTLS handshake retransmission; see where the transport is created. */
    static final java.time.Duration DTLS_FIRST_RETRANSMIT = java.time.Duration.ofMillis(200);
    static final Logger LOG = LoggerFactory.getLogger(PeerConnection.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final PeerConfig config;
    private final ScheduledExecutorService loop;
    private final long sessionId = RANDOM.nextLong() & Long.MAX_VALUE;

    // Everything below is touched on the loop only.
    private IceAgent ice;
    private boolean offerer;
    private RemoteDescription remote;
    private boolean localSet;
    private String localMid = "0";
    private final List<String> pendingCandidates = new ArrayList<>();
    private DtlsTransport dtls;
    private SctpDriver sctp;
    private final List<DataChannel> waiting = new ArrayList<>();
    /** SCTP packets that arrived between the end of our DTLS handshake and the association's creation. */
    private final List<java.nio.ByteBuffer> earlyPackets = new ArrayList<>();
    private static final int MAX_EARLY_PACKETS = 64;
    private final Map<Channel, DataChannel> byChannel = new IdentityHashMap<>();
    private volatile PeerConnectionState state = PeerConnectionState.NEW;
    private volatile int remoteMaxMessageSize = 65536;
    private final CompletableFuture<Void> closed = new CompletableFuture<>();

    private volatile Consumer<IceCandidateInit> onIceCandidate = c -> { };
    private volatile Consumer<PeerConnectionState> onStateChange = s -> { };
    private volatile Consumer<DataChannel> onDataChannel = d -> { };

    private PeerConnection(PeerConfig config) {
        this.config = config;
        this.loop = config.loops().nextLoop();
    }

    public static PeerConnection create(PeerConfig config) {
        return new PeerConnection(config);
    }

    // ================================================================ signalling

    /** Creates the offer: one data-channel section, DTLS actpass; candidates follow by trickle. */
    public CompletableFuture<SessionDescription> createOffer() {
        return call(() -> {
            requireOpen();
            if (remote != null) {
                throw new IllegalStateException("createOffer after a remote description (renegotiation is not supported)");
            }
            offerer = true;
            ensureAgent(IceRole.CONTROLLING);
            return new SessionDescription("offer", LocalDescription.write("offer", sessionId, localMid,
                    ice.localUfrag(), ice.localPassword(), fingerprint(), "actpass", config.maxMessageSize(), null));
        });
    }

    /** Answers the remote offer; we take the DTLS client role (a=setup:active, RFC 5763 §5). */
    public CompletableFuture<SessionDescription> createAnswer() {
        return call(() -> {
            requireOpen();
            if (remote == null || !remote.type().equals("offer")) {
                throw new IllegalStateException("createAnswer needs a remote offer first");
            }
            return new SessionDescription("answer", LocalDescription.write("answer", sessionId, localMid,
                    ice.localUfrag(), ice.localPassword(), fingerprint(), "active", config.maxMessageSize(), remote));
        });
    }

    /** Applies our description and starts gathering (trickled through {@link #onIceCandidate}). */
    public CompletableFuture<Void> setLocalDescription(SessionDescription d) {
        return call(() -> {
            requireOpen();
            if (ice == null) {
                throw new IllegalStateException("setLocalDescription before createOffer/createAnswer");
            }
            if (d.isOffer() != offerer) {
                throw new IllegalStateException("local " + d.type() + " does not match our role");
            }
            if (!localSet) {
                localSet = true;
                state(PeerConnectionState.CONNECTING);
                ice.gather(c -> loop.execute(() -> onIceCandidate.accept(
                        new IceCandidateInit(io.puredc.ice.IceSdp.formatCandidate(c), localMid, 0))),
                        () -> loop.execute(() -> onIceCandidate.accept(IceCandidateInit.endOfCandidates(localMid))));
                maybeStartIce();
            }
            return null;
        });
    }

    /** Applies the peer's description; malformed or unsupported SDP fails the future with an {@link SdpException}. */
    public CompletableFuture<Void> setRemoteDescription(SessionDescription d) {
        return call(() -> {
            requireOpen();
            if (remote != null) {
                throw new IllegalStateException("a remote description is already set (renegotiation is not supported)");
            }
            if (d.isOffer() == offerer && ice != null) {
                throw new IllegalStateException("remote " + d.type() + " in the wrong state");
            }
            RemoteDescription r = RemoteDescription.parse(d);
            for (String f : r.fingerprints()) {
                try {
                    CertificateFingerprint.parse(f);
                } catch (FingerprintParseException e) {
                    throw new SdpException("a=fingerprint:" + f + ": " + e.getMessage());
                }
            }
            remote = r;
            remoteMaxMessageSize = r.maxMessageSize();
            if (d.isOffer()) {
                localMid = r.mid();
                ensureAgent(IceRole.CONTROLLED);
            }
            for (String c : r.candidates()) {
                addCandidate(c);
            }
            maybeStartIce();
            return null;
        });
    }

    /** A trickled remote candidate; an empty candidate ends them. Unusable ones (mDNS names) are skipped. */
    public CompletableFuture<Void> addIceCandidate(IceCandidateInit c) {
        return call(() -> {
            requireOpen();
            if (!c.isEndOfCandidates()) {
                addCandidate(c.candidate());
            }
            return null;
        });
    }

    // ================================================================ channels

    /** W3C createDataChannel: usable at once; opens when the connection is up. */
    public DataChannel createDataChannel(String label, DataChannelInit init) {
        if (state.isFinal()) {
            throw new IllegalStateException("InvalidStateError: the connection is " + state);
        }
        ChannelOptions options = new ChannelOptions(init.ordered(),
                init.maxRetransmits() == null ? -1 : init.maxRetransmits(),
                init.maxPacketLifeTime() == null ? -1 : init.maxPacketLifeTime(),
                init.protocol() == null ? "" : init.protocol(), ChannelOptions.DEFAULT_PRIORITY, init.negotiated(),
                init.negotiated() ? init.id() : -1);
        DataChannel dc = new DataChannel(this, label, options, null);
        onLoop(() -> {
            if (sctp != null) {
                bind(dc);
            } else {
                waiting.add(dc);
            }
        });
        return dc;
    }

    public void onIceCandidate(Consumer<IceCandidateInit> c) {
        onIceCandidate = c;
    }

    public void onConnectionStateChange(Consumer<PeerConnectionState> c) {
        onStateChange = c;
    }

    public void onDataChannel(Consumer<DataChannel> c) {
        onDataChannel = c;
    }

    public PeerConnectionState connectionState() {
        return state;
    }

    /** The largest message {@code send} accepts: the smaller of both sides' max-message-size. */
    public int maxMessageSize() {
        int r = remoteMaxMessageSize == 0 ? Integer.MAX_VALUE : remoteMaxMessageSize;
        return Math.min(r, config.maxMessageSize());
    }

    /** Completes once the connection is closed or failed and everything it held is released. */
    public CompletableFuture<Void> closeFuture() {
        return closed;
    }

    /** Closes the connection: channels close, SCTP aborts, DTLS sends close_notify, ICE stops. */
    @Override
    public void close() {
        onLoop(() -> shutdown(PeerConnectionState.CLOSED, "closed by the application"));
    }

    // ================================================================ internals

    void onLoop(Runnable r) {
        try {
            loop.execute(() -> {
                try {
                    r.run();
                } catch (RuntimeException e) {
                    LOG.warn("peer connection: task failed", e);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            LOG.warn("peer connection: event loop refused a task", e);
        }
    }

    /**
     * Runs a data-channel operation on the loop, then sends what it produced. Before SCTP is up
     * the operation sees null for the core and the channel has no stream yet.
     */
    void withChannels(Consumer<DataChannels> op) {
        onLoop(() -> {
            op.accept(sctp == null ? null : sctp.channels());
            if (sctp != null) {
                sctp.flush();
            }
        });
    }

    private interface LoopCall<T> {
        T run() throws Exception;
    }

    private <T> CompletableFuture<T> call(LoopCall<T> body) {
        CompletableFuture<T> f = new CompletableFuture<>();
        onLoop(() -> {
            try {
                f.complete(body.run());
            } catch (Exception e) {
                f.completeExceptionally(e);
            }
        });
        return f;
    }

    private void requireOpen() {
        if (state.isFinal()) {
            throw new IllegalStateException("InvalidStateError: the connection is " + state);
        }
    }

    private String fingerprint() {
        return config.certificate().fingerprint().toSdpValue();
    }

    private void ensureAgent(IceRole role) throws IOException {
        if (ice != null) {
            return;
        }
        IceConfig ic = IceConfig.of(role).withHostAddresses(config.hostAddresses().toArray(new java.net.InetAddress[0]))
                .withServers(config.iceServers().toArray(new IceServer[0]))
                .withRemoteAddressFilter(config.remoteAddressFilter());
        ice = IceAgent.create(ic);
        ice.onStateChange(s -> onLoop(() -> onIceState(s)));
        for (String c : pendingCandidates) {
            try {
                ice.addRemoteCandidate(c);
            } catch (CandidateParseException e) {
                throw new IllegalStateException("a candidate validated earlier no longer parses", e);
            }
        }
        pendingCandidates.clear();
    }

    private void addCandidate(String line) throws CandidateParseException {
        if (ice == null) {
            io.puredc.ice.IceSdp.parseCandidate(line); // refuse malformed lines now
            pendingCandidates.add(line);
            return;
        }
        ice.addRemoteCandidate(line);
    }

    private void maybeStartIce() {
        if (!localSet || remote == null || ice == null || dtls != null || state.isFinal()) {
            return;
        }
        ice.setRemoteCredentials(remote.iceUfrag(), remote.icePwd());
        ice.start();
        ice.transport().whenComplete((t, err) -> onLoop(() -> {
            if (err != null) {
                shutdown(PeerConnectionState.FAILED, "ICE failed: " + err.getMessage());
            } else {
                startDtls(t);
            }
        }));
    }

    private void onIceState(IceState s) {
        if (state.isFinal()) {
            return;
        }
        switch (s) {
            case DISCONNECTED -> {
                if (state == PeerConnectionState.CONNECTED) {
                    state(PeerConnectionState.DISCONNECTED);
                }
            }
            case CONNECTED, COMPLETED -> {
                if (state == PeerConnectionState.DISCONNECTED) {
                    state(PeerConnectionState.CONNECTED);
                }
            }
            case FAILED -> shutdown(PeerConnectionState.FAILED, "ICE failed");
            default -> { }
        }
    }

    private void startDtls(IceTransport t) {
        if (state.isFinal()) {
            return;
        }
        DtlsRole role;
        List<CertificateFingerprint> fingerprints = new ArrayList<>();
        try {
            role = DtlsRole.fromRemoteSetup(remote.setup());
            for (String f : remote.fingerprints()) {
                fingerprints.add(CertificateFingerprint.parse(f));
            }
        } catch (Exception e) {
            shutdown(PeerConnectionState.FAILED, "DTLS parameters refused: " + e.getMessage());
            return;
        }
        // The first flight goes out the moment ICE connects, which can be before the other side's
        // DTLS is listening (werift starts its server ~15 ms after ICE completes and drops an early
        // ClientHello). RFC 6347's 1 s first timer then costs a second of setup; ICE has just shown
        // the path works, and RFC 9147 §5.8.2 leaves the initial timer to the application, so we
        // start at 200 ms (doubling per RFC 6347 §4.2.4.1). A spurious resend is harmless.
        dtls = DtlsTransport.create(new IcePacketTransport(t), role, config.certificate(), fingerprints,
                DtlsConfig.defaults().withInitialRetransmit(DTLS_FIRST_RETRANSMIT));
        // The peer may send its INIT as soon as its side of the handshake is done, before ours is:
        // keep such packets for the association instead of losing them (and a 3 s INIT timer).
        InboundPackets inbound = new InboundPackets(this::onLoop, batch -> {
            if (sctp != null) {
                sctp.onPackets(batch);
                return;
            }
            for (java.nio.ByteBuffer packet : batch) {
                if (packet == null) {
                    break;
                }
                if (earlyPackets.size() < MAX_EARLY_PACKETS) {
                    earlyPackets.add(packet);
                }
            }
        });
        dtls.onReceive(inbound::offer);
        dtls.start().whenComplete((ok, err) -> onLoop(() -> {
            if (err != null) {
                shutdown(PeerConnectionState.FAILED, "DTLS handshake failed: " + err.getMessage());
            } else {
                startSctp(role == DtlsRole.CLIENT);
            }
        }));
        dtls.closeFuture().whenComplete((cause, err) -> onLoop(() -> {
            if (!state.isFinal()) {
                shutdown(PeerConnectionState.CLOSED, "DTLS closed: " + cause);
            }
        }));
    }

    private void startSctp(boolean dtlsClient) {
        if (state.isFinal()) {
            return;
        }
        SctpOptions options = SctpOptions.defaults().withPorts(LocalDescription.SCTP_PORT, remote.sctpPort())
                .withMtu(dtls.maxPacketSize()).withMaxMessageSize(config.maxMessageSize());
        DataChannels dcs = new DataChannels(new Association(options, RANDOM), dtlsClient, remote.maxMessageSize());
        sctp = new SctpDriver(loop, dtls, dcs, this);
        state(PeerConnectionState.CONNECTED);
        for (DataChannel dc : waiting) {
            bind(dc);
        }
        waiting.clear();
        sctp.start();
        for (java.nio.ByteBuffer p : earlyPackets) {
            sctp.onPacket(p);
        }
        earlyPackets.clear();
    }

    private void bind(DataChannel dc) {
        if (dc.readyState() == DataChannel.ReadyState.CLOSED) {
            return; // closed before the connection came up
        }
        try {
            Channel ch = sctp.channels().create(dc.label(), dc.options(), System.nanoTime());
            dc.channel = ch;
            byChannel.put(ch, dc);
            if (dc.bufferedAmountLowThreshold() > 0) {
                sctp.channels().setBufferedAmountLowThreshold(ch, dc.bufferedAmountLowThreshold());
            }
            if (ch.state() == Channel.State.OPEN) {
                dc.opened();
            }
            sctp.flush();
        } catch (RuntimeException e) {
            LOG.warn("data channel '{}' could not be created: {}", dc.label(), e.getMessage());
            dc.closed();
        }
    }

    // ---------------------------------------------------------------- called by SctpDriver on the loop

    void channelOpened(Channel ch) {
        DataChannel dc = byChannel.get(ch);
        if (dc == null) {
            dc = new DataChannel(this, ch.label(), ch.options(), ch);
            byChannel.put(ch, dc);
            DataChannel announced = dc;
            try {
                onDataChannel.accept(announced);
            } catch (RuntimeException e) {
                LOG.warn("onDataChannel threw", e);
            }
        }
        dc.opened();
    }

    DataChannel channel(Channel ch) {
        return byChannel.get(ch);
    }

    void channelClosed(Channel ch) {
        DataChannel dc = byChannel.remove(ch);
        if (dc != null) {
            dc.closed();
        }
    }

    Iterable<DataChannel> openChannels() {
        return byChannel.values();
    }

    void sctpEnded(String reason, boolean error) {
        if (!state.isFinal()) {
            LOG.info("peer connection: SCTP association ended ({})", reason);
            shutdown(error ? PeerConnectionState.FAILED : PeerConnectionState.CLOSED, reason);
        }
    }

    private void shutdown(PeerConnectionState end, String reason) {
        if (state.isFinal()) {
            return;
        }
        LOG.debug("peer connection ends ({}): {}", end, reason);
        if (sctp != null) {
            sctp.close();
        }
        for (DataChannel dc : new ArrayList<>(byChannel.values())) {
            dc.closed();
        }
        byChannel.clear();
        for (DataChannel dc : waiting) {
            dc.closed();
        }
        waiting.clear();
        if (dtls != null) {
            dtls.close();
        }
        if (ice != null) {
            ice.close();
        }
        state(end);
        closed.complete(null);
    }

    private void state(PeerConnectionState s) {
        if (state == s) {
            return;
        }
        state = s;
        try {
            onStateChange.accept(s);
        } catch (RuntimeException e) {
            LOG.warn("onConnectionStateChange threw", e);
        }
    }
}
