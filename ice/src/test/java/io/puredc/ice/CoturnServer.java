package io.puredc.ice;

import java.io.File;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Debian's coturn ({@code /usr/bin/turnserver}) started for one test on 127.0.0.1 with a test user,
 * UDP only, loopback peers allowed (coturn refuses them by default). The process is ours and is
 * destroyed on close.
 */
final class CoturnServer implements AutoCloseable {
    static final String USER = "puredc";
    static final String PASSWORD = "relay-test-secret";

    /** Fresh ports per attempt: the listening port is found free and then given to coturn, so it can be taken in between. */
    private static final int ATTEMPTS = 3;

    private Process process;
    private int port;

    CoturnServer(File log) throws IOException, InterruptedException {
        for (int attempt = 1; ; attempt++) {
            port = freeUdpPort();
            // A random block of relay ports, so parallel test runs of other modules do not collide.
            int minPort = 40000 + ThreadLocalRandom.current().nextInt(200) * 100;
            process = new ProcessBuilder(List.of("/usr/bin/turnserver", "-n",
                    "--listening-ip=127.0.0.1", "--relay-ip=127.0.0.1", "--listening-port=" + port,
                    "--min-port=" + minPort, "--max-port=" + (minPort + 99),
                    "--lt-cred-mech", "--user=" + USER + ":" + PASSWORD, "--realm=puredc.test",
                    "--allow-loopback-peers", "--no-cli", "--no-tls", "--no-dtls", "--no-tcp", "--no-tcp-relay",
                    "--pidfile=" + new File(log.getParentFile(), "turnserver-" + port + ".pid"),
                    "--userdb=" + new File(log.getParentFile(), "turndb-" + port),
                    "--log-file=stdout", "--simple-log"))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log)).start();
            try {
                awaitBindingResponse();
                return;
            } catch (IOException e) {
                // Most likely the port was taken between freeUdpPort() and coturn's bind; see the log.
                if (attempt == ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    InetSocketAddress address() {
        return new InetSocketAddress(LoopbackPeers.LOOPBACK, port);
    }

    /** Ready when it answers a STUN Binding request (RFC 8489 §6); bounded to 10 s. */
    private void awaitBindingResponse() throws IOException, InterruptedException {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(LoopbackPeers.LOOPBACK, 0))) {
            s.setSoTimeout(200);
            ByteBuffer req = ByteBuffer.allocate(20).putShort((short) 1).putShort((short) 0).putInt(0x2112A442)
                    .putLong(ThreadLocalRandom.current().nextLong()).putInt(7);
            for (int i = 0; i < 50; i++) {
                if (!process.isAlive()) {
                    throw new IOException("turnserver exited with " + process.exitValue());
                }
                s.send(new DatagramPacket(req.array(), 20, address()));
                try {
                    s.receive(new DatagramPacket(new byte[512], 512));
                    return;
                } catch (SocketTimeoutException notYet) {
                    // try again
                }
            }
        }
        close();
        throw new IOException("turnserver did not answer on " + address());
    }

    private static int freeUdpPort() throws IOException {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(LoopbackPeers.LOOPBACK, 0))) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
