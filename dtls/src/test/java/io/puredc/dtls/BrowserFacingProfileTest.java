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
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.ClientCertificateType;
import org.bouncycastle.tls.DTLSClientProtocol;
import org.bouncycastle.tls.DTLSTransport;
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
        return CompletableFuture.supplyAsync(() -> {
            try {
                return new DTLSClientProtocol().connect(probe, queue);
            } catch (IOException e) {
                throw new CompletionException(e);
            }
        }, threads);
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
     * Recent Chromium offers DTLS 1.3 with post-quantum key shares, which can make its
     * ClientHello larger than one datagram; it then arrives in fragments (RFC 6347 §4.2.3) that
     * our server must reassemble. (BC's stateless DTLSVerifier cannot, which is one reason we
     * do not use it.)
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
