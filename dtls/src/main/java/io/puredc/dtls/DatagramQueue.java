package io.puredc.dtls;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.tls.DatagramTransport;

/**
 * Push → pull adapter: the lower {@link PacketTransport} pushes ciphertext datagrams in,
 * BouncyCastle pulls them out through {@link DatagramTransport#receive}.
 *
 * <p>Two modes. While the handshake runs, {@link #receive} blocks for up to BouncyCastle's wait
 * (never less than 1 ms: BC treats a wait of 0 as infinite and busy-loops on tiny waits,
 * bc-java#945). After the handshake, {@link #drainMode()} makes an empty queue end the read at
 * once with an {@link InterruptedIOException}, which {@code DTLSTransport.receive} passes up
 * without failing the connection: the caller decrypts exactly what has arrived and returns,
 * instead of parking a thread per session.
 */
final class DatagramQueue implements DatagramTransport {

    /**
     * Largest datagram we accept: an Ethernet MTU's worth. Browsers keep DTLS datagrams near 1200
     * bytes; anything bigger is dropped and counted rather than truncated.
     */
    static final int RECEIVE_LIMIT = 1500;

    /** Put in the queue on close to wake a handshake thread waiting in {@link #receive}. */
    private static final byte[] CLOSED_MARKER = new byte[0];

    private final PacketTransport lower;
    private final int sendLimit;
    private final ArrayBlockingQueue<byte[]> queue;
    private final Runnable onClose;
    private final AtomicLong dropped = new AtomicLong();
    private volatile boolean closed;
    private volatile boolean drainMode;

    DatagramQueue(PacketTransport lower, int maxDatagramSize, int capacity, Runnable onClose) {
        this.lower = lower;
        this.sendLimit = Math.min(maxDatagramSize, lower.maxPacketSize());
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.onClose = onClose;
    }

    /** Called on the lower transport's receive thread; copies because the buffer is lent. */
    void push(ByteBuffer datagram) {
        int n = datagram.remaining();
        if (closed || n == 0 || n > RECEIVE_LIMIT) {
            dropped.incrementAndGet();
            return;
        }
        byte[] copy = new byte[n];
        datagram.duplicate().get(copy);
        if (!queue.offer(copy)) {
            dropped.incrementAndGet();
        }
    }

    boolean isEmpty() {
        return queue.isEmpty();
    }

    /** Datagrams dropped on arrival: queue full, oversize, empty, or after close. */
    long dropped() {
        return dropped.get();
    }

    /** From now on an empty queue ends a read immediately (see the class comment). */
    void drainMode() {
        drainMode = true;
    }

    @Override
    public int getReceiveLimit() {
        return RECEIVE_LIMIT;
    }

    @Override
    public int getSendLimit() {
        return sendLimit;
    }

    @Override
    public int receive(byte[] buf, int off, int len, int waitMillis) throws IOException {
        if (closed) {
            throw new IOException("DTLS transport closed");
        }
        byte[] datagram;
        if (drainMode) {
            datagram = queue.poll();
            if (datagram == null) {
                throw new InterruptedIOException("no datagram queued");
            }
        } else {
            try {
                datagram = queue.poll(Math.max(1, waitMillis), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting for a datagram");
            }
            if (datagram == null) {
                return -1;
            }
        }
        if (datagram == CLOSED_MARKER) {
            throw new IOException("DTLS transport closed");
        }
        if (datagram.length > len) {
            // Cannot happen: BC sizes buf by getReceiveLimit() and push() enforces it.
            dropped.incrementAndGet();
            return -1;
        }
        System.arraycopy(datagram, 0, buf, off, datagram.length);
        return datagram.length;
    }

    @Override
    public void send(byte[] buf, int off, int len) throws IOException {
        if (closed) {
            // BC sends a last alert while failing; after close there is nowhere to send it.
            return;
        }
        if (len > sendLimit) {
            throw new IOException("DTLS datagram of " + len + " bytes exceeds the limit " + sendLimit);
        }
        try {
            // PacketTransport.send does not keep the buffer, so BC's array can be lent.
            lower.send(ByteBuffer.wrap(buf, off, len));
        } catch (TransportException e) {
            throw new IOException("lower transport failed to send", e);
        }
    }

    /** Called by BouncyCastle after it sent close_notify or a fatal alert, and by us. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            queue.clear();
            queue.offer(CLOSED_MARKER);
            onClose.run();
        }
    }

    boolean isClosed() {
        return closed;
    }
}
