package io.puredc.dtls;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Our DTLS identity: a self-signed ECDSA P-256 certificate (signed SHA256withECDSA) and its key.
 *
 * <p>WebRTC authenticates peers by the certificate fingerprint exchanged in SDP, not by a CA
 * (RFC 8827 §6.5, RFC 8122), so the certificate only has to be well formed. ECDSA P-256 is what
 * browsers generate by default and is cheap to sign with. One certificate can be shared by every
 * session of a process; {@link #generate()} it at start and again when {@link #notAfter()} nears.
 *
 * <p>Immutable; equality is by the certificate's DER bytes. The private key never appears in
 * {@link #toString()}.
 */
public final class DtlsCertificate {

    /** Browsers use 30 days for generated RTCCertificates; we do the same. */
    public static final Duration DEFAULT_VALIDITY = Duration.ofDays(30);

    /** Backdating tolerates a peer whose clock is behind ours (nobody checks dates, but be safe). */
    private static final Duration BACKDATE = Duration.ofDays(1);

    private final byte[] der;
    private final PrivateKey privateKey;
    private final Instant notAfter;
    private final CertificateFingerprint sha256;
    private volatile AsymmetricKeyParameter bcPrivateKey;

    private DtlsCertificate(byte[] der, PrivateKey privateKey, Instant notAfter) {
        this.der = der;
        this.privateKey = privateKey;
        this.notAfter = notAfter;
        this.sha256 = CertificateFingerprint.of(CertificateFingerprint.HashFunction.SHA_256, der);
    }

    /** Generates a fresh key pair and certificate valid for {@link #DEFAULT_VALIDITY}. */
    public static DtlsCertificate generate() {
        return generate(Instant.now(), DEFAULT_VALIDITY);
    }

    /** Generates a fresh key pair and a certificate valid from a day before {@code now}. */
    public static DtlsCertificate generate(Instant now, Duration validity) {
        try {
            SecureRandom random = new SecureRandom();
            KeyPairGenerator kpg = KeyPairGenerator.getInstance("EC");
            kpg.initialize(new ECGenParameterSpec("secp256r1"), random);
            KeyPair keyPair = kpg.generateKeyPair();

            // A random name, as browsers do, so certificates of different processes differ.
            X500Name name = new X500Name("CN=puredc-" + Long.toHexString(random.nextLong()));
            // RFC 5280 §4.1.2.2: positive serial of at most 20 octets.
            BigInteger serial = new BigInteger(63, random).add(BigInteger.ONE);
            Instant notAfter = now.plus(validity);
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                    name, serial, Date.from(now.minus(BACKDATE)), Date.from(notAfter), name,
                    keyPair.getPublic());
            X509CertificateHolder holder = builder.build(
                    new JcaContentSignerBuilder("SHA256withECDSA").build(keyPair.getPrivate()));
            return new DtlsCertificate(holder.getEncoded(), keyPair.getPrivate(), notAfter);
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new IllegalStateException("cannot generate an ECDSA P-256 certificate", e);
        }
    }

    /** The certificate in DER form (a copy). */
    public byte[] der() {
        return der.clone();
    }

    byte[] derUnsafe() {
        return der;
    }

    PrivateKey privateKey() {
        return privateKey;
    }

    /** The key in BouncyCastle's lightweight form, for BcTlsCrypto; converted once. */
    AsymmetricKeyParameter bcPrivateKey() throws IOException {
        AsymmetricKeyParameter key = bcPrivateKey;
        if (key == null) {
            key = PrivateKeyFactory.createKey(privateKey.getEncoded());
            bcPrivateKey = key;
        }
        return key;
    }

    public Instant notAfter() {
        return notAfter;
    }

    /** The SHA-256 fingerprint, what we put in our {@code a=fingerprint} (RFC 8122 §5). */
    public CertificateFingerprint fingerprint() {
        return sha256;
    }

    /** The fingerprint with another hash function, for peers that ask for it. */
    public CertificateFingerprint fingerprint(CertificateFingerprint.HashFunction hashFunction) {
        return CertificateFingerprint.of(hashFunction, der);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DtlsCertificate && Arrays.equals(((DtlsCertificate) o).der, der);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(der);
    }

    @Override
    public String toString() {
        return "DtlsCertificate[" + sha256.toSdpValue() + ", notAfter=" + notAfter + "]";
    }
}
