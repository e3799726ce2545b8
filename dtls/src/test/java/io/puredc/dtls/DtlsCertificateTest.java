package io.puredc.dtls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.junit.jupiter.api.Test;

class DtlsCertificateTest {

    static X509Certificate parse(byte[] der) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(der));
    }

    @Test
    void isASelfSignedEcdsaP256CertificateSignedWithSha256() throws Exception {
        DtlsCertificate cert = DtlsCertificate.generate();
        X509Certificate x509 = parse(cert.der());
        assertEquals("SHA256withECDSA", x509.getSigAlgName());
        ECPublicKey key = (ECPublicKey) x509.getPublicKey();
        assertEquals(256, key.getParams().getCurve().getField().getFieldSize());
        assertEquals(x509.getSubjectX500Principal(), x509.getIssuerX500Principal());
        x509.verify(x509.getPublicKey()); // throws unless self-signed by its own key
        x509.checkValidity(new Date());
        assertEquals(3, x509.getVersion());
        assertTrue(x509.getSerialNumber().signum() > 0);
    }

    @Test
    void validityWindowIsBackdatedAndBounded() throws Exception {
        Instant now = Instant.parse("2026-01-10T00:00:00Z");
        DtlsCertificate cert = DtlsCertificate.generate(now, Duration.ofDays(7));
        X509Certificate x509 = parse(cert.der());
        assertEquals(now.minus(Duration.ofDays(1)), x509.getNotBefore().toInstant());
        assertEquals(now.plus(Duration.ofDays(7)), x509.getNotAfter().toInstant());
        assertEquals(now.plus(Duration.ofDays(7)), cert.notAfter());
    }

    @Test
    void fingerprintIsTheSha256OfTheDerInSdpForm() throws Exception {
        DtlsCertificate cert = DtlsCertificate.generate();
        byte[] expected = MessageDigest.getInstance("SHA-256").digest(cert.der());
        assertArrayEquals(expected, cert.fingerprint().digest());
        String sdp = cert.fingerprint().toSdpValue();
        assertTrue(sdp.startsWith("sha-256 "), sdp);
        assertEquals(8 + 32 * 3 - 1, sdp.length());
        assertEquals(cert.fingerprint(), CertificateFingerprint.parse(sdp));
        assertTrue(cert.fingerprint().matches(cert.der()));
        assertTrue(cert.toString().contains(sdp));
    }

    @Test
    void eachGenerationIsANewIdentity() {
        DtlsCertificate one = DtlsCertificate.generate();
        DtlsCertificate two = DtlsCertificate.generate();
        assertNotEquals(one, two);
        assertNotEquals(one.fingerprint(), two.fingerprint());
        assertFalse(one.fingerprint().matches(two.der()));
        assertEquals(one, one);
    }
}
