package io.puredc.ice;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.ice4j.socket.IceSocketWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link IceTransport} over the selected pair's socket. One reader thread per connected agent blocks in
 * the pair's socket wrapper: ice4j's multiplexing socket has already handed STUN to the agent's STUN
 * stack, and what is left is demultiplexed by first byte (RFC 7983 §7). ice4j's push API
 * ({@code Component.setBufferCallback}) would avoid the thread but only works with its
 * SinglePortUdpHarvester, which cannot bind per-agent loopback sockets.
 */
final class SelectedPairTransport implements IceTransport {
    private static final Logger LOG = LoggerFactory.getLogger(SelectedPairTransport.class);

    /**
     * 1280 (IPv6 minimum MTU) - 40 (IPv6 header) - 8 (UDP) - 4 (TURN ChannelData): the DTLS datagram
     * inside the 1191-byte SCTP packet budget, so it fits every path without IP fragmentation.
     */
    static final int MAX_PACKET_SIZE = 1228;
    /** Datagrams held until a receiver is set; a DTLS flight is a handful of datagrams. */
    private static final int MAX_EARLY = 64;

    private final IceAgent owner;
    private final IceSocketWrapper socket;
    private final InetSocketAddress remote;
    private final Thread reader;
    private final AtomicLong dropped;
    private final ArrayDeque<ByteBuffer> early = new ArrayDeque<>();
    private volatile Consumer<ByteBuffer> receiver;
    private volatile boolean stopped;

    SelectedPairTransport(IceAgent owner, IceSocketWrapper socket, InetSocketAddress remote, AtomicLong dropped,
                          String name) {
        this.owner = owner;
        this.socket = socket;
        this.remote = remote;
        this.dropped = dropped;
        this.reader = new Thread(this::readLoop, name);
        reader.setDaemon(true);
    }

    void start() {
        reader.start();
    }

    /** Ends the reader once the socket closes; sending is refused by the owner's state from now on. */
    void stop() {
        stopped = true;
        // ice4j hands out a filtered view of the candidate socket that owns a descriptor of its own;
        // Agent.free() closes the candidate socket but not this view, so close it here (unblocking
        // the reader) rather than leave it to the garbage collector.
        socket.close();
    }

    InetSocketAddress remote() {
        return remote;
    }

    @Override
    public void send(ByteBuffer datagram) {
        int n = datagram.remaining();
        if (n > MAX_PACKET_SIZE) {
            throw new IllegalArgumentException("datagram of " + n + " bytes exceeds maxPacketSize " + MAX_PACKET_SIZE);
        }
        owner.checkCanSend();
        DatagramPacket packet;
        if (datagram.hasArray()) {
            packet = new DatagramPacket(datagram.array(), datagram.arrayOffset() + datagram.position(), n, remote);
        } else {
            byte[] copy = new byte[n];
            datagram.duplicate().get(copy);
            packet = new DatagramPacket(copy, n, remote);
        }
        try {
            socket.send(packet);
        } catch (IOException e) {
            throw new IceTransportException("sending on the selected pair to " + remote + " failed: " + e, e);
        }
    }

    @Override
    public int maxPacketSize() {
        return MAX_PACKET_SIZE;
    }

    @Override
    public void onReceive(Consumer<ByteBuffer> newReceiver) {
        synchronized (early) {
            // Drain under the lock so the reader, which takes it while no receiver is set, cannot overtake.
            ByteBuffer b;
            while ((b = early.poll()) != null) {
                safeAccept(newReceiver, b);
            }
            receiver = newReceiver;
        }
    }

    @Override
    public void close() {
        owner.close();
    }

    private void readLoop() {
        // 64 KiB: a datagram longer than the buffer would be truncated silently into a corrupt record.
        byte[] buf = new byte[65536];
        DatagramPacket packet = new DatagramPacket(buf, buf.length);
        while (!stopped) {
            packet.setData(buf, 0, buf.length);
            try {
                socket.receive(packet);
            } catch (IOException e) {
                if (!stopped) {
                    owner.readerFailed(e);
                }
                return;
            }
            int len = packet.getLength();
            // RFC 7675 §5.1: only the consented remote may send; anything else is dropped, as are all
            // first bytes outside DTLS's 20..63 (RFC 7983 §7: 0..3 STUN is ice4j's, the rest is not ours).
            if (len == 0 || !remote.equals(packet.getSocketAddress())) {
                dropped.incrementAndGet();
                continue;
            }
            int first = buf[packet.getOffset()] & 0xff;
            if (first < 20 || first > 63) {
                dropped.incrementAndGet();
                continue;
            }
            byte[] copy = new byte[len];
            System.arraycopy(buf, packet.getOffset(), copy, 0, len);
            deliver(ByteBuffer.wrap(copy));
        }
    }

    private void deliver(ByteBuffer datagram) {
        Consumer<ByteBuffer> r = receiver;
        if (r == null) {
            synchronized (early) {
                r = receiver;
                if (r == null) {
                    if (early.size() < MAX_EARLY) {
                        early.add(datagram);
                    } else {
                        dropped.incrementAndGet();
                    }
                    return;
                }
            }
        }
        safeAccept(r, datagram);
    }

    private static void safeAccept(Consumer<ByteBuffer> r, ByteBuffer datagram) {
        try {
            r.accept(datagram);
        } catch (RuntimeException e) {
            // A faulty receiver must not end the reader (and with it the connection).
            LOG.warn("ICE transport receiver threw; datagram dropped", e);
        }
    }
}
