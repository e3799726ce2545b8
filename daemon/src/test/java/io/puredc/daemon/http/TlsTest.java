package io.puredc.daemon.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.puredc.daemon.Launcher;
import io.puredc.daemon.Running;
import io.puredc.daemon.testing.JavaBrowser;
import io.puredc.wire.Frame;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The page and the API over HTTPS: a user's PEM files, or a certificate generated at start. */
@Timeout(60)
class TlsTest {
    @TempDir
    Path tmp;

    /** Trusts anything and remembers what the server presented: the test checks it itself. */
    static final class Recording extends X509ExtendedTrustManager {
        volatile X509Certificate[] presented;

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, java.net.Socket socket) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, java.net.Socket socket) {
            presented = chain;
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, javax.net.ssl.SSLEngine engine) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, javax.net.ssl.SSLEngine engine) {
            presented = chain; // an extended manager: the JDK adds no host-name check of its own
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            presented = chain;
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }

    record Started(Running running, String url) {
    }

    Started start(String... extra) throws IOException {
        Files.createDirectories(tmp.resolve("root"));
        Files.write(tmp.resolve("root/a.mp4"), new byte[3]);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String[] args = java.util.stream.Stream.concat(
                java.util.stream.Stream.of("--root", tmp.resolve("root").toString(), "--port", "0"),
                java.util.stream.Stream.of(extra)).toArray(String[]::new);
        Launcher.Outcome o = Launcher.start(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        Running r = assertInstanceOf(Launcher.Started.class, o, err.toString(StandardCharsets.UTF_8)).running();
        Matcher m = Pattern.compile("listening on (https://127\\.0\\.0\\.1:\\d+/)\n").matcher(out.toString(StandardCharsets.UTF_8));
        assertTrue(m.matches(), out.toString(StandardCharsets.UTF_8));
        return new Started(r, m.group(1));
    }

    static HttpClient client(Recording trust) throws Exception {
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, new TrustManager[] {trust}, new SecureRandom());
        return HttpClient.newBuilder().sslContext(ssl).connectTimeout(Duration.ofSeconds(5)).build();
    }

    static HttpResponse<String> get(String url, Recording trust) throws Exception {
        return client(trust).send(HttpRequest.newBuilder(URI.create(url + "api/files")).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aSelfSignedCertificateNamesLocalhostAndTheLoopbackAddresses() throws Exception {
        Started s = start("--tls-cert", "self-signed");
        try {
            Recording trust = new Recording();
            HttpResponse<String> r = get(s.url(), trust);
            assertEquals(200, r.statusCode());
            assertEquals("{\"files\":[{\"path\":\"a.mp4\",\"size\":3}]}", r.body());
            X509Certificate cert = trust.presented[0];
            Collection<List<?>> names = cert.getSubjectAlternativeNames();
            assertTrue(names.contains(List.of(2, "localhost")), names.toString());
            assertTrue(names.contains(List.of(7, "127.0.0.1")), names.toString());
            assertTrue(cert.getNotAfter().toInstant().isAfter(Instant.now().plus(Duration.ofDays(300))));
            // Plain HTTP to the HTTPS port gets no HTTP answer.
            HttpClient plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            assertThrows(IOException.class, () -> plain.send(HttpRequest.newBuilder(
                    URI.create(s.url().replace("https:", "http:") + "api/files")).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString()));
        } finally {
            s.running().close();
        }
    }

    @Test
    void aWholeSessionIsSignalledOverHttps() throws Exception {
        Started s = start("--tls-cert", "self-signed", "--ice-address", "127.0.0.1");
        byte[] content = new byte[300_000];
        new java.util.Random(5).nextBytes(content);
        Files.write(tmp.resolve("root/clip.bin"), content);
        try (JavaBrowser b = JavaBrowser.open(s.url(), "clip.bin", client(new Recording()))) {
            assertInstanceOf(Frame.Hello.class, b.next(30));
            assertArrayEquals(content, b.fetchWhole(1));
        } finally {
            s.running().close();
        }
    }

    @Test
    void pemFilesAreServedAsGiven() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        KeyPair keys = g.generateKeyPair();
        X500Name name = new X500Name("CN=test.example");
        X509Certificate cert = new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(name,
                BigInteger.valueOf(42), Date.from(Instant.now().minusSeconds(60)),
                Date.from(Instant.now().plus(Duration.ofDays(2))), name, keys.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate())));
        Path certFile = tmp.resolve("cert.pem");
        Path keyFile = tmp.resolve("key.pem");
        Files.writeString(certFile, pem(cert));
        Files.writeString(keyFile, pem(new JcaPKCS8Generator(keys.getPrivate(), null).generate()));
        Started s = start("--tls-cert", certFile.toString(), "--tls-key", keyFile.toString());
        try {
            Recording trust = new Recording();
            assertEquals(200, get(s.url(), trust).statusCode());
            assertArrayEquals(cert.getEncoded(), trust.presented[0].getEncoded());
        } finally {
            s.running().close();
        }
    }

    @Test
    void unusablePemFilesAreAOneLineErrorWithExitCode2() throws Exception {
        Path certFile = Files.writeString(tmp.resolve("cert.pem"), "not a certificate\n");
        Path keyFile = Files.writeString(tmp.resolve("key.pem"), "not a key\n");
        Files.createDirectories(tmp.resolve("root"));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Launcher.Outcome o = Launcher.start(new String[] {"--root", tmp.resolve("root").toString(), "--port", "0",
                "--tls-cert", certFile.toString(), "--tls-key", keyFile.toString()}, System.out,
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(new Launcher.Exit(Launcher.EXIT_USAGE), o);
        String e = err.toString(StandardCharsets.UTF_8);
        assertTrue(e.startsWith("daemon: cannot use ") && e.indexOf('\n') == e.length() - 1, e);
    }

    static String pem(Object o) throws IOException {
        StringWriter w = new StringWriter();
        try (JcaPEMWriter p = new JcaPEMWriter(w)) {
            p.writeObject(o);
        }
        return w.toString();
    }
}
