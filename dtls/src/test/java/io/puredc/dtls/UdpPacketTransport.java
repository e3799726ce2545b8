package io.puredc.dtls;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.util.function.Consumer;

/**
 * A UDP socket on 127.0.0.1 as a {@link PacketTransport}, for the OpenSSL interop check only.
 * Sends to a fixed remote, or to whoever sent the first datagram (so a server can answer an
 * ephemeral client port). One reader thread calls the consumer.
 */
final class UdpPacketTransport implements PacketTransport {

    private final DatagramSocket socket;
    private final Thread reader;
    private volatile SocketAddress remote;
    private volatile Consumer<ByteBuffer> consumer;
    private volatile boolean closed;
    /** Received datagrams that carried more than one DTLS record (RFC 6347 §4.1.1 allows it). */
    final java.util.concurrent.atomic.AtomicInteger multiRecordDatagrams = new java.util.concurrent.atomic.AtomicInteger();

    UdpPacketTransport(SocketAddress remote) throws IOException {
        this.socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        this.remote = remote;
        this.reader = new Thread(this::readLoop, "udp-reader-" + socket.getLocalPort());
        reader.setDaemon(true);
        reader.start();
    }

    int localPort() {
        return socket.getLocalPort();
    }

    private void readLoop() {
        byte[] buf = new byte[65_535];
        while (!closed) {
            DatagramPacket packet = new DatagramPacket(buf, buf.length);
            try {
                socket.receive(packet);
            } catch (IOException e) {
                return; // closed
            }
            if (remote == null) {
                remote = packet.getSocketAddress();
            }
            if (recordCount(buf, packet.getOffset(), packet.getLength()) > 1) {
                multiRecordDatagrams.incrementAndGet();
            }
            Consumer<ByteBuffer> c = consumer;
            if (c != null) {
                byte[] copy = new byte[packet.getLength()];
                System.arraycopy(buf, packet.getOffset(), copy, 0, copy.length);
                c.accept(ByteBuffer.wrap(copy));
            }
        }
    }

    /** Walks the 13-byte DTLS record headers (RFC 6347 §4.1) of one datagram. */
    static int recordCount(byte[] buf, int off, int len) {
        int count = 0;
        int at = off;
        while (at + 13 <= off + len) {
            int length = (buf[at + 11] & 0xff) << 8 | buf[at + 12] & 0xff;
            at += 13 + length;
            count++;
        }
        return count;
    }

    @Override
    public void send(ByteBuffer packet) {
        SocketAddress to = remote;
        if (closed || to == null) {
            throw new TransportException(closed ? "closed" : "no remote address yet");
        }
        byte[] bytes = new byte[packet.remaining()];
        packet.duplicate().get(bytes);
        try {
            socket.send(new DatagramPacket(bytes, bytes.length, to));
        } catch (IOException e) {
            throw new TransportException("UDP send failed", e);
        }
    }

    @Override
    public int maxPacketSize() {
        return 65_507;
    }

    @Override
    public void onReceive(Consumer<ByteBuffer> consumer) {
        this.consumer = consumer;
    }

    @Override
    public void close() {
        closed = true;
        socket.close();
    }
}
