package io.puredc.ice;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.ice4j.socket.IceSocketWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link IceTransport} over the selected pair's socket. On a host candidate (or a peer-reflexive one
 * based on it) that is our {@link HostSocket}: its reader hands DTLS to {@link #datagram} directly and
 * we send on it directly. On a relayed candidate it is ice4j's socket: a reader thread of ours blocks in
 * the pair's socket wrapper, where ice4j's multiplexing socket has already handed STUN to the agent's
 * STUN stack, and what is left is demultiplexed by first byte (RFC 7983 §7). ice4j's push API
 * ({@code Component.setBufferCallback}) would avoid that thread but only works with its
 * SinglePortUdpHarvester, which cannot bind per-agent loopback sockets.
 *
 * <p>Sources. DTLS from the remote we send to is delivered at once. DTLS from another address on the same
 * socket is held (a few datagrams) while the agent checks that address with an authenticated Binding
 * request ({@link IceAgent#checkSource}); once it answered, it is a valid pair (RFC 8445 §7.2.5.3.2) and the
 * held datagrams and everything after them from there are delivered (§12.2: data may arrive on any valid
 * pair), and the agent may move our sending there ({@link IceAgent#peerSendsFrom}). Anything else is
 * dropped and counted.
 *
 * <p>Every delivery happens under one lock, so the receiver is never called by two threads at once (the
 * reader, and ice4j's thread that completes a source check).
 */
final class SelectedPairTransport implements IceTransport, HostSocket.Receiver {
    private static final Logger LOG = LoggerFactory.getLogger(SelectedPairTransport.class);

    /**
     * 1280 (IPv6 minimum MTU) - 40 (IPv6 header) - 8 (UDP) - 4 (TURN ChannelData): the DTLS datagram
     * inside the 1191-byte SCTP packet budget, so it fits every path without IP fragmentation.
     */
    static final int MAX_PACKET_SIZE = 1228;
    /** Datagrams held until a receiver is set; a DTLS flight is a handful of datagrams. */
    private static final int MAX_EARLY = 64;
    /** Datagrams held from a source under check: one DTLS flight. */
    private static final int MAX_HELD = 16;

    private final IceAgent owner;
    /** Exactly one of these two: our host socket, or ice4j's socket of a relayed candidate and its reader. */
    private final HostSocket host;
    private final IceSocketWrapper socket;
    private final Thread reader;
    private final AtomicLong dropped;
    private final Object deliveryLock = new Object();
    // Guarded by deliveryLock.
    private final ArrayDeque<ByteBuffer> early = new ArrayDeque<>();
    private final Set<InetSocketAddress> validSources = new HashSet<>();
    private final ArrayDeque<ByteBuffer> held = new ArrayDeque<>();
    private InetSocketAddress sourceUnderCheck;
    private Consumer<ByteBuffer> receiver;

    private volatile boolean stopped;
    /** Where we send: the selected pair's remote, or the valid pair the controlling peer moved its data to. */
    private volatile InetSocketAddress remote;

    /** Over our host socket: its reader delivers, no thread of our own. */
    SelectedPairTransport(IceAgent owner, HostSocket host, InetSocketAddress remote, AtomicLong dropped) {
        this(owner, host, null, remote, dropped, null);
    }

    /** Over ice4j's socket of a relayed candidate, read by a thread of ours named {@code name}. */
    SelectedPairTransport(IceAgent owner, IceSocketWrapper socket, InetSocketAddress remote, AtomicLong dropped,
                          String name) {
        this(owner, null, socket, remote, dropped, name);
    }

    private SelectedPairTransport(IceAgent owner, HostSocket host, IceSocketWrapper socket, InetSocketAddress remote,
                                  AtomicLong dropped, String readerName) {
        this.owner = owner;
        this.host = host;
        this.socket = socket;
        this.remote = remote;
        this.dropped = dropped;
        this.validSources.add(remote);
        this.reader = socket == null ? null : new Thread(this::readLoop, readerName);
        if (reader != null) {
            reader.setDaemon(true);
        }
    }

    void start() {
        if (stopped) {
            return;
        }
        if (host != null) {
            host.attach(this);
        } else {
            reader.start();
        }
    }

    /** Ends delivery; sending is refused by the owner's state from now on. */
    void stop() {
        stopped = true;
        if (host != null) {
            // The socket itself is the candidate's; ice4j closes it when the agent frees it.
            host.detach(this);
        } else {
            // ice4j hands out a filtered view of the candidate socket that owns a descriptor of its own;
            // Agent.free() closes the candidate socket but not this view, so close it here (unblocking
            // the reader) rather than leave it to the garbage collector.
            socket.close();
        }
    }

    InetSocketAddress remote() {
        return remote;
    }

    /** From now on, send to {@code newRemote}, a source whose check succeeded (see {@link IceAgent}). */
    void redirect(InetSocketAddress newRemote) {
        remote = newRemote;
    }

    @Override
    public void send(ByteBuffer datagram) {
        int n = datagram.remaining();
        if (n > MAX_PACKET_SIZE) {
            throw new IllegalArgumentException("datagram of " + n + " bytes exceeds maxPacketSize " + MAX_PACKET_SIZE);
        }
        owner.checkCanSend();
        InetSocketAddress to = remote;
        DatagramPacket packet;
        if (datagram.hasArray()) {
            packet = new DatagramPacket(datagram.array(), datagram.arrayOffset() + datagram.position(), n, to);
        } else {
            byte[] copy = new byte[n];
            datagram.duplicate().get(copy);
            packet = new DatagramPacket(copy, n, to);
        }
        try {
            if (host != null) {
                host.send(packet);
            } else {
                socket.send(packet);
            }
        } catch (IOException e) {
            throw new IceTransportException("sending on the selected pair to " + to + " failed: " + e, e);
        }
    }

    @Override
    public int maxPacketSize() {
        return MAX_PACKET_SIZE;
    }

    @Override
    public void onReceive(Consumer<ByteBuffer> newReceiver) {
        synchronized (deliveryLock) {
            // Drain under the lock so that no datagram can overtake the early ones.
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

    /** The agent's answer for {@link IceAgent#checkSource}: deliver or drop what was held from {@code source}. */
    void sourceChecked(InetSocketAddress source, boolean valid) {
        if (valid) {
            // Before delivering: whatever the receiver answers must already go to the new source.
            owner.peerSendsFrom(source);
        }
        synchronized (deliveryLock) {
            if (!source.equals(sourceUnderCheck)) {
                return;
            }
            sourceUnderCheck = null;
            if (valid) {
                validSources.add(source);
                ByteBuffer b;
                while ((b = held.poll()) != null) {
                    deliverLocked(b);
                }
            } else {
                dropped.addAndGet(held.size());
                held.clear();
            }
        }
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
            int off = packet.getOffset();
            int len = packet.getLength();
            // RFC 7983 §7: only DTLS's 20..63 is ours (0..3, STUN, is ice4j's; the rest belongs to nobody).
            // HostSocket's reader sorts the same way before it calls datagram().
            int first = len == 0 ? -1 : buf[off] & 0xff;
            if (first < 20 || first > 63) {
                dropped.incrementAndGet();
                continue;
            }
            datagram(buf, off, len, packet.getAddress(), packet.getPort());
        }
    }

    /** One DTLS datagram (first byte 20..63) from {@code from}; the caller's buffer is copied. */
    @Override
    public void datagram(byte[] buf, int off, int len, InetAddress from, int fromPort) {
        if (stopped) {
            return;
        }
        byte[] copy = new byte[len];
        System.arraycopy(buf, off, copy, 0, len);
        ByteBuffer datagram = ByteBuffer.wrap(copy);
        // Compared field by field: an InetSocketAddress per datagram would be garbage.
        InetSocketAddress to = remote;
        if (fromPort == to.getPort() && to.getAddress().equals(from)) {
            synchronized (deliveryLock) {
                deliverLocked(datagram);
            }
        } else {
            fromOtherSource(new InetSocketAddress(from, fromPort), datagram);
        }
    }

    @Override
    public void readFailed(IOException e) {
        if (!stopped) {
            owner.readerFailed(e);
        }
    }

    /** RFC 7675 §5.1: only a source that answered a check of ours may send; others are checked first. */
    private void fromOtherSource(InetSocketAddress from, ByteBuffer datagram) {
        boolean valid;
        synchronized (deliveryLock) {
            valid = validSources.contains(from);
        }
        if (valid) {
            owner.peerSendsFrom(from); // before delivering, as in sourceChecked
            synchronized (deliveryLock) {
                deliverLocked(datagram);
            }
            return;
        }
        boolean startCheck = false;
        synchronized (deliveryLock) {
            if (validSources.contains(from)) {
                deliverLocked(datagram); // its check succeeded just now (sourceChecked has followed it)
                return;
            }
            if (sourceUnderCheck == null || sourceUnderCheck.equals(from)) {
                startCheck = sourceUnderCheck == null;
                sourceUnderCheck = from;
                if (held.size() < MAX_HELD) {
                    held.add(datagram);
                } else {
                    dropped.incrementAndGet();
                }
            } else {
                dropped.incrementAndGet(); // one source under check at a time
            }
        }
        if (startCheck && !owner.checkSource(from, ok -> sourceChecked(from, ok))) {
            sourceChecked(from, false);
        }
    }

    private void deliverLocked(ByteBuffer datagram) {
        Consumer<ByteBuffer> r = receiver;
        if (r == null) {
            if (early.size() < MAX_EARLY) {
                early.add(datagram);
            } else {
                dropped.incrementAndGet();
            }
            return;
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
