package io.puredc.dtls;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.tls.ContentType;

/**
 * Datagrams in and out after the handshake, when {@link AeadRecordLayer} protects the application
 * data and BouncyCastle keeps the rest (a resent final flight, alerts).
 *
 * <p>Out: {@link #send} seals one application_data record straight into a reused datagram buffer
 * and hands it to the lower transport. BC's own late epoch-1 records come through
 * {@link #reseal}, so both share one sequence of numbers. One lock covers both: sealing is
 * serialised, as one Cipher per direction requires.
 *
 * <p>In: {@link #receive} walks the records of a datagram (RFC 6347 §4.1 allows several, each
 * stating its length), opens application data of epoch 1 in place and hands it on as a slice
 * of the datagram; every other record goes to BC, in the order the records came.
 */
final class RecordPath {

    /** Where {@link #receive} sends what it finds; called on the receiving thread. */
    interface Receiver {
        /** False once the connection ended; the rest of the datagram is then ignored. */
        boolean isOpen();

        /** An authenticated application_data plaintext, which becomes the receiver's. */
        void deliver(ByteBuffer plaintext);

        /** Consecutive records BC must process (handshake, ChangeCipherSpec, alert, other epochs). */
        void toBouncyCastle(byte[] datagram, int offset, int length);
    }

    private final AeadRecordLayer layer;
    private final PacketTransport lower;
    private final Object txLock = new Object();
    private final byte[] txBuffer; // guarded by txLock
    private final AtomicLong discarded = new AtomicLong();

    RecordPath(AeadRecordLayer layer, PacketTransport lower, int maxDatagramSize) {
        this.layer = layer;
        this.lower = lower;
        this.txBuffer = new byte[maxDatagramSize];
    }

    /**
     * Sends {@code packet} as one application_data record in one datagram.
     *
     * @throws GeneralSecurityException if it could not be sealed (sequence numbers exhausted)
     * @throws RuntimeException whatever the lower transport throws
     */
    void send(ByteBuffer packet) throws GeneralSecurityException {
        synchronized (txLock) {
            int length = layer.seal(ContentType.application_data, packet, txBuffer, 0);
            // PacketTransport.send does not keep the buffer, so it is reused for the next record.
            lower.send(ByteBuffer.wrap(txBuffer, 0, length));
        }
    }

    /** Re-protects a record BC wrote after the handshake; see {@link AeadRecordLayer#reseal}. */
    byte[] reseal(byte[] record, int offset, int length) throws IOException {
        synchronized (txLock) {
            try {
                return layer.reseal(record, offset, length);
            } catch (GeneralSecurityException e) {
                throw new IOException("cannot re-protect BC's record: " + e.getMessage(), e);
            }
        }
    }

    /** Sets where our sequence numbers start: one past the last BC used in epoch 1. */
    void startWriteSequenceAt(long sequenceNumber) {
        synchronized (txLock) {
            layer.startWriteSequenceAt(sequenceNumber);
        }
    }

    /** Records discarded on arrival: truncated, replayed, too old, or not authentic. */
    long discardedRecords() {
        return discarded.get();
    }

    /**
     * Processes one ciphertext datagram, which becomes ours (PacketTransport#onReceive): records
     * are decrypted inside it. The caller serialises calls. A record running past the end of
     * the datagram ends it (RFC 6347 §4.1.2.7: invalid records are silently discarded).
     */
    void receive(ByteBuffer datagram, Receiver receiver) {
        int length = datagram.remaining();
        byte[] b;
        int start;
        if (datagram.hasArray()) {
            b = datagram.array();
            start = datagram.arrayOffset() + datagram.position();
        } else {
            b = new byte[length];
            datagram.duplicate().get(b);
            start = 0;
        }
        int end = start + length;
        int pos = start;
        int forBc = -1; // start of a run of records for BC, or -1
        while (end - pos >= AeadRecordLayer.HEADER && receiver.isOpen()) {
            int recordEnd = pos + AeadRecordLayer.HEADER + AeadRecordLayer.readUint16(b, pos + 11);
            if (recordEnd > end) {
                discarded.incrementAndGet();
                break;
            }
            boolean ours = b[pos] == ContentType.application_data
                    && AeadRecordLayer.readUint16(b, pos + 3) == AeadRecordLayer.EPOCH;
            if (ours) {
                if (forBc >= 0) {
                    receiver.toBouncyCastle(b, forBc, pos - forBc);
                    forBc = -1;
                }
                openAndDeliver(b, pos, recordEnd - pos, receiver);
            } else if (forBc < 0) {
                forBc = pos;
            }
            pos = recordEnd;
        }
        if (forBc >= 0 && receiver.isOpen()) {
            receiver.toBouncyCastle(b, forBc, pos - forBc);
        }
    }

    private void openAndDeliver(byte[] b, int offset, int length, Receiver receiver) {
        int n;
        try {
            n = layer.open(b, offset, length);
        } catch (GeneralSecurityException e) {
            n = -1; // the JCA refused to initialise; nothing to deliver either way
        }
        if (n < 0) {
            discarded.incrementAndGet();
        } else {
            int plaintext = offset + AeadRecordLayer.HEADER + AeadRecordLayer.EXPLICIT_NONCE;
            // We never touch this part of the datagram again, so the slice can be given away.
            receiver.deliver(ByteBuffer.wrap(b, plaintext, n).slice());
        }
    }
}
