package io.puredc.ice;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.CRC32;

import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * A controlling ICE peer written by hand for tests, with several UDP sockets on 127.0.0.1 (one per
 * "candidate"): it sends Binding requests with USE-CANDIDATE from the socket it is told to (aggressive
 * nomination, RFC 5245 §8.1.1.2, as werift does), answers every Binding request with a success response
 * signed with its own password (or, for a socket marked as lying, a wrong one), and queues every other
 * datagram per socket. Message layout per RFC 8489 §5/§14; USERNAME, PRIORITY, ICE-CONTROLLING and
 * USE-CANDIDATE per RFC 8445 §7.1 and §16.1.
 */
final class ScriptedIcePeer implements AutoCloseable {
    private static final int MAGIC_COOKIE = 0x2112A442;

    final String ufrag = "scrp";
    final String password = "scriptedpeerpassword0123";
    private final String agentUfrag;
    private final String agentPassword;
    private final List<Endpoint> endpoints = new ArrayList<>();

    /** One socket of the scripted peer. */
    final class Endpoint {
        final DatagramSocket socket;
        final BlockingQueue<byte[]> data = new LinkedBlockingQueue<>();
        final BlockingQueue<byte[]> responses = new LinkedBlockingQueue<>();
        final AtomicInteger requestsAnswered = new AtomicInteger();
        private final boolean lies;
        private final Thread thread;

        Endpoint(boolean lies) throws SocketException {
            this.lies = lies;
            socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            thread = new Thread(this::serve, "scripted-ice-" + socket.getLocalPort());
            thread.setDaemon(true);
            thread.start();
        }

        int port() {
            return socket.getLocalPort();
        }

        /** A host candidate line for this socket. */
        String candidate() {
            return "candidate:" + port() + " 1 udp 2130706431 127.0.0.1 " + port() + " typ host";
        }

        /** Sends a nominating check to {@code agent} and waits for its success response. */
        void nominate(InetSocketAddress agent) throws IOException, InterruptedException {
            byte[] request = request();
            socket.send(new DatagramPacket(request, request.length, agent));
            assertNotNull(responses.poll(10, TimeUnit.SECONDS), "the agent answered the check from " + port());
        }

        void send(byte[] datagram, InetSocketAddress to) throws IOException {
            socket.send(new DatagramPacket(datagram, datagram.length, to));
        }

        byte[] awaitData() throws InterruptedException {
            byte[] d = data.poll(10, TimeUnit.SECONDS);
            assertNotNull(d, "a datagram on " + port());
            return d;
        }

        private void serve() {
            byte[] buf = new byte[2048];
            while (!socket.isClosed()) {
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                try {
                    socket.receive(p);
                } catch (IOException e) {
                    return;
                }
                byte[] m = java.util.Arrays.copyOf(buf, p.getLength());
                boolean stun = m.length >= 20 && (m[0] & 0xc0) == 0 && ByteBuffer.wrap(m).getInt(4) == MAGIC_COOKIE;
                if (!stun) {
                    data.add(m);
                } else if (ByteBuffer.wrap(m).getShort(0) == 0x0001) {
                    try {
                        byte[] response = successResponse(m, (InetSocketAddress) p.getSocketAddress(),
                                lies ? "not-the-password" : password);
                        // Counted before sending: the agent may act on the answer before this thread runs again.
                        requestsAnswered.incrementAndGet();
                        socket.send(new DatagramPacket(response, response.length, p.getSocketAddress()));
                    } catch (IOException e) {
                        return;
                    }
                } else {
                    responses.add(m);
                }
            }
        }
    }

    ScriptedIcePeer(String agentUfrag, String agentPassword) {
        this.agentUfrag = agentUfrag;
        this.agentPassword = agentPassword;
    }

    Endpoint endpoint() throws SocketException {
        return add(new Endpoint(false));
    }

    /** An endpoint that answers checks with a MESSAGE-INTEGRITY made with a wrong password. */
    Endpoint lyingEndpoint() throws SocketException {
        return add(new Endpoint(true));
    }

    private Endpoint add(Endpoint e) {
        endpoints.add(e);
        return e;
    }

    private byte[] request() {
        ByteBuffer b = ByteBuffer.allocate(200);
        b.putShort((short) 0x0001).putShort((short) 0).putInt(MAGIC_COOKIE);
        byte[] txid = new byte[12];
        new java.security.SecureRandom().nextBytes(txid);
        b.put(txid);
        attribute(b, 0x0006, (agentUfrag + ":" + ufrag).getBytes(StandardCharsets.US_ASCII));
        attribute(b, 0x0024, ByteBuffer.allocate(4).putInt(1862270975).array());
        attribute(b, 0x802A, ByteBuffer.allocate(8).putLong(0x1234_5678_9abc_def0L).array());
        attribute(b, 0x0025, new byte[0]);
        return sign(b, agentPassword);
    }

    private static byte[] successResponse(byte[] request, InetSocketAddress from, String key) {
        ByteBuffer b = ByteBuffer.allocate(200);
        b.putShort((short) 0x0101).putShort((short) 0).putInt(MAGIC_COOKIE).put(request, 8, 12);
        ByteBuffer xma = ByteBuffer.allocate(8);
        xma.put((byte) 0).put((byte) 1).putShort((short) (from.getPort() ^ (MAGIC_COOKIE >>> 16)))
                .putInt(ByteBuffer.wrap(from.getAddress().getAddress()).getInt() ^ MAGIC_COOKIE);
        attribute(b, 0x0020, xma.array());
        return sign(b, key);
    }

    private static void attribute(ByteBuffer b, int type, byte[] value) {
        b.putShort((short) type).putShort((short) value.length).put(value);
        while (b.position() % 4 != 0) {
            b.put((byte) 0);
        }
    }

    /** Appends MESSAGE-INTEGRITY (RFC 8489 §14.5) and FINGERPRINT (§14.7), fixing the length each time. */
    private static byte[] sign(ByteBuffer b, String key) {
        int miAt = b.position();
        byte[] soFar = java.util.Arrays.copyOf(b.array(), miAt);
        byte[] hmac = StunIntegrity.hmac(soFar, miAt, key);
        attribute(b, 0x0008, hmac);
        int fpAt = b.position();
        b.putShort(2, (short) (fpAt + 8 - 20));
        CRC32 crc = new CRC32();
        crc.update(b.array(), 0, fpAt);
        attribute(b, 0x8028, ByteBuffer.allocate(4).putInt((int) crc.getValue() ^ 0x5354554e).array());
        return java.util.Arrays.copyOf(b.array(), b.position());
    }

    @Override
    public void close() {
        for (Endpoint e : endpoints) {
            e.socket.close();
        }
    }
}
