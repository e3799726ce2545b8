package io.puredc.ice;

import java.beans.PropertyChangeEvent;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.ice4j.Transport;
import org.ice4j.TransportAddress;
import org.ice4j.ice.Agent;
import org.ice4j.ice.CandidatePair;
import org.ice4j.ice.CandidateType;
import org.ice4j.ice.Component;
import org.ice4j.ice.IceMediaStream;
import org.ice4j.ice.IceProcessingState;
import org.ice4j.ice.LocalCandidate;
import org.ice4j.ice.RemoteCandidate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One ICE agent (RFC 8445) with a single component, as a WebRTC data channel needs, on ice4j.
 *
 * <p>Life: {@link #create} binds host sockets (synchronously, milliseconds); {@link #gather} reports
 * the candidates, trickling server-reflexive and relayed ones as STUN/TURN servers answer;
 * {@link #setRemoteCredentials} and {@link #addRemoteCandidate} (any time, also after {@link #start});
 * {@link #transport()} completes when a pair is selected. State changes and candidates are reported
 * in order, one at a time, on whichever thread produced them (ice4j's, the housekeeping thread or the
 * caller's); listeners must not block.
 *
 * <p>Threads: see the module README (a reader of ours and ice4j's connector per host candidate socket,
 * plus ice4j's shared pools and one process-wide housekeeping thread).
 */
public final class IceAgent implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(IceAgent.class);
    private static final AtomicInteger IDS = new AtomicInteger();
    private static final long CONSENT_POLL_MILLIS = 250;
    /** Ta (RFC 8445 §14.2): at most one new check every 5 ms, the lowest value §14.2 permits. */
    static final long CHECK_PACING_MILLIS = 5;
    /** Sources other than the selected remote that one agent checks at most (see {@link #checkSource}). */
    private static final int MAX_SOURCE_CHECKS = 8;
    /** RFC 7675 §5.1: consent checks every 5 s, randomised 0.8–1.2 (for a remote we follow ourselves). */
    private static final long CONSENT_INTERVAL_MILLIS = 5000;
    private static boolean warmedUp;

    /** One thread for every agent: consent timers and ice4j's {@code free()}, which must not run on ice4j's threads. */
    private static final ScheduledExecutorService HOUSEKEEPING = SharedThreads.HOUSEKEEPING;

    /** What {@link #addRemoteCandidate} did with a candidate. */
    public enum RemoteCandidateResult {
        ADDED,
        /** Address is an mDNS name ({@code *.local}); never resolved, the peer is found as peer-reflexive. */
        SKIPPED_MDNS,
        /** Address is a host name; resolving it would block, so it is not used. */
        SKIPPED_HOSTNAME,
        /** Address is outside {@link IceConfig#remoteAddressFilter()}. */
        SKIPPED_FILTERED,
        /** Not UDP, not component 1, port 0 or an unknown candidate type. */
        SKIPPED_UNSUPPORTED,
        /** The agent is failed or closed. */
        SKIPPED_CLOSED
    }

    private final int id = IDS.incrementAndGet();
    private final IceConfig config;
    private final Agent agent;
    private final IceMediaStream stream;
    private final Component component;
    private final Duration gatheringTime;
    private final Object lock = new Object();
    private final List<Consumer<IceState>> stateListeners = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<Runnable> events = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicBoolean gatherStarted = new AtomicBoolean();
    private final AtomicLong dropped;
    private final HostHarvester hosts;
    private final CompletableFuture<IceTransport> transportFuture = new CompletableFuture<>();

    // Guarded by lock.
    private IceState state = IceState.NEW;
    private boolean checksOver;
    private boolean released;
    private SelectedPairTransport transport;
    private CandidatePair selectedPair;
    private long connectedAtMillis;
    private ScheduledFuture<?> consentTask;
    private int sourceChecks;
    /** The remote we moved our sending to, or null while it is the selected pair's (see peerSendsFrom). */
    private InetSocketAddress followed;
    /** When {@link #followed} last answered a check of ours (RFC 7675 consent), and when we next ask. */
    private long followedConsentMillis;
    private long nextFollowedCheckMillis;
    private boolean followedCheckInFlight;

    private IceAgent(IceConfig config, Ice4jAgentSetup.Parts parts, Duration gathering) {
        this.config = config;
        this.hosts = parts.hosts();
        this.dropped = parts.dropped();
        this.agent = parts.agent();
        this.stream = parts.stream();
        this.component = parts.component();
        this.gatheringTime = gathering;
        agent.addStateChangeListener(this::onIce4jState);
    }

    /**
     * Pays ice4j's one-time start-up (configuration via kotlin-reflect and jitsi-metaconfig, SecureRandom),
     * about a second on a cold JVM, so that the first connection does not. Call at process start, on any
     * thread; later calls return at once.
     */
    public static synchronized void warmUp() {
        Ice4jDefaults.check();
        if (!warmedUp) {
            new Agent().free();
            warmedUp = true;
        }
    }

    /**
     * Creates the agent and binds its host candidates.
     *
     * @throws IOException           if no host candidate could be bound
     * @throws IllegalStateException if ice4j's own configuration would contact servers not in {@code config}
     */
    public static IceAgent create(IceConfig config) throws IOException {
        long start = System.nanoTime();
        Ice4jAgentSetup.Parts parts = Ice4jAgentSetup.build(config, CHECK_PACING_MILLIS);
        return new IceAgent(config, parts, Duration.ofNanos(System.nanoTime() - start));
    }

    /** Time {@link #create} took: agent set-up plus host candidate sockets. */
    public Duration gatheringTime() {
        return gatheringTime;
    }

    public IceRole role() {
        return config.role();
    }

    public String localUfrag() {
        return agent.getLocalUfrag();
    }

    public String localPassword() {
        return agent.getLocalPassword();
    }

    /** {@code a=ice-ufrag}, {@code a=ice-pwd} and {@code a=ice-options:trickle} for our media section. */
    public List<String> localSdpAttributes() {
        return List.of(IceSdp.ufragLine(localUfrag()), IceSdp.pwdLine(localPassword()),
                IceSdp.optionsLine(List.of(IceSdp.TRICKLE)));
    }

    /** The local candidates gathered so far (host ones are there from {@link #create} on). */
    public List<IceCandidate> localCandidates() {
        List<IceCandidate> out = new ArrayList<>();
        for (LocalCandidate c : component.getLocalCandidates()) {
            IceCandidate ic = Ice4jCandidates.toIceCandidate(c);
            if (ic != null) {
                out.add(ic);
            }
        }
        return out;
    }

    /**
     * Reports every local candidate once: the host ones now, server-reflexive and relayed ones as the
     * configured servers answer, then {@code endOfCandidates} (RFC 8838 §4, "end-of-candidates").
     * Call once.
     */
    public void gather(Consumer<IceCandidate> onCandidate, Runnable endOfCandidates) {
        if (!gatherStarted.compareAndSet(false, true)) {
            throw new IllegalStateException("gather() was already called");
        }
        for (IceCandidate c : localCandidates()) {
            emit(() -> onCandidate.accept(c));
        }
        if (config.servers().isEmpty()) {
            emit(endOfCandidates);
            return;
        }
        SharedThreads.GATHERING.execute(() -> {
            try {
                agent.startCandidateTrickle(found -> {
                    if (state().isFinal()) {
                        return; // servers answering after close/failure: nobody should signal these
                    }
                    if (found == null) {
                        emit(endOfCandidates);
                        return;
                    }
                    for (LocalCandidate lc : found) {
                        IceCandidate ic = Ice4jCandidates.toIceCandidate(lc);
                        if (ic != null && !ic.type().equals(IceCandidate.HOST)) {
                            emit(() -> onCandidate.accept(ic));
                        }
                    }
                });
            } catch (RuntimeException e) {
                LOG.warn("ice agent {}: server candidate gathering failed", id, e);
                emit(endOfCandidates);
            }
        });
    }

    /** The peer's {@code ice-ufrag}/{@code ice-pwd} (RFC 8839 §5.4); needed before {@link #start()}. */
    public void setRemoteCredentials(String ufrag, String password) {
        IceSdp.ufragLine(ufrag);
        IceSdp.pwdLine(password);
        stream.setRemoteUfrag(ufrag);
        stream.setRemotePassword(password);
    }

    /** Parses a {@code candidate:} / {@code a=candidate:} line and adds it; see {@link #addRemoteCandidate(IceCandidate)}. */
    public RemoteCandidateResult addRemoteCandidate(String line) throws CandidateParseException {
        return addRemoteCandidate(IceSdp.parseCandidate(line));
    }

    /**
     * Adds a remote candidate, before or after {@link #start()} (trickle, RFC 8838 §11). Names are never
     * resolved: mDNS and other host names are skipped, and connectivity then comes from the peer's checks
     * as a peer-reflexive candidate (RFC 8445 §7.3.1.3).
     */
    public RemoteCandidateResult addRemoteCandidate(IceCandidate c) {
        CandidateType type = Ice4jCandidates.ice4jType(c.type());
        if (!c.isUdp() || c.component() != 1 || c.port() == 0 || type == null) {
            return RemoteCandidateResult.SKIPPED_UNSUPPORTED;
        }
        if (c.isMdnsName()) {
            return RemoteCandidateResult.SKIPPED_MDNS;
        }
        InetAddress ip = IpLiterals.parse(c.address());
        if (ip == null) {
            return RemoteCandidateResult.SKIPPED_HOSTNAME;
        }
        if (config.remoteAddressFilter() != null && !config.remoteAddressFilter().test(ip)) {
            return RemoteCandidateResult.SKIPPED_FILTERED;
        }
        RemoteCandidate rc = new RemoteCandidate(new TransportAddress(ip, c.port(), Transport.UDP), component, type,
                c.foundation(), c.priority(), null, stream.getRemoteUfrag());
        synchronized (lock) {
            if (state.isFinal()) {
                return RemoteCandidateResult.SKIPPED_CLOSED;
            }
            if (agent.isStarted()) {
                // ice4j's path for candidates that arrive while checks run: pairs them and schedules checks.
                component.addUpdateRemoteCandidates(rc);
                component.updateRemoteCandidates();
            } else {
                component.addRemoteCandidate(rc);
            }
        }
        return RemoteCandidateResult.ADDED;
    }

    /** Starts connectivity checks (RFC 8445 §6.1.4). Remote credentials must be set. */
    public void start() {
        synchronized (lock) {
            if (stream.getRemoteUfrag() == null || stream.getRemotePassword() == null) {
                throw new IllegalStateException("set the remote ice-ufrag/ice-pwd before start()");
            }
            if (state.isFinal()) {
                throw new IllegalStateException("agent is " + state);
            }
            if (agent.isStarted()) {
                return;
            }
            agent.startConnectivityEstablishment();
        }
    }

    public IceState state() {
        synchronized (lock) {
            return state;
        }
    }

    /** Listener for every later state change, in order. */
    public void onStateChange(Consumer<IceState> listener) {
        stateListeners.add(listener);
    }

    /** Completes with the selected pair's transport on CONNECTED; fails with {@link IceTransportException}. */
    public CompletableFuture<IceTransport> transport() {
        return transportFuture;
    }

    /**
     * The selected pair as {@code local -> remote}, or null before CONNECTED; when the peer moved its data
     * to another valid pair and we followed it ({@link #peerSendsFrom}), that remote is named too.
     */
    public String selectedPairDescription() {
        synchronized (lock) {
            if (selectedPair == null) {
                return null;
            }
            return selectedPair.toShortString() + (followed == null ? "" : " (sending to " + followed + ")");
        }
    }

    /** The selected local candidate's type ({@code host}, {@code relay}...), or null before CONNECTED. */
    public String selectedLocalType() {
        synchronized (lock) {
            return selectedPair == null ? null : Ice4jCandidates.sdpType(selectedPair.getLocalCandidate().getType());
        }
    }

    /** The selected remote candidate's type ({@code host}, {@code prflx}...), or null before CONNECTED. */
    public String selectedRemoteType() {
        synchronized (lock) {
            if (selectedPair == null) {
                return null;
            }
            return Ice4jCandidates.sdpType(selectedPair.getRemoteCandidate().getType());
        }
    }

    /** Datagrams received on the selected pair and not delivered: not DTLS (RFC 7983), wrong source, or overflow. */
    public long droppedDatagrams() {
        return dropped.get();
    }

    /** Releases sockets and stops checks; the state becomes CLOSED. Returns at once, resources go shortly after. */
    @Override
    public void close() {
        transition(IceState.CLOSED, "closed by the application");
    }

    /**
     * Checks {@code source}, which sent us DTLS on our selected pair's socket without being its remote: one
     * Binding request from that socket (RFC 8445 §7.2.4, with our credentials and role, as a triggered check
     * would be); {@code done} gets true once a success response arrives from that very address (§7.2.5.2.1)
     * with a MESSAGE-INTEGRITY made with the peer's password (§7.2.5.2), false on an error response,
     * timeout or a response that fails those checks. ice4j cannot do this for us: once it has nominated a
     * pair it drops the other waiting pairs of the component (RFC 8445 §8.1.2) and refuses checks for new
     * ones, while a peer that nominated another pair (see {@link #peerSendsFrom}) sends from there.
     *
     * @return false, without calling {@code done}, if no check was sent (closed, or this agent already
     *         checked {@value #MAX_SOURCE_CHECKS} sources: a bound on what spoofed datagrams can make us send)
     */
    boolean checkSource(InetSocketAddress source, Consumer<Boolean> done) {
        synchronized (lock) {
            if (state.isFinal() || selectedPair == null || sourceChecks >= MAX_SOURCE_CHECKS) {
                return false;
            }
            sourceChecks++;
        }
        return sendCheck(source, done);
    }

    /** One authenticated Binding request from the selected pair's local socket to {@code to}. */
    private boolean sendCheck(InetSocketAddress to, Consumer<Boolean> done) {
        CandidatePair pair;
        synchronized (lock) {
            if (state.isFinal()) {
                return false;
            }
            pair = selectedPair;
        }
        return BindingCheck.send(agent, stream, pair.getLocalCandidate(), to, id, done);
    }

    /**
     * DTLS arrived from {@code source}, a valid pair's remote on our socket ({@link #checkSource} succeeded).
     * RFC 8445 §12.2: data may arrive on any valid pair. As the controlled agent we also move our sending
     * there: a controlling peer that nominates aggressively (RFC 5245 §8.1.1.2; werift puts USE-CANDIDATE on
     * every check) settles on the first pair whose response it sees, which need not be the pair ice4j
     * nominated first, and then sends DTLS from its pair and answers our flights there; with each side on
     * its own pair the handshake never completes. Browsers' controlled side follows the pair data arrives on
     * the same way. From then on consent (RFC 7675 §5.1) is that of the new remote, which we check ourselves
     * (ice4j keeps checking only the pair it selected). As the controlling agent we chose the pair and keep it.
     */
    void peerSendsFrom(InetSocketAddress source) {
        if (config.role() != IceRole.CONTROLLED) {
            return;
        }
        String was;
        synchronized (lock) {
            if (state.isFinal() || transport == null || source.equals(transport.remote())) {
                return;
            }
            was = String.valueOf(transport.remote());
            TransportAddress selectedRemote = selectedPair.getRemoteCandidate().getTransportAddress();
            boolean backToSelected = selectedRemote.getPort() == source.getPort()
                    && selectedRemote.getAddress().equals(source.getAddress());
            followed = backToSelected ? null : source;
            long now = System.currentTimeMillis();
            // Its check has just succeeded: that is consent now (RFC 7675 §5.1).
            followedConsentMillis = now;
            nextFollowedCheckMillis = now + consentInterval();
            transport.redirect(source);
        }
        LOG.info("ice agent {}: the peer sends from {}; sending there instead of {}", id, source, was);
    }

    private long consentInterval() {
        long basic = Math.min(CONSENT_INTERVAL_MILLIS, Math.max(100, config.disconnectedTimeout().toMillis() / 2));
        return (long) (basic * (0.8 + 0.4 * java.util.concurrent.ThreadLocalRandom.current().nextDouble()));
    }

    void checkCanSend() {
        IceState s = state();
        if (s.isFinal()) {
            throw new IceTransportException("ICE transport is " + s.name().toLowerCase()
                    + (s == IceState.FAILED ? " (connectivity checks failed or consent expired, RFC 7675)" : ""));
        }
    }

    void readerFailed(IOException e) {
        LOG.warn("ice agent {}: reading the selected pair failed", id, e);
        transition(IceState.FAILED, "socket error: " + e);
    }

    private void onIce4jState(PropertyChangeEvent event) {
        IceProcessingState s = (IceProcessingState) event.getNewValue();
        LOG.debug("ice agent {}: ice4j {}", id, s);
        if (s == IceProcessingState.RUNNING) {
            transition(IceState.CHECKING, "checks started");
        } else if (s == IceProcessingState.COMPLETED) {
            onSelected();
        } else if (s == IceProcessingState.TERMINATED) {
            synchronized (lock) {
                checksOver = true;
            }
            transition(IceState.COMPLETED, "checks over");
        } else if (s == IceProcessingState.FAILED) {
            transition(IceState.FAILED, "connectivity checks failed");
        }
    }

    // getIceSocketWrapper() is deprecated in favour of the merging component socket, which costs a thread
    // per candidate socket more; the pair's own socket is what we read (as jvb's IceTransport does).
    @SuppressWarnings("deprecation")
    private void onSelected() {
        CandidatePair pair = component.getSelectedPair();
        if (pair == null) {
            transition(IceState.FAILED, "ice4j completed without a selected pair");
            return;
        }
        synchronized (lock) {
            if (state.isFinal() || transport != null) {
                return;
            }
            TransportAddress r = pair.getRemoteCandidate().getTransportAddress();
            selectedPair = pair;
            connectedAtMillis = System.currentTimeMillis();
            InetSocketAddress remote = new InetSocketAddress(r.getAddress(), r.getPort());
            HostSocket host = hosts.socketOf(pair.getLocalCandidate());
            transport = host != null
                    ? new SelectedPairTransport(this, host, remote, dropped)
                    : new SelectedPairTransport(this, pair.getIceSocketWrapper(), remote, dropped,
                            "puredc-ice-relay-reader-" + id);
            // Not on this thread: on the controlled side it is ice4j's, handling the nominating request, and
            // ice4j sends that request's success response only once its listeners return (ConnectivityCheckServer
            // runs Agent.incomingCheckReceived before sendResponse). The controlling side selects the pair on
            // that response (RFC 8445 §7.2.5.3.4, §8.1.1), so delivering the DTLS held meanwhile, or a thread
            // start (0.3-2 ms), here would delay its CONNECTED and the DTLS server behind it. Datagrams that
            // arrive first are held by the host socket or wait in ice4j's queue; a transport stopped first
            // delivers nothing.
            HOUSEKEEPING.execute(transport::start);
            consentTask = HOUSEKEEPING.scheduleWithFixedDelay(this::checkConsent, CONSENT_POLL_MILLIS,
                    CONSENT_POLL_MILLIS, TimeUnit.MILLISECONDS);
        }
        transition(IceState.CONNECTED, "pair selected");
        transportFuture.complete(transport);
    }

    /** RFC 7675 §5.1: consent lives as long as binding responses come; ice4j records when the last one did. */
    private void checkConsent() {
        CandidatePair pair;
        long base;
        InetSocketAddress ours;
        boolean askFollowed = false;
        long now = System.currentTimeMillis();
        synchronized (lock) {
            pair = selectedPair;
            base = connectedAtMillis;
            ours = followed;
            if (ours != null && !followedCheckInFlight && now >= nextFollowedCheckMillis) {
                followedCheckInFlight = true;
                nextFollowedCheckMillis = now + consentInterval();
                askFollowed = true;
            }
        }
        if (askFollowed) {
            InetSocketAddress asked = ours;
            boolean sent = sendCheck(asked, ok -> {
                synchronized (lock) {
                    followedCheckInFlight = false;
                    if (ok && asked.equals(followed)) {
                        followedConsentMillis = System.currentTimeMillis();
                    }
                }
            });
            if (!sent) {
                synchronized (lock) {
                    followedCheckInFlight = false;
                }
            }
        }
        long fresh;
        synchronized (lock) {
            fresh = followed != null ? followedConsentMillis : pair.getConsentFreshness();
        }
        long age = now - Math.max(base, fresh);
        if (age >= config.consentTimeout().toMillis()) {
            transition(IceState.FAILED, "consent expired after " + age + " ms");
        } else if (age >= config.disconnectedTimeout().toMillis()) {
            transition(IceState.DISCONNECTED, "no consent for " + age + " ms");
        } else {
            boolean over;
            synchronized (lock) {
                over = checksOver;
            }
            transition(over ? IceState.COMPLETED : IceState.CONNECTED, "consent confirmed");
        }
    }

    /** The one place the state changes; invalid moves are ignored so racing sources need no coordination. */
    private void transition(IceState next, String why) {
        boolean release;
        synchronized (lock) {
            IceState current = state;
            if (!IceState.canMove(current, next)) {
                return;
            }
            state = next;
            release = next.isFinal() && !released;
            if (release) {
                released = true;
                if (consentTask != null) {
                    consentTask.cancel(false);
                }
                if (transport != null) {
                    transport.stop();
                }
            }
        }
        LOG.debug("ice agent {}: {} ({})", id, next, why);
        if (next.isFinal()) {
            transportFuture.completeExceptionally(new IceTransportException("ICE agent " + id + " is "
                    + next.name().toLowerCase() + ": " + why));
        }
        if (release) {
            // free() joins ice4j's work and must not run on an ice4j thread or under a listener.
            HOUSEKEEPING.execute(agent::free);
        }
        for (Consumer<IceState> l : stateListeners) {
            emit(() -> l.accept(next));
        }
    }

    /** Runs user callbacks one at a time, in submission order, without a thread of our own. */
    private void emit(Runnable r) {
        events.add(r);
        while (!events.isEmpty() && draining.compareAndSet(false, true)) {
            try {
                Runnable next;
                while ((next = events.poll()) != null) {
                    try {
                        next.run();
                    } catch (RuntimeException e) {
                        LOG.warn("ice agent {}: listener threw", id, e);
                    }
                }
            } finally {
                draining.set(false);
            }
        }
    }
}
