package io.puredc.daemon.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HTTPS for the page and the API: a service worker needs a secure context anywhere but on
 * localhost. The JDK's TLS (no native OpenSSL); the certificate is the user's PEM files, or one
 * generated at start for localhost, the loopback addresses and the bind address.
 */
public final class PageTls {
    private static final Logger LOG = LoggerFactory.getLogger(PageTls.class);
    static final Duration SELF_SIGNED_VALIDITY = Duration.ofDays(365);
    private static final char[] NO_PASSWORD = new char[0];

    private PageTls() {
    }

    /** From PEM files: a certificate chain, and its private key (PKCS#8, or PKCS#1 RSA / SEC 1 EC). */
    public static SSLContext fromPem(Path certificateChain, Path privateKey) throws IOException {
        List<Certificate> chain;
        try (InputStream in = Files.newInputStream(certificateChain)) {
            Collection<? extends Certificate> certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
            chain = new ArrayList<>(certs);
        } catch (GeneralSecurityException | IOException e) {
            throw new IOException("cannot use " + certificateChain + ": not a PEM certificate chain", e);
        }
        if (chain.isEmpty()) {
            throw new IOException("cannot use " + certificateChain + ": no certificate in it");
        }
        PrivateKey key;
        try (Reader r = Files.newBufferedReader(privateKey, StandardCharsets.US_ASCII); PEMParser p = new PEMParser(r)) {
            Object o = p.readObject();
            JcaPEMKeyConverter convert = new JcaPEMKeyConverter();
            if (o instanceof PrivateKeyInfo info) {
                key = convert.getPrivateKey(info);
            } else if (o instanceof PEMKeyPair pair) {
                key = convert.getKeyPair(pair).getPrivate();
            } else {
                throw new IOException("no unencrypted private key in it");
            }
        } catch (IOException | RuntimeException e) {
            throw new IOException("cannot use " + privateKey + ": " + e.getMessage(), e);
        }
        try {
            return context(key, chain.toArray(new Certificate[0]));
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot use " + certificateChain + " with " + privateKey + ": " + e.getMessage(), e);
        }
    }

    /** A fresh ECDSA P-256 certificate; its SHA-256 fingerprint is logged so a user can check it. */
    public static SSLContext selfSigned(InetAddress bindAddress) throws IOException {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
            KeyPair keys = g.generateKeyPair();
            X509Certificate cert = certificate(keys, bindAddress);
            String fingerprint = HexFormat.ofDelimiter(":").withUpperCase()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(cert.getEncoded()));
            LOG.info("generated a self-signed certificate for localhost and {}; SHA-256 {}",
                    bindAddress.getHostAddress(), fingerprint);
            return context(keys.getPrivate(), new Certificate[] {cert});
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IOException("cannot generate a self-signed certificate: " + e.getMessage(), e);
        }
    }

    private static SSLContext context(PrivateKey key, Certificate[] chain) throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("page", key, NO_PASSWORD, chain); // checks that the key matches the certificate
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(store, NO_PASSWORD);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(kmf.getKeyManagers(), null, new SecureRandom());
        return ssl;
    }

    private static X509Certificate certificate(KeyPair keys, InetAddress bindAddress)
            throws GeneralSecurityException, OperatorCreationException, IOException {
        Instant now = Instant.now();
        X500Name name = new X500Name("CN=puredc daemon");
        JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(name,
                new BigInteger(64, new SecureRandom()).setBit(63), Date.from(now.minus(Duration.ofHours(1))),
                Date.from(now.plus(SELF_SIGNED_VALIDITY)), name, keys.getPublic());
        List<GeneralName> names = new ArrayList<>(List.of(new GeneralName(GeneralName.dNSName, "localhost"),
                new GeneralName(GeneralName.iPAddress, "127.0.0.1"), new GeneralName(GeneralName.iPAddress, "::1")));
        if (!bindAddress.isAnyLocalAddress() && !bindAddress.isLoopbackAddress()) {
            names.add(new GeneralName(GeneralName.iPAddress, bindAddress.getHostAddress()));
        }
        b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names.toArray(new GeneralName[0])));
        return new JcaX509CertificateConverter()
                .getCertificate(b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
    }
}
