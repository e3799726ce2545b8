package io.puredc.dtls;

import java.io.IOException;
import java.security.SecureRandom;
import java.util.Vector;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.HashAlgorithm;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.SecurityParameters;
import org.bouncycastle.tls.SignatureAlgorithm;
import org.bouncycastle.tls.SignatureAndHashAlgorithm;
import org.bouncycastle.tls.TlsContext;
import org.bouncycastle.tls.TlsCredentialedSigner;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.crypto.TlsCertificate;
import org.bouncycastle.tls.crypto.TlsCrypto;
import org.bouncycastle.tls.crypto.TlsCryptoParameters;
import org.bouncycastle.tls.crypto.impl.bc.BcDefaultTlsCredentialedSigner;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaDefaultTlsCredentialedSigner;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCrypto;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCryptoProvider;

/**
 * What our DTLS client and server offer, chosen to match what browsers offer and accept.
 *
 * <p>Known BouncyCastle-versus-browser pitfalls and how this profile avoids them:
 * <ul>
 *   <li>Chromium 124+ aborts with handshake_failure(40) when a server's CertificateRequest does
 *       not list the type of Chromium's (ECDSA) certificate: BoringSSL started checking it, and
 *       BC-based servers that asked for rsa_sign only broke (sipsorcery#1104, fixed there by
 *       adding ecdsa_sign). Our request lists ecdsa_sign and rsa_sign, with signature
 *       algorithms that include ecdsa_secp256r1_sha256.
 *   <li>BC's default server aborts when the client sends no renegotiation_info; we never
 *       renegotiate, so we accept its absence (RFC 5746 §4.3 and §4.4 leave that to policy).
 *   <li>An ECDSA certificate can only serve ECDHE_ECDSA suites: as server we offer only those;
 *       as client we also accept ECDHE_RSA so a peer with an RSA certificate still works.
 * </ul>
 */
final class DtlsProfile {

    private DtlsProfile() {}

    /** DTLS 1.2 only: BC's DTLS 1.3 is not what WebRTC peers negotiate with a 1.2 stack. */
    static final ProtocolVersion[] VERSIONS = ProtocolVersion.DTLSv12.only();

    /**
     * Server side: our certificate is ECDSA, so only ECDHE_ECDSA suites; AES-128-GCM first. Only
     * AES-GCM suites, because after the handshake {@link AeadRecordLayer} protects the data and
     * it implements AES-GCM only (RFC 5288). Chromium, Firefox, libdatachannel (OpenSSL) and
     * werift (AES-128-GCM only) all offer AES-128-GCM.
     */
    static final int[] SERVER_SUITES = {
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
    };

    /** Client side: the AES-GCM suites browsers offer, ECDSA first; RSA for RSA-certificate peers. */
    static final int[] CLIENT_SUITES = {
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
        CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
        CipherSuite.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,
    };

    static TlsCrypto newCrypto(DtlsConfig.Crypto kind) {
        SecureRandom random = new SecureRandom();
        return kind == DtlsConfig.Crypto.JCA
                ? new JcaTlsCryptoProvider().create(random)
                : new BcTlsCrypto(random);
    }

    /**
     * Our certificate as signing credentials, signing with ECDSA and the hash the peer prefers
     * among those it listed (RFC 5246 §7.4.1.4.1; null list means the RFC's sha1 default, which
     * BC then refuses as too weak, failing the handshake rather than signing with SHA-1).
     */
    static TlsCredentialedSigner signer(TlsContext context, TlsCrypto crypto, DtlsCertificate cert,
            Vector<?> peerSignatureAlgorithms) throws IOException {
        SignatureAndHashAlgorithm alg = TlsUtils.chooseSignatureAndHashAlgorithm(
                context, peerSignatureAlgorithms, SignatureAlgorithm.ecdsa);
        if (alg == null) {
            alg = SignatureAndHashAlgorithm.getInstance(HashAlgorithm.sha256, SignatureAlgorithm.ecdsa);
        }
        TlsCertificate tlsCert = crypto.createCertificate(cert.derUnsafe());
        Certificate chain = new Certificate(new TlsCertificate[] {tlsCert});
        TlsCryptoParameters params = new TlsCryptoParameters(context);
        if (crypto instanceof BcTlsCrypto) {
            return new BcDefaultTlsCredentialedSigner(params, (BcTlsCrypto) crypto, cert.bcPrivateKey(),
                    chain, alg);
        }
        return new JcaDefaultTlsCredentialedSigner(params, (JcaTlsCrypto) crypto, cert.privateKey(),
                chain, alg);
    }

    /** Callbacks from our BC client/server into the owning {@link DtlsTransport}. */
    interface Hooks {
        /**
         * Checks the peer's certificate chain against the remote SDP fingerprints; throws a
         * fatal alert (which aborts the handshake) if it is not acceptable.
         */
        void verifyPeerCertificate(Certificate chain) throws IOException;

        void alertReceived(short level, short description);

        void alertRaised(short level, short description, String message, Throwable cause);

        /** The handshake finished with these parameters (cipher suite, extended master secret). */
        void handshakeComplete(SecurityParameters parameters);
    }

    /** The alert for a rejected peer certificate (RFC 5246 §7.2.2). */
    static TlsFatalAlert badCertificate(String message) {
        return new TlsFatalAlert(AlertDescription.bad_certificate, message);
    }
}
