package io.puredc.dtls;

import java.util.BitSet;

/**
 * Works around a BouncyCastle 1.84 DTLS server stall: holds back the client's
 * ChangeCipherSpec until the client's CertificateVerify has fully arrived.
 *
 * <p>BC switches its read epoch as soon as a ChangeCipherSpec arrives, if keys are pending
 * (after ClientKeyExchange), without checking that the flight's earlier messages arrived. When
 * CertificateVerify, which follows ClientKeyExchange in the client's flight (RFC 5246 §7.3), was
 * lost or reordered behind the ChangeCipherSpec, every retransmitted CertificateVerify then
 * carries the old epoch and is discarded: the handshake can only time out. Seen here with 30 %
 * loss. Dropping such an early ChangeCipherSpec, and what follows it in its datagram, is the
 * same as losing it, which DTLS recovers from by retransmission (RFC 6347 §4.2.4); the client's
 * next copy of the flight then passes. Browsers pack the flight into one datagram, so
 * they rarely hit this, but Java peers (one record per datagram) do.
 *
 * <p>Only for our server role, and only while the handshake runs. Epoch-0 records are
 * plaintext, so the handshake headers (RFC 6347 §4.2.2) can be read. Not thread-safe: called
 * from one receive thread at a time.
 */
final class ChangeCipherSpecGate {

    private static final int RECORD_HEADER = 13;
    private static final int HANDSHAKE_HEADER = 12;
    private static final int CHANGE_CIPHER_SPEC = 20;
    private static final int HANDSHAKE = 22;
    private static final int CERTIFICATE_VERIFY = 15;
    /** Larger than any CertificateVerify (an RSA-8192 signature is 1 KiB); beyond it we stop gating. */
    private static final int MAX_TRACKED_LENGTH = 16_384;

    private final BitSet received = new BitSet();
    private int certificateVerifyLength = -1;
    private boolean open;

    /** Whether the client's CertificateVerify has fully arrived (or gating was given up). */
    boolean isOpen() {
        return open;
    }

    /**
     * Looks at one datagram in arrival order and returns how many of its leading bytes to
     * keep: all of them, or the records before an early ChangeCipherSpec.
     */
    int admit(byte[] datagram, int length) {
        int at = 0;
        while (!open && at + RECORD_HEADER <= length) {
            int type = datagram[at] & 0xff;
            int epoch = uint16(datagram, at + 3);
            int end = at + RECORD_HEADER + uint16(datagram, at + 11);
            if (end > length) {
                break; // malformed; BC discards it
            }
            if (epoch == 0 && type == HANDSHAKE) {
                observeHandshake(datagram, at + RECORD_HEADER, end);
            } else if (epoch == 0 && type == CHANGE_CIPHER_SPEC && !open) {
                return at;
            }
            at = end;
        }
        return length;
    }

    /** A record may carry several handshake fragments (RFC 6347 §4.2.3). */
    private void observeHandshake(byte[] d, int at, int end) {
        while (at + HANDSHAKE_HEADER <= end) {
            int type = d[at] & 0xff;
            int length = uint24(d, at + 1);
            int offset = uint24(d, at + 6);
            int fragmentLength = uint24(d, at + 9);
            if (type == CERTIFICATE_VERIFY && offset + fragmentLength <= length) {
                noteCertificateVerify(length, offset, fragmentLength);
            }
            at += HANDSHAKE_HEADER + fragmentLength;
        }
    }

    private void noteCertificateVerify(int length, int offset, int fragmentLength) {
        if (length > MAX_TRACKED_LENGTH || certificateVerifyLength >= 0 && length != certificateVerifyLength) {
            open = true; // not something we can track: fall back to BC's own behaviour
            return;
        }
        certificateVerifyLength = length;
        received.set(offset, offset + fragmentLength);
        open = received.cardinality() == length;
    }

    private static int uint16(byte[] d, int at) {
        return (d[at] & 0xff) << 8 | d[at + 1] & 0xff;
    }

    private static int uint24(byte[] d, int at) {
        return (d[at] & 0xff) << 16 | (d[at + 1] & 0xff) << 8 | d[at + 2] & 0xff;
    }
}
