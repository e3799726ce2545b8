package io.puredc.dtls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.bouncycastle.tls.ContentType;
import org.junit.jupiter.api.Test;

/**
 * Record format and protection of {@link AeadRecordLayer} between two ends with mirrored keys.
 * That BouncyCastle reads our records and we read its records is shown over real handshakes in
 * {@link RecordLayerCrossCheckTest}.
 */
class AeadRecordLayerTest {

    static final byte[] KEY_A = bytes(16, 1);
    static final byte[] KEY_B = bytes(16, 2);
    static final byte[] SALT_A = bytes(4, 3);
    static final byte[] SALT_B = bytes(4, 4);

    final AeadRecordLayer a = layer(KEY_A, SALT_A, KEY_B, SALT_B);
    final AeadRecordLayer b = layer(KEY_B, SALT_B, KEY_A, SALT_A);

    static AeadRecordLayer layer(byte[] writeKey, byte[] writeSalt, byte[] readKey, byte[] readSalt) {
        try {
            return new AeadRecordLayer(writeKey, writeSalt, readKey, readSalt);
        } catch (java.security.GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    static byte[] bytes(int length, int seed) {
        byte[] out = new byte[length];
        for (int i = 0; i < length; i++) {
            out[i] = (byte) (seed * 37 + i * 11);
        }
        return out;
    }

    static byte[] seal(AeadRecordLayer layer, byte[] plaintext) throws Exception {
        byte[] out = new byte[plaintext.length + AeadRecordLayer.OVERHEAD];
        assertEquals(out.length, layer.seal(ContentType.application_data, ByteBuffer.wrap(plaintext), out, 0));
        return out;
    }

    /** Opens a copy of the record (open works in place); the plaintext, or null if discarded. */
    static byte[] open(AeadRecordLayer layer, byte[] buffer, int offset, int length) throws Exception {
        byte[] copy = buffer.clone();
        int n = layer.open(copy, offset, length);
        int start = offset + AeadRecordLayer.HEADER + AeadRecordLayer.EXPLICIT_NONCE;
        return n < 0 ? null : Arrays.copyOfRange(copy, start, start + n);
    }

    static long sequenceNumber(byte[] record) {
        long v = 0;
        for (int i = 5; i < 11; i++) {
            v = v << 8 | record[i] & 0xff;
        }
        return v;
    }

    @Test
    void recordCarriesTheRfc6347HeaderAndTheSequenceAsExplicitNonce() throws Exception {
        a.startWriteSequenceAt(0x0102_0304_0506L);
        byte[] record = seal(a, bytes(100, 9));
        assertEquals(ContentType.application_data, record[0]);
        assertEquals(0xfefd, AeadRecordLayer.readUint16(record, 1), "DTLS 1.2");
        assertEquals(1, AeadRecordLayer.readUint16(record, 3), "epoch");
        assertEquals(0x0102_0304_0506L, sequenceNumber(record));
        assertEquals(8 + 100 + 16, AeadRecordLayer.readUint16(record, 11), "length counts nonce and tag");
        // nonce_explicit = epoch ‖ sequence_number (RFC 5288 §3 leaves the choice to the sender)
        assertArrayEquals(Arrays.copyOfRange(record, 3, 11), Arrays.copyOfRange(record, 13, 21));
        assertEquals(0x0102_0304_0507L, a.nextWriteSequenceNumber());
    }

    @Test
    void everySizeUpToTheLargestPacketRoundTrips() throws Exception {
        for (int n = 0; n <= 1163; n += n < 40 ? 1 : 97) {
            byte[] plaintext = bytes(n, n);
            byte[] record = seal(a, plaintext);
            assertArrayEquals(plaintext, open(b, record, 0, record.length), "size " + n);
        }
    }

    @Test
    void sealingADirectBufferGivesTheSameKindOfRecord() throws Exception {
        ByteBuffer direct = ByteBuffer.allocateDirect(300);
        direct.put(bytes(300, 5)).flip();
        byte[] record = new byte[300 + AeadRecordLayer.OVERHEAD];
        a.seal(ContentType.application_data, direct, record, 0);
        assertEquals(300, direct.remaining(), "position untouched");
        assertArrayEquals(bytes(300, 5), open(b, record, 0, record.length));
    }

    @Test
    void recordsAreReadInsideALargerBufferAtAnOffset() throws Exception {
        byte[] first = seal(a, bytes(10, 1));
        byte[] second = seal(a, bytes(20, 2));
        byte[] datagram = new byte[7 + first.length + second.length];
        System.arraycopy(first, 0, datagram, 7, first.length);
        System.arraycopy(second, 0, datagram, 7 + first.length, second.length);
        assertArrayEquals(bytes(20, 2), open(b, datagram, 7 + first.length, second.length));
        assertArrayEquals(bytes(10, 1), open(b, datagram, 7, first.length));
    }

    /** Any change to what the tag covers (header via the additional data, nonce, ciphertext, tag). */
    @Test
    void everyAlteredByteMakesTheRecordUnreadable() throws Exception {
        byte[] plaintext = bytes(40, 3);
        byte[] original = seal(a, plaintext);
        for (int i = 0; i < original.length; i++) {
            if (i == 11 || i == 12) {
                continue; // the length frames the record; the caller reads it before open()
            }
            a.startWriteSequenceAt(100 + i); // a fresh number each time, so the window is no reason
            byte[] record = seal(a, plaintext);
            record[i] ^= 0x20;
            assertNull(open(b, record, 0, record.length), "byte " + i + " altered");
        }
        assertArrayEquals(plaintext, open(b, original, 0, original.length), "failures left the window alone");
    }

    @Test
    void aReplayedRecordIsDiscarded() throws Exception {
        byte[] record = seal(a, bytes(30, 1));
        assertNotNull(open(b, record, 0, record.length));
        assertNull(open(b, record, 0, record.length));
    }

    /** The plaintext replaces the ciphertext where it was; the bytes around stay as they were. */
    @Test
    void openDecryptsInPlaceAndTouchesNothingElse() throws Exception {
        byte[] first = seal(a, bytes(10, 1));
        byte[] second = seal(a, bytes(20, 2));
        byte[] datagram = new byte[first.length + second.length];
        System.arraycopy(first, 0, datagram, 0, first.length);
        System.arraycopy(second, 0, datagram, first.length, second.length);
        assertEquals(20, b.open(datagram, first.length, second.length));
        assertArrayEquals(bytes(20, 2), Arrays.copyOfRange(datagram, first.length + 21, first.length + 41));
        assertArrayEquals(Arrays.copyOf(second, 21), Arrays.copyOfRange(datagram, first.length, first.length + 21),
                "header and explicit nonce untouched");
        assertArrayEquals(first, Arrays.copyOf(datagram, first.length), "the other record untouched");
        assertEquals(10, b.open(datagram, 0, first.length));
        assertArrayEquals(bytes(10, 1), Arrays.copyOfRange(datagram, 21, 31));
    }

    @Test
    void recordsTooShortForNonceAndTagAreDiscarded() throws Exception {
        byte[] record = seal(a, new byte[0]);
        assertNull(open(b, record, 0, record.length - 1));
    }

    @Test
    void theOtherDirectionsKeyDoesNotOpenARecord() throws Exception {
        byte[] record = seal(a, bytes(30, 1));
        assertNull(open(a, record, 0, record.length), "a reads with b's key, not its own");
    }

    /** A record BC sealed with its own number leaves under ours, same type and content. */
    @Test
    void resealMovesARecordToOurNextSequenceNumber() throws Exception {
        byte[] alert = {1, 0}; // close_notify
        byte[] bcRecord = new byte[alert.length + AeadRecordLayer.OVERHEAD];
        a.seal(ContentType.alert, ByteBuffer.wrap(alert), bcRecord, 0); // stands in for BC's, number 0
        a.startWriteSequenceAt(42);
        byte[] ours = a.reseal(bcRecord, 0, bcRecord.length);
        assertEquals(bcRecord.length, ours.length);
        assertEquals(ContentType.alert, ours[0]);
        assertEquals(0, sequenceNumber(bcRecord));
        assertEquals(42, sequenceNumber(ours));
        assertEquals(43, a.nextWriteSequenceNumber());
        assertArrayEquals(alert, open(b, ours, 0, ours.length));
    }

    @Test
    void sequenceNumbersNeverWrap() throws Exception {
        a.startWriteSequenceAt(AeadRecordLayer.MAX_SEQUENCE_NUMBER);
        byte[] last = seal(a, new byte[1]);
        assertEquals(AeadRecordLayer.MAX_SEQUENCE_NUMBER, sequenceNumber(last));
        assertThrows(AeadRecordLayer.SequenceExhaustedException.class, () -> seal(a, new byte[1]));
    }

    @Test
    void aes256KeysWorkToo() throws Exception {
        AeadRecordLayer x = layer(bytes(32, 1), SALT_A, bytes(32, 2), SALT_B);
        AeadRecordLayer y = layer(bytes(32, 2), SALT_B, bytes(32, 1), SALT_A);
        byte[] record = seal(x, bytes(500, 8));
        assertArrayEquals(bytes(500, 8), open(y, record, 0, record.length));
    }
}
