package io.puredc.ice;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.ArrayDeque;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A host candidate's UDP socket, read by one thread of ours that demultiplexes by first byte (RFC 7983
 * §7): STUN (0..3) and TURN ChannelData (64..79, RFC 8656 §12.4, from one of our TURN servers, for
 * ice4j's TURN client when a relayed candidate runs over this socket) are queued for ice4j, which reads this socket through its multiplexing wrapper as
 * before; DTLS (20..63) goes straight to the attached {@link Receiver} on this thread, with no queue,
 * lock or copy of ice4j's in between (its multiplexing receive path was ~38 % of the old reader
 * thread's time, and the largest method the JIT compiled during a transfer); anything else is dropped
 * and counted. DTLS that arrives before a receiver is attached (the peer may start its handshake
 * before our side has selected the pair) is held, a flight's worth.
 *
 * <p>ice4j sees only STUN: {@link #receive} takes from the queue and honours {@link #setSoTimeout},
 * which is kept here rather than on the socket so the reader's own reads block. Sending goes straight
 * to the socket from any thread. Closing the socket (ice4j closes it when it frees the candidate) ends
 * the reader and wakes ice4j's.
 */
final class HostSocket extends DatagramSocket {
    private static final Logger LOG = LoggerFactory.getLogger(HostSocket.class);
    private static final AtomicInteger IDS = new AtomicInteger();
    /**
     * STUN and ChannelData waiting for ice4j: checks come a few at a time, consent every few seconds; a
     * relayed pair's data comes as ChannelData, which ice4j's TURN client reads as fast as it arrives.
     */
    private static final int MAX_STUN = 256;
    /** DTLS held until a receiver is attached: a handshake flight is a handful of datagrams. */
    private static final int MAX_EARLY = 64;
    /** Put on the STUN queue to wake ice4j's reader when the socket closes. */
    private static final DatagramPacket CLOSED = new DatagramPacket(new byte[0], 0);

    /** Where DTLS goes; called on the reader thread, one datagram at a time. */
    interface Receiver {
        /** {@code buf} is the reader's and reused after the call returns: copy what is kept. */
        void datagram(byte[] buf, int off, int len, InetAddress from, int fromPort);

        void readFailed(IOException e);
    }

    private final AtomicLong dropped;
    private final Set<SocketAddress> turnServers;
    private final BlockingQueue<DatagramPacket> stun = new ArrayBlockingQueue<>(MAX_STUN);
    private final Thread reader;
    private final Object attachLock = new Object();
    // Guarded by attachLock.
    private final ArrayDeque<DatagramPacket> early = new ArrayDeque<>();
    private final AtomicReference<Receiver> receiver = new AtomicReference<>();
    private volatile int soTimeoutMillis;

    /** Binds to {@code address} on an ephemeral port (RFC 8445 §5.1.1.1) and starts the reader. */
    HostSocket(InetAddress address, int receiveBufferBytes, Set<SocketAddress> turnServers, AtomicLong dropped)
            throws SocketException {
        super(new InetSocketAddress(address, 0));
        this.turnServers = Set.copyOf(turnServers);
        this.dropped = dropped;
        try {
            super.setReceiveBufferSize(receiveBufferBytes);
        } catch (SocketException e) {
            LOG.debug("SO_RCVBUF not raised on {}: {}", address.getHostAddress(), e.toString());
        }
        reader = new Thread(this::readLoop, "puredc-ice-reader-" + IDS.incrementAndGet());
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * From now on DTLS goes to {@code r}, the datagrams held so far first (on this thread). Replaces any
     * earlier receiver.
     */
    void attach(Receiver r) {
        synchronized (attachLock) {
            DatagramPacket p;
            while ((p = early.poll()) != null) {
                r.datagram(p.getData(), 0, p.getLength(), p.getAddress(), p.getPort());
            }
            receiver.set(r);
        }
    }

    /**
     * Stops delivering to {@code r}. Without the attach lock: the caller may hold its agent's lock, which a
     * delivery under the attach lock can need (checking a new source).
     */
    void detach(Receiver r) {
        receiver.compareAndSet(r, null);
    }

    private void readLoop() {
        // 64 KiB: a datagram longer than the buffer would be truncated silently into a corrupt record.
        byte[] buf = new byte[65536];
        DatagramPacket packet = new DatagramPacket(buf, buf.length);
        while (true) {
            packet.setData(buf, 0, buf.length);
            try {
                super.receive(packet);
            } catch (IOException e) {
                if (!isClosed()) {
                    Receiver r = receiver.get();
                    if (r != null) {
                        r.readFailed(e);
                    } else {
                        LOG.warn("reading host socket {} failed", getLocalSocketAddress(), e);
                    }
                }
                return;
            }
            int len = packet.getLength();
            int first = len == 0 ? -1 : buf[0] & 0xff;
            if (first >= 20 && first <= 63) {
                dtls(buf, len, packet);
            } else if ((first >= 0 && first <= 3)
                    || (first >= 64 && first <= 79 && turnServers.contains(packet.getSocketAddress()))) {
                byte[] copy = new byte[len];
                System.arraycopy(buf, 0, copy, 0, len);
                if (!stun.offer(new DatagramPacket(copy, len, packet.getAddress(), packet.getPort()))) {
                    dropped.incrementAndGet();
                }
            } else {
                dropped.incrementAndGet(); // RFC 7983 §7: nobody's
            }
        }
    }

    private void dtls(byte[] buf, int len, DatagramPacket packet) {
        Receiver r = receiver.get();
        if (r == null) {
            synchronized (attachLock) {
                r = receiver.get();
                if (r == null) {
                    if (early.size() < MAX_EARLY) {
                        byte[] copy = new byte[len];
                        System.arraycopy(buf, 0, copy, 0, len);
                        early.add(new DatagramPacket(copy, len, packet.getAddress(), packet.getPort()));
                    } else {
                        dropped.incrementAndGet();
                    }
                    return;
                }
            }
        }
        r.datagram(buf, 0, len, packet.getAddress(), packet.getPort());
    }

    /** ice4j's read: the next STUN or ChannelData datagram. */
    @Override
    public void receive(DatagramPacket p) throws IOException {
        if (isClosed()) {
            throw new SocketException("Socket is closed");
        }
        int timeout = soTimeoutMillis;
        DatagramPacket got;
        try {
            got = timeout == 0 ? stun.take() : stun.poll(timeout, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for STUN");
        }
        if (got == null) {
            throw new SocketTimeoutException("Receive timed out");
        }
        if (got == CLOSED) {
            stun.offer(CLOSED); // for the next reader
            throw new SocketException("Socket is closed");
        }
        // As DatagramSocket: the whole buffer from the offset is the capacity; longer data is truncated.
        int n = Math.min(got.getLength(), p.getData().length - p.getOffset());
        System.arraycopy(got.getData(), 0, p.getData(), p.getOffset(), n);
        p.setLength(n);
        p.setAddress(got.getAddress());
        p.setPort(got.getPort());
    }

    @Override
    public void setSoTimeout(int timeout) throws SocketException {
        if (timeout < 0) {
            throw new IllegalArgumentException("timeout < 0");
        }
        soTimeoutMillis = timeout;
    }

    @Override
    public int getSoTimeout() {
        return soTimeoutMillis;
    }

    @Override
    public void close() {
        super.close();
        stun.clear();
        stun.offer(CLOSED);
    }
}
