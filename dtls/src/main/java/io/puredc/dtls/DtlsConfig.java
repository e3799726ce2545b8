package io.puredc.dtls;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * Settings of a {@link DtlsTransport}; {@link #defaults()} are what browsers interoperate with.
 *
 * @param maxDatagramSize largest DTLS datagram we send, in bytes (UDP payload). 1200 keeps a
 *     datagram inside the IPv6 minimum MTU of 1280 with room for IPv6 (40), UDP (8) and a TURN
 *     ChannelData header (4) and more: see the README's MTU budget.
 * @param handshakeTimeout give up on a handshake after this long (BouncyCastle's default is
 *     infinite, which would pin a handshake thread forever on a dead peer)
 * @param initialRetransmit first handshake retransmission timer; it doubles on every
 *     retransmission (RFC 6347 §4.2.4.1 recommends 1 s initially)
 * @param requireExtendedMasterSecret abort handshakes with peers that do not negotiate
 *     extended_master_secret (RFC 7627 §5.2/§5.3); every current browser does
 * @param crypto which BouncyCastle TlsCrypto implementation performs the handshake's cryptography;
 *     application data after it always uses the JDK's AES-GCM ({@link AeadRecordLayer})
 * @param handshakeExecutor runs the blocking handshakes; bounded and shared by default
 * @param receiveQueueCapacity datagrams buffered for the handshake thread; beyond it arriving
 *     datagrams are dropped, like a full socket buffer drops them
 */
public record DtlsConfig(
        int maxDatagramSize,
        Duration handshakeTimeout,
        Duration initialRetransmit,
        boolean requireExtendedMasterSecret,
        Crypto crypto,
        Executor handshakeExecutor,
        int receiveQueueCapacity) {

    /** Largest UDP payload we send by default; see {@link #maxDatagramSize}. */
    public static final int DEFAULT_MAX_DATAGRAM_SIZE = 1200;

    /** BouncyCastle's TlsCrypto choices. */
    public enum Crypto {
        /** BouncyCastle's own lightweight crypto ({@code BcTlsCrypto}), what jitsi runs. */
        BC,
        /** The JDK's providers through JCA ({@code JcaTlsCrypto}); AES-GCM uses CPU intrinsics. */
        JCA
    }

    public DtlsConfig {
        // A DTLS 1.2 AES-GCM record needs 13 + 8 + 16 bytes of overhead plus handshake fragments.
        if (maxDatagramSize < 256) {
            throw new IllegalArgumentException("maxDatagramSize too small: " + maxDatagramSize);
        }
        Objects.requireNonNull(handshakeTimeout, "handshakeTimeout");
        Objects.requireNonNull(initialRetransmit, "initialRetransmit");
        Objects.requireNonNull(crypto, "crypto");
        Objects.requireNonNull(handshakeExecutor, "handshakeExecutor");
        if (handshakeTimeout.toMillis() < 1 || handshakeTimeout.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("handshakeTimeout out of range: " + handshakeTimeout);
        }
        if (initialRetransmit.toMillis() < 1 || initialRetransmit.compareTo(handshakeTimeout) > 0) {
            throw new IllegalArgumentException("initialRetransmit out of range: " + initialRetransmit);
        }
        if (receiveQueueCapacity < 1) {
            throw new IllegalArgumentException("receiveQueueCapacity must be positive");
        }
    }

    /**
     * Browser-compatible defaults: 1200-byte datagrams, 30 s handshake, 1 s first retransmit,
     * JCA crypto for the handshake (the JDK's P-256 and SHA-2; with BC's record layer it also
     * measured at a quarter to a half of BC crypto's CPU per MB of records, see the README).
     */
    public static DtlsConfig defaults() {
        return new DtlsConfig(DEFAULT_MAX_DATAGRAM_SIZE, Duration.ofSeconds(30), Duration.ofSeconds(1),
                true, Crypto.JCA, HandshakeExecutors.shared(), 256);
    }

    public DtlsConfig withMaxDatagramSize(int value) {
        return new DtlsConfig(value, handshakeTimeout, initialRetransmit, requireExtendedMasterSecret,
                crypto, handshakeExecutor, receiveQueueCapacity);
    }

    public DtlsConfig withHandshakeTimeout(Duration value) {
        return new DtlsConfig(maxDatagramSize, value, initialRetransmit, requireExtendedMasterSecret,
                crypto, handshakeExecutor, receiveQueueCapacity);
    }

    public DtlsConfig withInitialRetransmit(Duration value) {
        return new DtlsConfig(maxDatagramSize, handshakeTimeout, value, requireExtendedMasterSecret,
                crypto, handshakeExecutor, receiveQueueCapacity);
    }

    public DtlsConfig withRequireExtendedMasterSecret(boolean value) {
        return new DtlsConfig(maxDatagramSize, handshakeTimeout, initialRetransmit, value,
                crypto, handshakeExecutor, receiveQueueCapacity);
    }

    public DtlsConfig withCrypto(Crypto value) {
        return new DtlsConfig(maxDatagramSize, handshakeTimeout, initialRetransmit,
                requireExtendedMasterSecret, value, handshakeExecutor, receiveQueueCapacity);
    }

    public DtlsConfig withHandshakeExecutor(Executor value) {
        return new DtlsConfig(maxDatagramSize, handshakeTimeout, initialRetransmit,
                requireExtendedMasterSecret, crypto, value, receiveQueueCapacity);
    }

    public DtlsConfig withReceiveQueueCapacity(int value) {
        return new DtlsConfig(maxDatagramSize, handshakeTimeout, initialRetransmit,
                requireExtendedMasterSecret, crypto, handshakeExecutor, value);
    }
}
