package io.puredc.dtls;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.tls.CipherSuite;

/**
 * Interop check against another implementation: OpenSSL's {@code s_server}/{@code s_client}
 * in DTLS 1.2 over UDP on 127.0.0.1, in both roles, with mutual certificates. OpenSSL packs a
 * flight's records into one datagram, which BC-to-BC runs never do. A program that prints
 * PASS/FAIL, run by hand (it needs the {@code openssl} binary):
 *
 * <p>{@code mvn -q -f dtls/pom.xml test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=io.puredc.dtls.OpenSslInteropCheck}
 */
public final class OpenSslInteropCheck {

    private OpenSslInteropCheck() {}

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("puredc-openssl");
        DtlsCertificate ours = DtlsCertificate.generate();
        DtlsCertificate theirs = DtlsCertificate.generate();
        Path cert = dir.resolve("cert.pem");
        Path key = dir.resolve("key.pem");
        Files.writeString(cert, pem("CERTIFICATE", theirs.der()));
        Files.writeString(key, pem("PRIVATE KEY", theirs.privateKey().getEncoded()));
        boolean ok = asClient(ours, theirs, cert, key) & asServer(ours, theirs, cert, key);
        System.out.println(ok ? "ALL PASS" : "SOME FAILED");
        System.exit(ok ? 0 : 1);
    }

    static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    /** We are the DTLS client; openssl s_server requires our certificate. */
    static boolean asClient(DtlsCertificate ours, DtlsCertificate theirs, Path cert, Path key) throws Exception {
        int port;
        try (java.net.DatagramSocket probe = new java.net.DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        Process p = new ProcessBuilder("openssl", "s_server", "-dtls1_2", "-accept", "127.0.0.1:" + port,
                "-cert", cert.toString(), "-key", key.toString(), "-Verify", "1", "-mtu", "1200")
                .redirectErrorStream(true).start();
        LinkedBlockingQueue<String> lines = pump(p);
        awaitLine(lines, "ACCEPT");
        UdpPacketTransport udp = new UdpPacketTransport(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        return exchange("client vs openssl s_server", udp, DtlsRole.CLIENT, ours, theirs, p, lines);
    }

    /** We are the DTLS server; openssl s_client presents its certificate. */
    static boolean asServer(DtlsCertificate ours, DtlsCertificate theirs, Path cert, Path key) throws Exception {
        UdpPacketTransport udp = new UdpPacketTransport(null);
        Process p = new ProcessBuilder("openssl", "s_client", "-dtls1_2", "-connect", "127.0.0.1:" + udp.localPort(),
                "-cert", cert.toString(), "-key", key.toString(), "-mtu", "1200")
                .redirectErrorStream(true).start();
        LinkedBlockingQueue<String> lines = pump(p);
        return exchange("server vs openssl s_client", udp, DtlsRole.SERVER, ours, theirs, p, lines);
    }

    static boolean exchange(String name, UdpPacketTransport udp, DtlsRole role, DtlsCertificate ours,
            DtlsCertificate theirs, Process openssl, LinkedBlockingQueue<String> lines) throws Exception {
        DtlsConfig config = DtlsConfig.defaults().withHandshakeTimeout(Duration.ofSeconds(10));
        DtlsTransport t = DtlsTransport.create(udp, role, ours, List.of(theirs.fingerprint()), config);
        LinkedBlockingQueue<String> received = new LinkedBlockingQueue<>();
        t.onReceive(b -> received.add(StandardCharsets.UTF_8.decode(b).toString()));
        try {
            t.start().get(15, TimeUnit.SECONDS);
            t.send(ByteBuffer.wrap("hello-from-java\n".getBytes(StandardCharsets.UTF_8)));
            boolean theyGotIt = awaitLine(lines, "hello-from-java");
            OutputStream stdin = openssl.getOutputStream();
            stdin.write("hello-from-openssl\n".getBytes(StandardCharsets.UTF_8));
            stdin.flush();
            String got = received.poll(10, TimeUnit.SECONDS);
            boolean weGotIt = got != null && got.contains("hello-from-openssl");
            boolean suite = t.cipherSuite().getAsInt() == CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256;
            boolean ok = theyGotIt && weGotIt && suite && t.usedExtendedMasterSecret();
            System.out.printf("%s: %s (openssl got data: %b, we got data: %b, suite 0x%04X, EMS %b, "
                    + "multi-record datagrams received %d, dropped %d)%n",
                    name, ok ? "PASS" : "FAIL", theyGotIt, weGotIt, t.cipherSuite().getAsInt(),
                    t.usedExtendedMasterSecret(), udp.multiRecordDatagrams.get(), t.droppedDatagrams());
            t.close();
            return ok;
        } catch (Exception e) {
            System.out.printf("%s: FAIL %s%n", name, e);
            lines.forEach(l -> System.out.println("  openssl: " + l));
            return false;
        } finally {
            t.close();
            openssl.destroy();
            openssl.waitFor(5, TimeUnit.SECONDS);
        }
    }

    static LinkedBlockingQueue<String> pump(Process p) {
        LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    lines.add(line);
                }
            } catch (IOException e) {
                // process ended
            }
        }, "openssl-output");
        t.setDaemon(true);
        t.start();
        return lines;
    }

    static boolean awaitLine(LinkedBlockingQueue<String> lines, String fragment) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            String line = lines.poll(100, TimeUnit.MILLISECONDS);
            if (line != null && line.contains(fragment)) {
                return true;
            }
        }
        return false;
    }
}
