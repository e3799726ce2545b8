package io.puredc.dtls;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.AlertLevel;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.DTLSClientProtocol;
import org.bouncycastle.tls.DTLSServerProtocol;
import org.bouncycastle.tls.DTLSTransport;
import org.bouncycastle.tls.SecurityParameters;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.crypto.TlsCrypto;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DTLS 1.2 (RFC 6347) over a lower {@link PacketTransport}, itself a {@link PacketTransport} for
 * plaintext application data (SCTP packets, RFC 8261).
 *
 * <p>Life cycle: {@link #create} subscribes to the lower transport (datagrams arriving before
 * {@link #start} are queued, so an early ClientHello is not lost); {@link #start} runs the
 * handshake on the configured handshake executor; {@link #handshakeFuture()} completes when the
 * peer's certificate matched one of the remote SDP fingerprints and the handshake finished, or
 * completes exceptionally with a {@link DtlsHandshakeException}. Application data flows only
 * after that. {@link #close()} sends close_notify; a close_notify from the peer completes
 * {@link #closeFuture()} with {@link CloseCause#PEER}; failures complete it exceptionally. This
 * transport owns the lower one and closes it when it ends.
 *
 * <p>Records: BouncyCastle runs the handshake. After it, application data is protected by our
 * own {@link AeadRecordLayer} (AES-GCM, keys derived from the handshake's master secret) through
 * a {@link RecordPath}, because BC's record layer cost several times the cipher's own CPU per
 * record (see the README). BC still handles everything else: a retransmitted final flight,
 * alerts, close_notify; its epoch-1 records are re-sealed under our sequence numbers so that no
 * number, hence no GCM nonce, is used twice.
 *
 * <p>Threads: the handshake runs on a handshake-executor thread, which completes the handshake
 * future. After it, no thread is held: each ciphertext datagram is decrypted on the thread that
 * delivered it to the lower transport's {@code onReceive} callback, and the plaintext consumer
 * is called there, in order and never concurrently (serialised by a lock). {@link #send} encrypts
 * on the caller's thread and may be called from any thread.
 */
public final class DtlsTransport implements PacketTransport {

    /** How a transport ended normally. */
    public enum CloseCause {
        /** {@link #close()} was called here. */
        LOCAL,
        /** The peer sent close_notify (RFC 5246 §7.2.1). */
        PEER
    }

    /**
     * Per-record expansion with our most expensive suites (AES-GCM, RFC 5288 §3): the 13-byte
     * DTLS record header, an 8-byte explicit nonce and a 16-byte tag.
     */
    static final int RECORD_OVERHEAD = AeadRecordLayer.OVERHEAD;

    private static final Logger LOG = LoggerFactory.getLogger(DtlsTransport.class);

    private enum State { NEW, HANDSHAKING, OPEN, CLOSED, FAILED }

    private final PacketTransport lower;
    private final DtlsRole role;
    private final DtlsCertificate localCertificate;
    private final List<CertificateFingerprint> remoteFingerprints;
    private final DtlsConfig config;
    private final DatagramQueue queue;
    private final AtomicReference<State> state = new AtomicReference<>(State.NEW);
    private final CompletableFuture<Void> handshake = new CompletableFuture<>();
    private final CompletableFuture<CloseCause> closed = new CompletableFuture<>();
    private final Object rxLock = new Object();
    private final AtomicLong undelivered = new AtomicLong();
    private final PathReceiver pathReceiver = new PathReceiver();

    private volatile DTLSTransport dtls;
    private volatile Consumer<ByteBuffer> consumer;
    private volatile DtlsHandshakeException verificationFailure;
    private volatile boolean peerSentCloseNotify;
    private volatile short peerFatalAlert = -1;
    private volatile byte[] remoteCertificateDer;
    private volatile int cipherSuite = -1;
    private volatile boolean extendedMasterSecret;
    private byte[] rxBuffer; // guarded by rxLock
    /** Keys derived when the handshake completed; installed as {@link #records} right after. */
    private volatile AeadRecordLayer derivedRecords;
    /** Our epoch-1 record path once installed; null while handshaking or on BC's record layer. */
    private volatile RecordPath records;
    /** Tests only: keep BouncyCastle's record layer for application data (see README). */
    private volatile boolean bouncyCastleRecordLayer;

    private DtlsTransport(PacketTransport lower, DtlsRole role, DtlsCertificate localCertificate,
            Collection<CertificateFingerprint> remoteFingerprints, DtlsConfig config) {
        this.lower = Objects.requireNonNull(lower, "lower");
        this.role = Objects.requireNonNull(role, "role");
        this.localCertificate = Objects.requireNonNull(localCertificate, "localCertificate");
        this.remoteFingerprints = List.copyOf(remoteFingerprints);
        this.config = Objects.requireNonNull(config, "config");
        this.queue = new DatagramQueue(lower, config.maxDatagramSize(), config.receiveQueueCapacity(),
                this::onQueueClosed, role == DtlsRole.SERVER);
        if (queue.getSendLimit() - RECORD_OVERHEAD < 1) {
            throw new IllegalArgumentException("lower transport's packets are too small for DTLS");
        }
    }

    /**
     * Creates a transport over {@code lower} and subscribes to it; call {@link #start()} next.
     *
     * @param role from {@link DtlsRole#fromRemoteSetup}
     * @param remoteFingerprints every {@code a=fingerprint} of the remote description; if empty,
     *     every peer certificate is refused and the handshake fails with
     *     {@link DtlsHandshakeException.Reason#MISSING_FINGERPRINT}
     */
    public static DtlsTransport create(PacketTransport lower, DtlsRole role, DtlsCertificate localCertificate,
            Collection<CertificateFingerprint> remoteFingerprints, DtlsConfig config) {
        DtlsTransport t = new DtlsTransport(lower, role, localCertificate, remoteFingerprints, config);
        lower.onReceive(t::onLowerReceive);
        return t;
    }

    /** Starts the handshake on the handshake executor; returns {@link #handshakeFuture()}. */
    public CompletableFuture<Void> start() {
        if (!state.compareAndSet(State.NEW, State.HANDSHAKING)) {
            return handshake;
        }
        try {
            config.handshakeExecutor().execute(this::runHandshake);
        } catch (RejectedExecutionException e) {
            fail(new DtlsHandshakeException(DtlsHandshakeException.Reason.INTERNAL,
                    "handshake executor refused the handshake", e));
        }
        return handshake;
    }

    /** Completes once the handshake succeeded; exceptionally with a {@link DtlsHandshakeException}. */
    public CompletableFuture<Void> handshakeFuture() {
        return handshake;
    }

    /**
     * Completes when this transport ends: normally with the {@link CloseCause}, exceptionally
     * with a {@link TransportException} when the handshake or the connection failed.
     */
    public CompletableFuture<CloseCause> closeFuture() {
        return closed;
    }

    public DtlsRole role() {
        return role;
    }

    public DtlsCertificate localCertificate() {
        return localCertificate;
    }

    /** The peer's verified certificate (DER), once the handshake has checked it. */
    public Optional<byte[]> remoteCertificate() {
        byte[] der = remoteCertificateDer;
        return der == null ? Optional.empty() : Optional.of(der.clone());
    }

    /** The negotiated cipher suite (an IANA value, see BC's {@code CipherSuite}), once negotiated. */
    public OptionalInt cipherSuite() {
        int suite = cipherSuite;
        return suite < 0 ? OptionalInt.empty() : OptionalInt.of(suite);
    }

    /** Whether the handshake used extended_master_secret (RFC 7627). */
    public boolean usedExtendedMasterSecret() {
        return extendedMasterSecret;
    }

    /** Ciphertext datagrams dropped on arrival (queue full, oversize, after close, early CCS). */
    public long droppedDatagrams() {
        return queue.dropped();
    }

    /**
     * Application-data records silently discarded after the handshake (RFC 6347 §4.1.2.7):
     * replayed or older than the replay window, malformed, or failing authentication.
     */
    public long discardedRecords() {
        RecordPath path = records;
        return path == null ? 0 : path.discardedRecords();
    }

    /**
     * For tests and the benchmark: application data goes through BouncyCastle's record layer
     * instead of ours, as before. Call before {@link #start()}.
     */
    void useBouncyCastleRecordLayer() {
        bouncyCastleRecordLayer = true;
    }

    /** Whether application data goes through {@link AeadRecordLayer} (after the handshake). */
    boolean usesOwnRecordLayer() {
        return records != null;
    }

    /** Plaintext packets decrypted while no consumer was set, or whose consumer threw. */
    public long undeliveredPackets() {
        return undelivered.get();
    }

    /**
     * Largest plaintext packet: the datagram limit less {@link #RECORD_OVERHEAD}, so 1163 with
     * the default 1200-byte datagrams. Fixed before the handshake so SCTP can size its packets
     * from the start; suites with less overhead (ChaCha20-Poly1305) just leave 8 bytes unused.
     */
    @Override
    public int maxPacketSize() {
        return queue.getSendLimit() - RECORD_OVERHEAD;
    }

    @Override
    public void onReceive(Consumer<ByteBuffer> consumer) {
        this.consumer = consumer;
    }

    /**
     * Encrypts and sends one record in one datagram.
     *
     * @throws TransportException before the handshake completed, after close or failure, or if
     *     the packet exceeds {@link #maxPacketSize()}
     * @throws IllegalArgumentException for an empty packet
     */
    @Override
    public void send(ByteBuffer packet) {
        State s = state.get();
        if (s != State.OPEN) {
            throw new TransportException(s == State.NEW || s == State.HANDSHAKING
                    ? "DTLS handshake not complete" : "DTLS transport " + s.name().toLowerCase());
        }
        int n = packet.remaining();
        if (n == 0) {
            throw new IllegalArgumentException("empty packet");
        }
        if (n > maxPacketSize()) {
            throw new TransportException("packet of " + n + " bytes exceeds maxPacketSize " + maxPacketSize());
        }
        RecordPath path = records;
        if (path != null) {
            sendRecord(path, packet);
            return;
        }
        byte[] bytes;
        int offset;
        if (packet.hasArray()) {
            bytes = packet.array();
            offset = packet.arrayOffset() + packet.position();
        } else {
            bytes = new byte[n];
            packet.duplicate().get(bytes);
            offset = 0;
        }
        try {
            dtls.send(bytes, offset, n);
        } catch (IOException e) {
            TransportException failure = new TransportException("DTLS send failed", e);
            fail(failure);
            throw failure;
        }
    }

    private void sendRecord(RecordPath path, ByteBuffer packet) {
        TransportException failure;
        try {
            path.send(packet);
            return;
        } catch (GeneralSecurityException e) {
            failure = new TransportException("DTLS record protection failed: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            failure = new TransportException("DTLS send failed: lower transport failed: " + e, e);
        }
        fail(failure);
        throw failure;
    }

    /**
     * Closes: after the handshake sends close_notify (RFC 5246 §7.2.1), during it aborts the
     * handshake. Then closes the lower transport. Idempotent.
     */
    @Override
    public void close() {
        State previous = state.getAndUpdate(s -> s == State.CLOSED || s == State.FAILED ? s : State.CLOSED);
        if (previous == State.CLOSED || previous == State.FAILED) {
            return;
        }
        if (previous == State.OPEN) {
            // Under rxLock so BC's record layer is never closed in the middle of a receive.
            synchronized (rxLock) {
                try {
                    dtls.close(); // sends close_notify, then closes the queue
                } catch (IOException e) {
                    LOG.debug("close_notify not sent", e);
                }
            }
        }
        release();
        closed.complete(CloseCause.LOCAL);
        failHandshake(new DtlsHandshakeException(DtlsHandshakeException.Reason.CLOSED,
                "closed before the handshake completed"));
    }

    private void runHandshake() {
        try {
            TlsCrypto crypto = DtlsProfile.newCrypto(config.crypto());
            Hooks hooks = new Hooks();
            DTLSTransport established = role == DtlsRole.CLIENT
                    ? new DTLSClientProtocol().connect(
                            new DtlsClientPeer(crypto, localCertificate, config, hooks), queue)
                    : new DTLSServerProtocol().accept(
                            new DtlsServerPeer(crypto, localCertificate, config, hooks), queue);
            AeadRecordLayer own = bouncyCastleRecordLayer ? null : derivedRecords;
            derivedRecords = null;
            synchronized (rxLock) {
                dtls = established;
                rxBuffer = new byte[established.getReceiveLimit()];
                if (own == null) {
                    queue.drainMode();
                } else {
                    RecordPath path = new RecordPath(own, lower, queue.getSendLimit());
                    // BC writes only when driven, and after the handshake only under rxLock (its
                    // receive in drain(), its close in close()), so nothing is written in between.
                    path.startWriteSequenceAt(queue.drainMode(path::reseal) + 1);
                    records = path;
                }
            }
            if (!state.compareAndSet(State.HANDSHAKING, State.OPEN)) {
                established.close(); // closed meanwhile; the queue is closed, nothing leaves
                return;
            }
            LOG.debug("DTLS handshake complete as {}", role);
            handshake.complete(null);
            // Application data that arrived with or just after the final flight is queued.
            drainQueued();
        } catch (Throwable e) {
            DtlsHandshakeException failure = classify(e);
            LOG.debug("DTLS handshake as {} failed: {}", role, failure.getMessage());
            fail(failure);
            if (e instanceof Error) {
                throw (Error) e;
            }
        }
    }

    private DtlsHandshakeException classify(Throwable e) {
        DtlsHandshakeException verification = verificationFailure;
        if (verification != null) {
            return verification;
        }
        if (state.get() == State.CLOSED) {
            return new DtlsHandshakeException(DtlsHandshakeException.Reason.CLOSED,
                    "closed during the handshake", e);
        }
        return HandshakeFailures.classify(e, config.handshakeTimeout());
    }

    /** The lower transport's receive thread. */
    private void onLowerReceive(ByteBuffer datagram) {
        if (records != null) {
            synchronized (rxLock) {
                State s = state.get();
                if (s == State.OPEN) {
                    receiveOwn(datagram);
                } else if (s == State.HANDSHAKING) {
                    queue.push(datagram); // installed but not yet open: runHandshake drains it next
                }
            }
            return;
        }
        queue.push(datagram);
        if (state.get() == State.OPEN) {
            drainQueued();
        }
    }

    /** Processes what the queue holds: through our record layer once installed, else through BC. */
    private void drainQueued() {
        synchronized (rxLock) {
            if (records == null) {
                drain();
                return;
            }
            // Outside rxLock the queue holds only datagrams pushed before our record layer was
            // installed: RecordPath hands records to BC and BC drains them at once (PathReceiver).
            byte[] raw;
            while (state.get() == State.OPEN && (raw = queue.pollRaw()) != null) {
                receiveOwn(ByteBuffer.wrap(raw));
            }
        }
    }

    /** One ciphertext datagram through our record path; rxLock held. */
    private void receiveOwn(ByteBuffer datagram) {
        if (datagram.remaining() > DatagramQueue.RECEIVE_LIMIT) {
            queue.countDropped(); // the same limit as before the handshake (see the README)
            return;
        }
        records.receive(datagram, pathReceiver);
    }

    /** What {@link RecordPath#receive} finds, on the receiving thread with rxLock held. */
    private final class PathReceiver implements RecordPath.Receiver {
        @Override
        public boolean isOpen() {
            return state.get() == State.OPEN;
        }

        @Override
        public void deliver(ByteBuffer plaintext) {
            DtlsTransport.this.deliver(plaintext);
        }

        @Override
        public void toBouncyCastle(byte[] datagram, int offset, int length) {
            queue.push(ByteBuffer.wrap(datagram, offset, length));
            drain();
        }
    }

    /** Decrypts everything queued and hands application data to the consumer. */
    private void drain() {
        synchronized (rxLock) {
            DTLSTransport t = dtls;
            while (t != null && state.get() == State.OPEN) {
                int n;
                try {
                    // waitMillis 1, never 0: BC reads 0 as "wait forever".
                    n = queue.packWhile(() -> t.receive(rxBuffer, 0, rxBuffer.length, 1));
                } catch (InterruptedIOException e) {
                    return; // queue empty: everything that arrived is processed
                } catch (IOException e) {
                    if (state.get() == State.OPEN) {
                        fail(new TransportException("DTLS connection failed: " + e.getMessage(), e));
                    }
                    return;
                }
                if (n >= 0) {
                    deliver(ByteBuffer.wrap(java.util.Arrays.copyOf(rxBuffer, n)));
                }
            }
        }
    }

    /** Hands a plaintext packet, which becomes the consumer's, to the consumer; rxLock held. */
    private void deliver(ByteBuffer packet) {
        Consumer<ByteBuffer> c = consumer;
        if (c == null) {
            undelivered.incrementAndGet();
            return;
        }
        try {
            c.accept(packet);
        } catch (RuntimeException e) {
            // A consumer bug must not end the connection; count it and go on.
            undelivered.incrementAndGet();
            LOG.warn("DTLS packet consumer threw", e);
        }
    }

    /** BC closed the queue (after close_notify or a fatal alert), or we did. */
    private void onQueueClosed() {
        if (state.get() != State.OPEN) {
            return; // handshake failures are reported by the handshake thread; close() handles itself
        }
        if (peerSentCloseNotify) {
            if (state.compareAndSet(State.OPEN, State.CLOSED)) {
                LOG.debug("DTLS peer sent close_notify");
                release();
                closed.complete(CloseCause.PEER);
            }
        } else {
            short alert = peerFatalAlert;
            fail(new TransportException(alert >= 0
                    ? "peer sent fatal alert " + AlertDescription.getText(alert)
                    : "DTLS connection failed"));
        }
    }

    private void fail(TransportException failure) {
        State previous = state.getAndUpdate(s -> s == State.CLOSED || s == State.FAILED ? s : State.FAILED);
        if (previous == State.CLOSED || previous == State.FAILED) {
            return;
        }
        release();
        closed.completeExceptionally(failure);
        failHandshake(failure);
    }

    /** Releases the queue and the lower transport once the state is terminal. */
    private void release() {
        queue.close();
        try {
            lower.close();
        } catch (RuntimeException e) {
            LOG.debug("lower transport close failed", e);
        }
    }

    /** Completes the handshake future after the close future, so its observers see the end. */
    private void failHandshake(TransportException failure) {
        handshake.completeExceptionally(failure instanceof DtlsHandshakeException ? failure
                : new DtlsHandshakeException(DtlsHandshakeException.Reason.CLOSED, failure.getMessage(), failure));
    }

    /** Callbacks from BouncyCastle's handshake and record layer. */
    private final class Hooks implements DtlsProfile.Hooks {

        /** RFC 8122 §5 and RFC 8827 §6.5: the peer's certificate must match its SDP fingerprint. */
        @Override
        public void verifyPeerCertificate(Certificate chain) throws IOException {
            if (chain == null || chain.isEmpty()) {
                verificationFailure = new DtlsHandshakeException(DtlsHandshakeException.Reason.NO_PEER_CERTIFICATE,
                        "peer presented no certificate");
                // RFC 5246 §7.4.6: a server needing client authentication answers handshake_failure.
                throw new TlsFatalAlert(AlertDescription.handshake_failure, "no peer certificate");
            }
            // The end-entity certificate is first (RFC 5246 §7.4.2); it is what the SDP pins.
            byte[] der = chain.getCertificateAt(0).getEncoded();
            if (remoteFingerprints.isEmpty()) {
                verificationFailure = new DtlsHandshakeException(DtlsHandshakeException.Reason.MISSING_FINGERPRINT,
                        "no remote a=fingerprint to verify the peer certificate against");
                throw DtlsProfile.badCertificate("no remote fingerprint");
            }
            if (!CertificateFingerprint.anyStrongestMatches(remoteFingerprints, der)) {
                CertificateFingerprint actual = CertificateFingerprint.of(
                        CertificateFingerprint.HashFunction.SHA_256, der);
                verificationFailure = new DtlsHandshakeException(DtlsHandshakeException.Reason.FINGERPRINT_MISMATCH,
                        "peer certificate " + actual + " matches no remote a=fingerprint " + remoteFingerprints);
                throw DtlsProfile.badCertificate("fingerprint mismatch");
            }
            remoteCertificateDer = der;
        }

        @Override
        public void handshakeComplete(SecurityParameters parameters) {
            extendedMasterSecret = parameters.isExtendedMasterSecret();
            cipherSuite = parameters.getCipherSuite();
            if (bouncyCastleRecordLayer) {
                return;
            }
            try {
                derivedRecords = AeadRecordLayer.fromHandshake(parameters);
            } catch (GeneralSecurityException | RuntimeException e) {
                // BC's record layer still works: slower, not wrong.
                LOG.warn("DTLS keys not derived, BouncyCastle's record layer protects the data", e);
            }
        }

        @Override
        public void alertReceived(short level, short description) {
            if (description == AlertDescription.close_notify) {
                peerSentCloseNotify = true;
            } else if (level == AlertLevel.fatal) {
                peerFatalAlert = description;
            }
            LOG.debug("DTLS alert received: {} {}", AlertLevel.getText(level), AlertDescription.getText(description));
        }

        @Override
        public void alertRaised(short level, short description, String message, Throwable cause) {
            LOG.debug("DTLS alert sent: {} {} {}", AlertLevel.getText(level), AlertDescription.getText(description),
                    message == null ? "" : message);
        }
    }
}
