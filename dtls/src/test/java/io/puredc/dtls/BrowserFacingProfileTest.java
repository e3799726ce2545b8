package io.puredc.dtls;

import static io.puredc.dtls.DtlsTransportTest.BOUND_SECONDS;
import static io.puredc.dtls.DtlsTransportTest.CERT_A;
import static io.puredc.dtls.DtlsTransportTest.CERT_B;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.puredc.dtls.DtlsHandshakeException.Reason;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.ClientCertificateType;
import org.bouncycastle.tls.DTLSClientProtocol;
import org.bouncycastle.tls.DTLSTransport;
import org.bouncycastle.tls.DatagramTransport;
import org.bouncycastle.tls.DefaultTlsClient;
import org.bouncycastle.tls.HashAlgorithm;
import org.bouncycastle.tls.MaxFragmentLength;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.SignatureAlgorithm;
import org.bouncycastle.tls.SignatureAndHashAlgorithm;
import org.bouncycastle.tls.TlsAuthentication;
import org.bouncycastle.tls.TlsCredentials;
import org.bouncycastle.tls.TlsExtensionsUtils;
import org.bouncycastle.tls.TlsFatalAlertReceived;
import org.bouncycastle.tls.TlsServerCertificate;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Our server seen from a plain BouncyCastle client standing in for a browser: what it asks for
 * and what it refuses. The probe client accepts any server certificate, so only our server's
 * checks are under test.
 */
class BrowserFacingProfileTest {

    final ThreadPoolExecutor threads = HandshakeExecutors.newBoundedPool(4, "probe");
    final MemoryLink link = new MemoryLink(DtlsTransportTest.LINK_MTU);

    @AfterEach
    void tearDown() {
        link.close();
        threads.shutdownNow();
    }

    /** A configurable BC DTLS 1.2 client. */
    static final class ProbeClient extends DefaultTlsClient {
        volatile CertificateRequest seen;
        boolean presentCertificate = true;
        boolean offerExtendedMasterSecret = true;
        int paddingBytes; // RFC 7685 padding, to make the ClientHello as big as we like
        boolean askSmallFragments; // RFC 6066 max_fragment_length 2^9
        int[] suites = {
            CipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,
            CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
            CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
        };

        ProbeClient() {
            super(new BcTlsCrypto(new SecureRandom()));
        }

        @Override
        protected ProtocolVersion[] getSupportedVersions() {
            return ProtocolVersion.DTLSv12.only();
        }

        @Override
        protected int[] getSupportedCipherSuites() {
            return suites;
        }

        @Override
        public boolean shouldUseExtendedMasterSecret() {
            return offerExtendedMasterSecret;
        }

        @Override
        public int getHandshakeTimeoutMillis() {
            return (int) TimeUnit.SECONDS.toMillis(BOUND_SECONDS);
        }

        @Override
        @SuppressWarnings({"rawtypes", "unchecked"})
        public java.util.Hashtable getClientExtensions() throws IOException {
            java.util.Hashtable extensions = super.getClientExtensions();
            if (paddingBytes > 0) {
                TlsExtensionsUtils.addPaddingExtension(extensions, paddingBytes);
            }
            if (askSmallFragments) {
                TlsExtensionsUtils.addMaxFragmentLengthExtension(extensions, MaxFragmentLength.pow2_9);
            }
            return extensions;
        }

        @Override
        public TlsAuthentication getAuthentication() {
            return new TlsAuthentication() {
                @Override
                public void notifyServerCertificate(TlsServerCertificate serverCertificate) {
                    // accept anything: the server is under test
                }

                @Override
                public TlsCredentials getClientCredentials(CertificateRequest request) throws IOException {
                    seen = request;
                    return presentCertificate
                            ? DtlsProfile.signer(context, getCrypto(), CERT_A, request.getSupportedSignatureAlgorithms())
                            : null;
                }
            };
        }
    }

    DtlsTransport startServer(DtlsConfig config) {
        DtlsTransport server = DtlsTransport.create(link.b, DtlsRole.SERVER, CERT_B,
                List.of(CERT_A.fingerprint()), config.withHandshakeExecutor(threads));
        server.start();
        return server;
    }

    CompletableFuture<DTLSTransport> connect(ProbeClient probe) {
        DatagramQueue queue = new DatagramQueue(link.a, 1200, 64, () -> { });
        link.a.onReceive(queue::push);
        return connect(probe, queue);
    }

    CompletableFuture<DTLSTransport> connect(ProbeClient probe, DatagramTransport transport) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return new DTLSClientProtocol().connect(probe, transport);
            } catch (IOException e) {
                throw new CompletionException(e);
            }
        }, threads);
    }

    /** The simplest adapter, as BC-based peers use: one record per datagram, never packed. */
    static final class UnpackedTransport implements DatagramTransport {
        final MemoryLink.End end;
        final LinkedBlockingQueue<byte[]> received = new LinkedBlockingQueue<>();

        UnpackedTransport(MemoryLink.End end) {
            this.end = end;
            end.onReceive(b -> {
                byte[] copy = new byte[b.remaining()];
                b.get(copy);
                received.add(copy);
            });
        }

        @Override
        public int getReceiveLimit() {
            return 1500;
        }

        @Override
        public int getSendLimit() {
            return 1200;
        }

        @Override
        public int receive(byte[] buf, int off, int len, int waitMillis) throws IOException {
            try {
                byte[] d = received.poll(Math.max(1, waitMillis), TimeUnit.MILLISECONDS);
                if (d == null) {
                    return -1;
                }
                System.arraycopy(d, 0, buf, off, d.length);
                return d.length;
            } catch (InterruptedException e) {
                throw new java.io.InterruptedIOException();
            }
        }

        @Override
        public void send(byte[] buf, int off, int len) {
            end.send(java.nio.ByteBuffer.wrap(buf, off, len));
        }

        @Override
        public void close() {
            end.close();
        }
    }

    /**
     * A peer sending one record per datagram loses its CertificateVerify while the following
     * ChangeCipherSpec arrives. Without {@link ChangeCipherSpecGate}, BC 1.84 would switch epochs
     * early, discard every retransmitted CertificateVerify and time out.
     */
    @Test
    void changeCipherSpecOvertakingALostCertificateVerifyDoesNotStallTheServer() throws Exception {
        java.util.concurrent.atomic.AtomicBoolean droppedOnce = new java.util.concurrent.atomic.AtomicBoolean();
        link.dropFilter = sent -> sent.from().equals("a") && sent.contentType() == 22 && sent.epoch() == 0
                && sent.bytes().length > 13 && sent.bytes()[13] == 15 // certificate_verify
                && droppedOnce.compareAndSet(false, true);
        DtlsTransport server = startServer(DtlsConfig.defaults().withInitialRetransmit(Duration.ofMillis(100)));
        ProbeClient probe = new ProbeClient();
        CompletableFuture<DTLSTransport> client = connect(probe, new UnpackedTransport(link.a));

        server.handshakeFuture().get(BOUND_SECONDS, TimeUnit.SECONDS);
        client.get(BOUND_SECONDS, TimeUnit.SECONDS);
        assertTrue(droppedOnce.get(), "the CertificateVerify was dropped");
        assertTrue(server.droppedDatagrams() >= 1, "the early ChangeCipherSpec was held back");
    }

    @Test
    void certificateRequestNamesEcdsaAsChromiumRequiresAndOurSuiteOrderWins() throws Exception {
        DtlsTransport server = startServer(DtlsConfig.defaults());
        ProbeClient probe = new ProbeClient();
        connect(probe).get(BOUND_SECONDS, TimeUnit.SECONDS);
        server.handshakeFuture().get(BOUND_SECONDS, TimeUnit.SECONDS);

        short[] types = probe.seen.getCertificateTypes();
        assertTrue(contains(types, ClientCertificateType.ecdsa_sign), "ecdsa_sign missing: Chromium 124+ aborts");
        assertTrue(probe.seen.getSupportedSignatureAlgorithms().contains(
                SignatureAndHashAlgorithm.getInstance(HashAlgorithm.sha256, SignatureAlgorithm.ecdsa)));
        // The probe listed AES-128-GCM last; the server's preference picks it anyway.
        assertEquals(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, server.cipherSuite().getAsInt());
    }

    /**
     * A ClientHello larger than one datagram (a post-quantum key share alone, ML-KEM-768, is
     * 1184 bytes) arrives in fragments (RFC 6347 §4.2.3) that our server must reassemble.
     */
    @Test
    void clientHelloFragmentedOverSeveralDatagramsIsAccepted() throws Exception {
        DtlsTransport server = startServer(DtlsConfig.defaults());
        ProbeClient probe = new ProbeClient();
        probe.paddingBytes = 2500;
        connect(probe).get(BOUND_SECONDS, TimeUnit.SECONDS);
        server.handshakeFuture().get(BOUND_SECONDS, TimeUnit.SECONDS);
        long clientHelloFragments = link.sent.stream()
                .filter(s -> s.from().equals("a") && s.contentType() == 22 && s.bytes().length > 13 + 12
                        && s.bytes()[13] == 1) // handshake type client_hello
                .count();
        assertTrue(clientHelloFragments >= 3, "ClientHello in " + clientHelloFragments + " datagrams");
        assertTrue(link.largestDatagram() <= 1200);
    }

    /**
     * A client offering DTLS 1.3 and 1.2 (as Chromium can) aborts on a 1.2 ServerHello whose random ends
     * with the RFC 8446 §4.1.3 downgrade marker. BC writes that marker whenever it negotiates
     * less than the newest version it was configured with, so our server must be configured
     * with DTLS 1.2 only: then no 1.2 ServerHello carries the marker. (BC's DTLS client cannot
     * offer 1.3 yet, so this reads the marker off our ServerHello instead.)
     */
    @Test
    void serverHelloCarriesNoDowngradeMarker() throws Exception {
        DtlsTransport server = startServer(DtlsConfig.defaults());
        connect(new ProbeClient()).get(BOUND_SECONDS, TimeUnit.SECONDS);
        server.handshakeFuture().get(BOUND_SECONDS, TimeUnit.SECONDS);
        byte[] flight = link.sent.stream()
                .filter(s -> s.from().equals("b") && s.contentType() == 22 && s.bytes()[13] == 2) // server_hello
                .findFirst().orElseThrow().bytes();
        // record header 13 + handshake header 12 + server_version 2, then the 32-byte random
        byte[] randomTail = java.util.Arrays.copyOfRange(flight, 13 + 12 + 2 + 24, 13 + 12 + 2 + 32);
        assertEquals(0xfefd, (flight[25] & 0xff) << 8 | flight[26] & 0xff, "DTLS 1.2");
        assertFalse(java.util.Arrays.equals("DOWNGRD".getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                java.util.Arrays.copyOf(randomTail, 7)), "downgrade marker present");
    }

    /** A max_fragment_length request is declined, so full-size packets still reach the client. */
    @Test
    void maxFragmentLengthRequestIsDeclined() throws Exception {
        DtlsTransport server = startServer(DtlsConfig.defaults());
        ProbeClient probe = new ProbeClient();
        probe.askSmallFragments = true;
        DTLSTransport client = connect(probe).get(BOUND_SECONDS, TimeUnit.SECONDS);
        server.handshakeFuture().get(BOUND_SECONDS, TimeUnit.SECONDS);

        server.send(java.nio.ByteBuffer.wrap(new byte[server.maxPacketSize()]));
        byte[] buf = new byte[client.getReceiveLimit()];
        int n = client.receive(buf, 0, buf.length, (int) TimeUnit.SECONDS.toMillis(BOUND_SECONDS));
        assertEquals(server.maxPacketSize(), n);
    }

    @Test
    void clientWithoutCertificateIsRefused() throws Exception {
        DtlsTransport server = startServer(DtlsConfig.defaults());
        ProbeClient probe = new ProbeClient();
        probe.presentCertificate = false;
        CompletableFuture<DTLSTransport> client = connect(probe);

        ExecutionException e = assertThrows(ExecutionException.class,
                () -> server.handshakeFuture().get(BOUND_SECONDS, TimeUnit.SECONDS));
        assertEquals(Reason.NO_PEER_CERTIFICATE, ((DtlsHandshakeException) e.getCause()).reason());
        ExecutionException c = assertThrows(ExecutionException.class,
                () -> client.get(BOUND_SECONDS, TimeUnit.SECONDS));
        TlsFatalAlertReceived alert = assertInstanceOf(TlsFatalAlertReceived.class, c.getCause());
        assertEquals(AlertDescription.handshake_failure, alert.getAlertDescription());
    }

    @Test
    void extendedMasterSecretIsRequiredByDefault() throws Exception {
        DtlsTransport server = startServer(DtlsConfig.defaults());
        ProbeClient probe = new ProbeClient();
        probe.offerExtendedMasterSecret = false;
        connect(probe);
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> server.handshakeFuture().get(BOUND_SECONDS, TimeUnit.SECONDS));
        assertEquals(Reason.PROTOCOL_ERROR, ((DtlsHandshakeException) e.getCause()).reason());
    }

    @Test
    void extendedMasterSecretCanBeMadeOptional() throws Exception {
        DtlsTransport server = startServer(DtlsConfig.defaults().withRequireExtendedMasterSecret(false));
        ProbeClient probe = new ProbeClient();
        probe.offerExtendedMasterSecret = false;
        connect(probe).get(BOUND_SECONDS, TimeUnit.SECONDS);
        server.handshakeFuture().get(BOUND_SECONDS, TimeUnit.SECONDS);
        assertFalse(server.usedExtendedMasterSecret());
    }

    /** BC's default throws handshake_failure here; WebRTC peers need not send renegotiation_info. */
    @Test
    void missingRenegotiationInfoIsAccepted() throws IOException {
        DtlsConfig config = DtlsConfig.defaults().withHandshakeTimeout(Duration.ofSeconds(1))
                .withInitialRetransmit(Duration.ofMillis(100));
        new DtlsServerPeer(new BcTlsCrypto(), CERT_B, config, null).notifySecureRenegotiation(false);
        new DtlsClientPeer(new BcTlsCrypto(), CERT_A, config, null).notifySecureRenegotiation(false);
    }

    private static boolean contains(short[] values, short value) {
        for (short v : values) {
            if (v == value) {
                return true;
            }
        }
        return false;
    }
}
