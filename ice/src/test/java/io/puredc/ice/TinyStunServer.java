package io.puredc.ice;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A STUN Binding responder on 127.0.0.1 for tests (RFC 8489 §6 header, §14.2 XOR-MAPPED-ADDRESS). It reports
 * the client's port plus one as its "mapped" port, so the server-reflexive candidate differs from the host
 * one while every address stays loopback.
 */
final class TinyStunServer implements AutoCloseable {
    private static final int MAGIC_COOKIE = 0x2112A442;

    private final DatagramSocket socket;
    private final Thread thread;
    private final AtomicInteger requests = new AtomicInteger();
    private volatile boolean closed;

    TinyStunServer() throws IOException {
        socket = new DatagramSocket(new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), 0));
        socket.setSoTimeout(100);
        thread = new Thread(this::serve, "tiny-stun");
        thread.setDaemon(true);
        thread.start();
    }

    InetSocketAddress address() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    int requests() {
        return requests.get();
    }

    private void serve() {
        byte[] buf = new byte[1500];
        while (!closed) {
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            try {
                socket.receive(p);
            } catch (SocketTimeoutException idle) {
                continue;
            } catch (IOException e) {
                return;
            }
            ByteBuffer in = ByteBuffer.wrap(buf, 0, p.getLength());
            // Binding request (0x0001) with the RFC 8489 magic cookie; anything else is ignored.
            if (p.getLength() < 20 || in.getShort(0) != 0x0001 || in.getInt(4) != MAGIC_COOKIE) {
                continue;
            }
            requests.incrementAndGet();
            ByteBuffer out = ByteBuffer.allocate(32);
            out.putShort((short) 0x0101).putShort((short) 12).putInt(MAGIC_COOKIE).put(buf, 8, 12);
            byte[] ip = p.getAddress().getAddress();
            int mappedPort = p.getPort() + 1;
            out.putShort((short) 0x0020).putShort((short) 8).put((byte) 0).put((byte) 0x01)
                    .putShort((short) (mappedPort ^ (MAGIC_COOKIE >>> 16)))
                    .putInt(ByteBuffer.wrap(ip).getInt() ^ MAGIC_COOKIE);
            try {
                socket.send(new DatagramPacket(out.array(), out.position(), p.getSocketAddress()));
            } catch (IOException e) {
                return;
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        closed = true;
        socket.close();
        thread.join(2000);
    }
}
