package io.puredc.dtls;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.tls.ConnectionEnd;
import org.bouncycastle.tls.EncryptionAlgorithm;
import org.bouncycastle.tls.ExporterLabel;
import org.bouncycastle.tls.SecurityParameters;
import org.bouncycastle.tls.TlsUtils;

/**
 * Our own protection of DTLS 1.2 records in epoch 1 with AES-GCM, used after BouncyCastle has
 * finished the handshake: one JCA {@link Cipher} per direction, no per-record buffers of ours:
 * records are sealed into the caller's datagram buffer and opened in place.
 *
 * <p>The record (RFC 6347 §4.1) with the GenericAEADCipher fragment of RFC 5246 §6.2.3.3 and
 * AES-GCM's explicit nonce (RFC 5288 §3):
 * <pre>
 * +------+---------+-------+-----------------+--------+----------------+------------+-----+
 * | type | version | epoch | sequence_number | length | nonce_explicit | ciphertext | tag |
 * +------+---------+-------+-----------------+--------+----------------+------------+-----+
 *     1       2        2           6             2            8         length - 24    16
 * </pre>
 * The GCM nonce is the 4-byte salt from the key block followed by the 8-byte explicit nonce; we
 * send epoch‖sequence_number as explicit nonce, as BouncyCastle, OpenSSL and BoringSSL do, so it
 * never repeats under one key. The additional data is epoch‖sequence_number ‖ type ‖ version ‖
 * plaintext length (RFC 5246 §6.2.3.3 with DTLS's 64-bit sequence number, RFC 6347 §4.1.2.1).
 *
 * <p>Threads: the write side ({@link #seal}, {@link #reseal}) and the read side ({@link #open})
 * each need their own lock, held by the caller.
 */
final class AeadRecordLayer {

    /** RFC 6347 §4.1: type, version, epoch, sequence_number, length. */
    static final int HEADER = 13;
    /** RFC 5288 §3: the nonce_explicit carried in each record. */
    static final int EXPLICIT_NONCE = 8;
    /** AES-GCM's 16-byte authentication tag (RFC 5288 §3). */
    static final int TAG = 16;
    /** Bytes a record adds to its plaintext. */
    static final int OVERHEAD = HEADER + EXPLICIT_NONCE + TAG;
    /** The epoch after the first handshake (RFC 6347 §4.1: 0, then one more per ChangeCipherSpec). */
    static final int EPOCH = 1;
    /** The DTLS 1.2 record version {254, 253} (RFC 6347 §4.1). */
    static final int VERSION = 0xfefd;
    /** RFC 6347 §4.1: sequence numbers are 48 bits and must not wrap. */
    static final long MAX_SEQUENCE_NUMBER = (1L << 48) - 1;
    /** RFC 5246 §6.2.1: no plaintext fragment exceeds 2^14 bytes. */
    static final int MAX_PLAINTEXT = 1 << 14;
    /** RFC 5288 §3: the salt from the key block. */
    private static final int SALT = 4;

    private final SecretKeySpec writeKey;
    private final SecretKeySpec readKey;
    private final Cipher writeCipher;
    private final Cipher readCipher;
    private final byte[] writeNonce = new byte[SALT + EXPLICIT_NONCE]; // salt fixed, rest per record
    private final byte[] readNonce = new byte[SALT + EXPLICIT_NONCE];
    private final byte[] writeAad = new byte[HEADER];
    private final byte[] readAad = new byte[HEADER];
    private final ReplayWindow window = new ReplayWindow();
    private long nextSequenceNumber; // guarded by the write lock

    AeadRecordLayer(byte[] writeKey, byte[] writeSalt, byte[] readKey, byte[] readSalt)
            throws GeneralSecurityException {
        this.writeKey = new SecretKeySpec(writeKey, "AES");
        this.readKey = new SecretKeySpec(readKey, "AES");
        System.arraycopy(writeSalt, 0, writeNonce, 0, SALT);
        System.arraycopy(readSalt, 0, readNonce, 0, SALT);
        this.writeCipher = Cipher.getInstance("AES/GCM/NoPadding");
        this.readCipher = Cipher.getInstance("AES/GCM/NoPadding");
    }

    /**
     * Derives the epoch-1 keys of a finished handshake, or returns null if its suite is not one we
     * protect ourselves (then BouncyCastle's record layer keeps doing it). Must run while the
     * master secret is alive, i.e. in {@code notifyHandshakeComplete}: BC clears it when the
     * handshake returns.
     *
     * <p>RFC 5246 §6.3: key_block = PRF(master_secret, "key expansion", server_random +
     * client_random), cut into client_write_MAC_key, server_write_MAC_key (empty for AEAD
     * suites), client_write_key, server_write_key, client_write_IV, server_write_IV (the 4-byte
     * salts of RFC 5288 §3). The PRF is the suite's (SHA-256, or SHA-384 for AES-256-GCM); the
     * master secret is the extended one of RFC 7627 when negotiated, which changes nothing here.
     */
    static AeadRecordLayer fromHandshake(SecurityParameters parameters) throws GeneralSecurityException {
        int keyLength;
        switch (TlsUtils.getEncryptionAlgorithm(parameters.getCipherSuite())) {
            case EncryptionAlgorithm.AES_128_GCM:
                keyLength = 16;
                break;
            case EncryptionAlgorithm.AES_256_GCM:
                keyLength = 32;
                break;
            default:
                return null;
        }
        byte[] seed = concat(parameters.getServerRandom(), parameters.getClientRandom());
        // deriveUsingPRF leaves the master secret intact; extract() consumes only the derived one.
        byte[] block = parameters.getMasterSecret()
                .deriveUsingPRF(parameters.getPRFAlgorithm(), ExporterLabel.key_expansion, seed, 2 * (keyLength + SALT))
                .extract();
        try {
            byte[] clientKey = Arrays.copyOfRange(block, 0, keyLength);
            byte[] serverKey = Arrays.copyOfRange(block, keyLength, 2 * keyLength);
            byte[] clientSalt = Arrays.copyOfRange(block, 2 * keyLength, 2 * keyLength + SALT);
            byte[] serverSalt = Arrays.copyOfRange(block, 2 * keyLength + SALT, 2 * keyLength + 2 * SALT);
            AeadRecordLayer layer = parameters.getEntity() == ConnectionEnd.client
                    ? new AeadRecordLayer(clientKey, clientSalt, serverKey, serverSalt)
                    : new AeadRecordLayer(serverKey, serverSalt, clientKey, clientSalt);
            Arrays.fill(clientKey, (byte) 0);
            Arrays.fill(serverKey, (byte) 0);
            return layer;
        } finally {
            Arrays.fill(block, (byte) 0);
        }
    }

    /** Our first sequence number in epoch 1: one past the last BouncyCastle used in it. */
    void startWriteSequenceAt(long sequenceNumber) {
        nextSequenceNumber = sequenceNumber;
    }

    /** The sequence number the next sealed record gets. */
    long nextWriteSequenceNumber() {
        return nextSequenceNumber;
    }

    /**
     * Protects {@code plaintext}'s remaining bytes (its position is not moved) as one record of
     * {@code contentType} into {@code out} at {@code outOffset}, which needs
     * {@code plaintext.remaining() + OVERHEAD} bytes; returns the record's length.
     *
     * @throws SequenceExhaustedException when epoch 1 has used every sequence number
     */
    int seal(int contentType, ByteBuffer plaintext, byte[] out, int outOffset) throws GeneralSecurityException {
        int length = plaintext.remaining();
        long seq = beginSeal(contentType, length, out, outOffset);
        int body = outOffset + HEADER + EXPLICIT_NONCE;
        int written;
        if (plaintext.hasArray()) {
            written = writeCipher.doFinal(plaintext.array(), plaintext.arrayOffset() + plaintext.position(), length,
                    out, body);
        } else {
            written = writeCipher.doFinal(plaintext.duplicate(), ByteBuffer.wrap(out, body, length + TAG));
        }
        assert written == length + TAG : "seq " + seq;
        return HEADER + EXPLICIT_NONCE + written;
    }

    /** Writes header and explicit nonce and initialises the write cipher; returns the number. */
    private long beginSeal(int contentType, int length, byte[] out, int off) throws GeneralSecurityException {
        if (nextSequenceNumber > MAX_SEQUENCE_NUMBER) {
            throw new SequenceExhaustedException();
        }
        long seq = nextSequenceNumber++;
        long epochAndSeq = (long) EPOCH << 48 | seq;
        out[off] = (byte) contentType;
        out[off + 1] = (byte) (VERSION >>> 8);
        out[off + 2] = (byte) VERSION;
        putLong(out, off + 3, epochAndSeq); // epoch (2) + sequence_number (6)
        int fragment = EXPLICIT_NONCE + length + TAG;
        out[off + 11] = (byte) (fragment >>> 8);
        out[off + 12] = (byte) fragment;
        putLong(out, off + HEADER, epochAndSeq); // nonce_explicit
        putLong(writeNonce, SALT, epochAndSeq);
        additionalData(writeAad, epochAndSeq, contentType, VERSION, length);
        writeCipher.init(Cipher.ENCRYPT_MODE, writeKey, new GCMParameterSpec(TAG * 8, writeNonce));
        writeCipher.updateAAD(writeAad);
        return seq;
    }

    /**
     * Verifies and decrypts, in place, one epoch-1 record of {@code recordLength} bytes at
     * {@code offset} (header included). The plaintext then starts at {@code offset + HEADER +
     * EXPLICIT_NONCE}; the rest of the array is untouched. Returns the plaintext length, or -1
     * when the record must be silently discarded (RFC 6347 §4.1.2.7): replayed or too old for the
     * window, malformed, or not authentic. After -1 the record's bytes may have been changed.
     */
    int open(byte[] in, int offset, int recordLength) throws GeneralSecurityException {
        int plaintextLength = recordLength - OVERHEAD;
        if (plaintextLength < 0 || plaintextLength > MAX_PLAINTEXT || readUint16(in, offset + 1) != VERSION) {
            return -1;
        }
        long epochAndSeq = getLong(in, offset + 3);
        long seq = epochAndSeq & MAX_SEQUENCE_NUMBER;
        if (window.shouldDiscard(seq)) {
            return -1;
        }
        System.arraycopy(in, offset + HEADER, readNonce, SALT, EXPLICIT_NONCE);
        additionalData(readAad, epochAndSeq, in[offset] & 0xff, VERSION, plaintextLength);
        readCipher.init(Cipher.DECRYPT_MODE, readKey, new GCMParameterSpec(TAG * 8, readNonce));
        readCipher.updateAAD(readAad);
        int body = offset + HEADER + EXPLICIT_NONCE;
        try {
            // Same array and offset: Cipher's array methods are copy-safe (javax.crypto.Cipher).
            readCipher.doFinal(in, body, plaintextLength + TAG, in, body);
        } catch (AEADBadTagException e) {
            return -1;
        }
        window.markAuthenticated(seq);
        return plaintextLength;
    }

    /**
     * Re-protects an epoch-1 record that BouncyCastle sealed with its own sequence number (a
     * resent Finished, an alert) under our next sequence number, so that no two records we
     * send share a sequence number and nonce. BC's copy is never sent. Call with the write lock.
     */
    byte[] reseal(byte[] record, int offset, int length) throws GeneralSecurityException {
        int plaintextLength = length - OVERHEAD;
        if (plaintextLength < 0) {
            throw new GeneralSecurityException("not an AES-GCM record: " + length + " bytes");
        }
        int type = record[offset] & 0xff;
        long epochAndSeq = getLong(record, offset + 3);
        byte[] nonce = writeNonce.clone();
        System.arraycopy(record, offset + HEADER, nonce, SALT, EXPLICIT_NONCE);
        byte[] aad = new byte[HEADER];
        additionalData(aad, epochAndSeq, type, readUint16(record, offset + 1), plaintextLength);
        writeCipher.init(Cipher.DECRYPT_MODE, writeKey, new GCMParameterSpec(TAG * 8, nonce));
        writeCipher.updateAAD(aad);
        byte[] plaintext = writeCipher.doFinal(record, offset + HEADER + EXPLICIT_NONCE, plaintextLength + TAG);
        byte[] out = new byte[length];
        seal(type, ByteBuffer.wrap(plaintext), out, 0);
        Arrays.fill(plaintext, (byte) 0);
        return out;
    }

    /** RFC 5246 §6.2.3.3: seq_num + type + version + length, seq_num being DTLS's epoch‖seq. */
    private static void additionalData(byte[] aad, long epochAndSeq, int type, int version, int length) {
        putLong(aad, 0, epochAndSeq);
        aad[8] = (byte) type;
        aad[9] = (byte) (version >>> 8);
        aad[10] = (byte) version;
        aad[11] = (byte) (length >>> 8);
        aad[12] = (byte) length;
    }

    static int readUint16(byte[] b, int off) {
        return (b[off] & 0xff) << 8 | b[off + 1] & 0xff;
    }

    private static void putLong(byte[] b, int off, long v) {
        for (int i = 7; i >= 0; i--) {
            b[off + i] = (byte) v;
            v >>>= 8;
        }
    }

    private static long getLong(byte[] b, int off) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = v << 8 | b[off + i] & 0xff;
        }
        return v;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** RFC 6347 §4.1: a sequence number must not wrap; the connection has to end instead. */
    static final class SequenceExhaustedException extends GeneralSecurityException {
        private static final long serialVersionUID = 1L;

        SequenceExhaustedException() {
            super("DTLS sequence numbers of epoch 1 exhausted (RFC 6347 §4.1)");
        }
    }
}
