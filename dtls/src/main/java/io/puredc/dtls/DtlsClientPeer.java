package io.puredc.dtls;

import java.io.IOException;
import java.util.Vector;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.ClientCertificateType;
import org.bouncycastle.tls.DefaultTlsClient;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.TlsAuthentication;
import org.bouncycastle.tls.TlsCredentials;
import org.bouncycastle.tls.TlsServerCertificate;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.crypto.TlsCrypto;

/** Our BouncyCastle DTLS client: WebRTC's active side (see {@link DtlsProfile}). */
final class DtlsClientPeer extends DefaultTlsClient {

    private final DtlsCertificate certificate;
    private final DtlsConfig config;
    private final DtlsProfile.Hooks hooks;

    DtlsClientPeer(TlsCrypto crypto, DtlsCertificate certificate, DtlsConfig config, DtlsProfile.Hooks hooks) {
        super(crypto);
        this.certificate = certificate;
        this.config = config;
        this.hooks = hooks;
    }

    @Override
    protected ProtocolVersion[] getSupportedVersions() {
        return DtlsProfile.VERSIONS;
    }

    /**
     * Offers use_srtp (RFC 5764 §4.1.1) although data channels never use SRTP: browsers always
     * offer it, and werift 0.24 as DTLS server fails a ClientHello without it ("need
     * srtpProfile"). The keys it would export are never derived.
     */
    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    public java.util.Hashtable getClientExtensions() throws IOException {
        java.util.Hashtable extensions = org.bouncycastle.tls.TlsExtensionsUtils.ensureExtensionsInitialised(
                super.getClientExtensions());
        org.bouncycastle.tls.TlsSRTPUtils.addUseSRTPExtension(extensions, new org.bouncycastle.tls.UseSRTPData(
                new int[] {org.bouncycastle.tls.SRTPProtectionProfile.SRTP_AEAD_AES_128_GCM,
                    org.bouncycastle.tls.SRTPProtectionProfile.SRTP_AES128_CM_HMAC_SHA1_80},
                TlsUtils.EMPTY_BYTES));
        return extensions;
    }

    @Override
    protected int[] getSupportedCipherSuites() {
        return TlsUtils.getSupportedCipherSuites(getCrypto(), DtlsProfile.CLIENT_SUITES);
    }

    @Override
    public TlsAuthentication getAuthentication() {
        return new TlsAuthentication() {
            @Override
            public void notifyServerCertificate(TlsServerCertificate serverCertificate) throws IOException {
                hooks.verifyPeerCertificate(serverCertificate.getCertificate());
            }

            @Override
            public TlsCredentials getClientCredentials(CertificateRequest request) throws IOException {
                short[] types = request.getCertificateTypes();
                if (types != null && !contains(types, ClientCertificateType.ecdsa_sign)) {
                    // Sending nothing lets the server decide (RFC 5246 §7.4.6); a WebRTC server aborts.
                    return null;
                }
                Vector<?> serverSigAlgs = request.getSupportedSignatureAlgorithms();
                return DtlsProfile.signer(context, getCrypto(), certificate, serverSigAlgs);
            }
        };
    }

    private static boolean contains(short[] values, short value) {
        for (short v : values) {
            if (v == value) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void notifySecureRenegotiation(boolean secureRenegotiation) {
        // We never renegotiate (BC refuses it), so a server without renegotiation_info is safe.
    }

    @Override
    public boolean requiresExtendedMasterSecret() {
        return config.requireExtendedMasterSecret();
    }

    /** The certificate is pinned by its fingerprint; how it signed itself does not matter. */
    @Override
    public boolean shouldCheckSigAlgOfPeerCerts() {
        return false;
    }

    @Override
    public int getHandshakeTimeoutMillis() {
        return (int) config.handshakeTimeout().toMillis();
    }

    @Override
    public int getHandshakeResendTimeMillis() {
        return (int) config.initialRetransmit().toMillis();
    }

    @Override
    public void notifyHandshakeComplete() throws IOException {
        super.notifyHandshakeComplete();
        hooks.handshakeComplete(context.getSecurityParametersConnection());
    }

    @Override
    public void notifyAlertReceived(short alertLevel, short alertDescription) {
        hooks.alertReceived(alertLevel, alertDescription);
    }

    @Override
    public void notifyAlertRaised(short alertLevel, short alertDescription, String message, Throwable cause) {
        hooks.alertRaised(alertLevel, alertDescription, message, cause);
    }
}
