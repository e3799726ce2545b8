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
 *
 * <p>When sending during the handshake, records are packed: BC writes one record per call, and we
 * gather a flight's records into as few datagrams as fit the limit (RFC 6347 §4.1.1 allows
 * several records per datagram), sending them when BC next waits for input, closes, or the
 * handshake ends. A flight then survives loss as a whole instead of needing every one of its
 * datagrams, and it arrives in order; browsers pack their flights the same way. After the
 * handshake, records BC writes while {@link DtlsTransport} drains the queue (a resent final
 * flight, an alert) are packed the same way until that read returns ({@link #packWhile}); any
 * other record, such as application data, goes out at once in its own datagram.
 *
 * <p>When our {@link AeadRecordLayer} takes over epoch 1 ({@link #drainMode(Resealer)}), this
 * queue only carries what BC still handles, and every epoch-1 record BC writes is re-sealed on
 * its way out. Until then it notes the highest epoch-1 sequence number BC used, where ours start.
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
    private final Object sendLock = new Object();
    private final byte[] pending; // guarded by sendLock; records not yet sent during the handshake
    private int pendingLength; // guarded by sendLock
    private Thread packingThread; // guarded by sendLock; after the handshake, whose records are packed
    private int lastWriteEpoch; // guarded by sendLock; epoch of the last record BC wrote
    private long lastWriteSequenceNumber = -1; // guarded by sendLock; highest sequence number BC used in it
    private Resealer resealer; // guarded by sendLock; set when our own record layer takes over epoch 1

    /** Non-null for our server role during the handshake; see {@link ChangeCipherSpecGate}. */
    private final ChangeCipherSpecGate gate;

    DatagramQueue(PacketTransport lower, int maxDatagramSize, int capacity, Runnable onClose) {
        this(lower, maxDatagramSize, capacity, onClose, false);
    }

    DatagramQueue(PacketTransport lower, int maxDatagramSize, int capacity, Runnable onClose,
            boolean gateEarlyChangeCipherSpec) {
        this.gate = gateEarlyChangeCipherSpec ? new ChangeCipherSpecGate() : null;
        this.lower = lower;
        this.sendLimit = Math.min(maxDatagramSize, lower.maxPacketSize());
        this.pending = new byte[sendLimit];
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
        if (gate != null && !drainMode && !gate.isOpen()) {
            copy = gated(copy);
            if (copy == null) {
                return;
            }
        }
        if (!queue.offer(copy)) {
            dropped.incrementAndGet();
        }
    }

    /** Synchronized because the gate keeps state and pushes may come from more than one thread. */
    private synchronized byte[] gated(byte[] datagram) {
        int keep = gate.admit(datagram, datagram.length);
        if (keep == datagram.length) {
            return datagram;
        }
        dropped.incrementAndGet();
        return keep == 0 ? null : java.util.Arrays.copyOf(datagram, keep);
    }

    boolean isEmpty() {
        return queue.isEmpty();
    }

    /** Counts a datagram dropped by the caller (too large, after the handshake). */
    void countDropped() {
        dropped.incrementAndGet();
    }

    /** Datagrams dropped on arrival: queue full, oversize, empty, after close, or cut by the gate. */
    long dropped() {
        return dropped.get();
    }

    /** From now on an empty queue ends a read immediately (see the class comment). */
    void drainMode() throws IOException {
        drainMode(null);
    }

    /**
     * Like {@link #drainMode()}; with a non-null {@code resealer}, every later record BC writes in
     * an epoch other than 0 is passed through it before it leaves (see {@link AeadRecordLayer#reseal}).
     *
     * @return the highest sequence number BC used in epoch 1 so far, or -1 if it never wrote in
     *     epoch 1; a record layer taking over epoch 1 starts one past it
     * @throws IllegalStateException if BC wrote in an epoch beyond 1 (it never renegotiates)
     */
    long drainMode(Resealer resealer) throws IOException {
        synchronized (sendLock) {
            flushLocked();
            drainMode = true;
            if (lastWriteEpoch > 1) {
                throw new IllegalStateException("BC wrote in epoch " + lastWriteEpoch);
            }
            this.resealer = resealer;
            return lastWriteEpoch == 1 ? lastWriteSequenceNumber : -1;
        }
    }

    /** Re-protects a record BC wrote; see {@link #drainMode(Resealer)}. */
    interface Resealer {
        byte[] reseal(byte[] record, int offset, int length) throws IOException;
    }

    /**
     * Takes the oldest queued datagram without BC, or null if none (or closed). After the
     * handshake our own record layer reads what arrived meanwhile this way.
     */
    byte[] pollRaw() {
        byte[] datagram = queue.poll();
        return datagram == CLOSED_MARKER ? null : datagram;
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
        if (!drainMode) {
            flush(); // BC waits for input only once it has written its flight
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
        synchronized (sendLock) {
            // BC writes one record per call (DTLSRecordLayer.sendRecord): epoch at 3, sequence at 5.
            int epoch = len >= AeadRecordLayer.HEADER ? AeadRecordLayer.readUint16(buf, off + 3) : 0;
            if (epoch != 0 && resealer != null) {
                buf = resealer.reseal(buf, off, len);
                off = 0;
                len = buf.length;
            } else if (epoch != 0) {
                long seq = readUint48(buf, off + 5);
                if (epoch > lastWriteEpoch) {
                    lastWriteEpoch = epoch;
                    lastWriteSequenceNumber = seq;
                } else if (epoch == lastWriteEpoch) {
                    lastWriteSequenceNumber = Math.max(lastWriteSequenceNumber, seq);
                }
            }
            if (drainMode && packingThread != Thread.currentThread()) {
                flushLocked();
                // PacketTransport.send does not keep the buffer, so BC's array can be lent.
                sendDatagram(buf, off, len);
                return;
            }
            if (pendingLength + len > sendLimit) {
                flushLocked();
            }
            System.arraycopy(buf, off, pending, pendingLength, len);
            pendingLength += len;
        }
    }

    /** Action that may throw; the read BC performs while we drain. */
    interface IoAction<T> {
        T run() throws IOException;
    }

    /**
     * Runs {@code action} (a BC read after the handshake) packing the records BC writes meanwhile
     * on this thread, then sends them.
     */
    <T> T packWhile(IoAction<T> action) throws IOException {
        synchronized (sendLock) {
            packingThread = Thread.currentThread();
        }
        try {
            return action.run();
        } finally {
            synchronized (sendLock) {
                packingThread = null;
                flushLocked();
            }
        }
    }

    private static long readUint48(byte[] b, int off) {
        long v = 0;
        for (int i = 0; i < 6; i++) {
            v = v << 8 | b[off + i] & 0xff;
        }
        return v;
    }

    private void flush() throws IOException {
        synchronized (sendLock) {
            flushLocked();
        }
    }

    private void flushLocked() throws IOException {
        if (pendingLength > 0) {
            int n = pendingLength;
            pendingLength = 0;
            sendDatagram(pending, 0, n);
        }
    }

    private void sendDatagram(byte[] buf, int off, int len) throws IOException {
        try {
            lower.send(ByteBuffer.wrap(buf, off, len));
        } catch (RuntimeException e) {
            // Whatever the lower transport throws means it failed; say so in our own type.
            TransportException cause = e instanceof TransportException ? (TransportException) e
                    : new TransportException("lower transport failed: " + e, e);
            throw new IOException("lower transport failed to send", cause);
        }
    }

    /** Called by BouncyCastle after it sent close_notify or a fatal alert, and by us. */
    @Override
    public void close() {
        if (!closed) {
            try {
                flush(); // a final alert must still leave
            } catch (IOException e) {
                // the lower transport is gone; nothing more to do
            }
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
