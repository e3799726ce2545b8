package io.puredc.dtls;

import java.io.IOException;
import java.util.Hashtable;
import java.util.Vector;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.ClientCertificateType;
import org.bouncycastle.tls.DefaultTlsServer;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.TlsCredentialedSigner;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.crypto.TlsCrypto;

/** Our BouncyCastle DTLS server: WebRTC's passive side (see {@link DtlsProfile}). */
final class DtlsServerPeer extends DefaultTlsServer {

    private final DtlsCertificate certificate;
    private final DtlsConfig config;
    private final DtlsProfile.Hooks hooks;

    DtlsServerPeer(TlsCrypto crypto, DtlsCertificate certificate, DtlsConfig config, DtlsProfile.Hooks hooks) {
        super(crypto);
        this.certificate = certificate;
        this.config = config;
        this.hooks = hooks;
    }

    @Override
    protected ProtocolVersion[] getSupportedVersions() {
        return DtlsProfile.VERSIONS;
    }

    @Override
    protected int[] getSupportedCipherSuites() {
        return TlsUtils.getSupportedCipherSuites(getCrypto(), DtlsProfile.SERVER_SUITES);
    }

    /** Our order wins, so AES-128-GCM is chosen whenever the client offers it. */
    @Override
    protected boolean preferLocalCipherSuites() {
        return true;
    }

    @Override
    protected TlsCredentialedSigner getECDSASignerCredentials() throws IOException {
        Vector<?> clientSigAlgs = context.getSecurityParametersHandshake().getClientSigAlgs();
        return DtlsProfile.signer(context, getCrypto(), certificate, clientSigAlgs);
    }

    /**
     * WebRTC authenticates both ends (RFC 8827 §6.5), so the client must present a certificate.
     * Both certificate types are allowed; Chromium needs ecdsa_sign listed (see DtlsProfile).
     */
    @Override
    public CertificateRequest getCertificateRequest() {
        short[] types = {ClientCertificateType.ecdsa_sign, ClientCertificateType.rsa_sign};
        Vector<?> sigAlgs = TlsUtils.getDefaultSupportedSignatureAlgorithms(context);
        return new CertificateRequest(types, sigAlgs, null);
    }

    /** Called with the client's chain, possibly empty (RFC 5246 §7.4.6). */
    @Override
    public void notifyClientCertificate(Certificate clientCertificate) throws IOException {
        hooks.verifyPeerCertificate(clientCertificate);
    }

    /**
     * Ignores a max_fragment_length request (RFC 6066 §4 lets a server decline by not echoing
     * it): a smaller record limit would break the fixed 1163-byte packet size SCTP relies on.
     * Browsers never ask for it.
     */
    @Override
    @SuppressWarnings("rawtypes")
    public void processClientExtensions(Hashtable clientExtensions) throws IOException {
        super.processClientExtensions(clientExtensions);
        maxFragmentLengthOffered = -1;
    }

    @Override
    public void notifySecureRenegotiation(boolean secureRenegotiation) {
        // We never renegotiate (BC refuses it), so a client without renegotiation_info is safe.
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
