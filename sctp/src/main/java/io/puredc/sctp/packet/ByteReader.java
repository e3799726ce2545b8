package io.puredc.sctp.packet;

import java.util.Arrays;
import java.util.Objects;

/**
 * A bounded, big-endian (network order, RFC 9260 §3) cursor over a region of a byte array.
 *
 * <p>Every read checks the bound and fails with {@link ParseException}, so codecs built on it can
 * never throw an index exception whatever the peer sent. Codecs with fixed layouts check the size
 * once up front ({@link #requireExactly}, {@link #requireAtLeast}) and then read field by field.
 */
public final class ByteReader {
    private final byte[] buf;
    private final int end;
    private int pos;

    private ByteReader(byte[] buf, int offset, int length) {
        this.buf = buf;
        this.pos = offset;
        this.end = offset + length;
    }

    public static ByteReader of(byte[] data) {
        return new ByteReader(data, 0, data.length);
    }

    public static ByteReader of(byte[] data, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, data.length);
        return new ByteReader(data, offset, length);
    }

    public int remaining() {
        return end - pos;
    }

    public boolean hasRemaining() {
        return pos < end;
    }

    /** Absolute position in the backing array (for diagnostics and checksum offsets). */
    public int position() {
        return pos;
    }

    public void requireAtLeast(int n, String what) throws ParseException {
        if (remaining() < n) {
            throw new ParseException(what + ": need at least " + n + " bytes, have " + remaining());
        }
    }

    public void requireExactly(int n, String what) throws ParseException {
        if (remaining() != n) {
            throw new ParseException(what + ": need exactly " + n + " bytes, have " + remaining());
        }
    }

    private void need(int n) throws ParseException {
        if (n < 0 || remaining() < n) {
            throw new ParseException("truncated: need " + n + " bytes, have " + remaining());
        }
    }

    public int u8() throws ParseException {
        need(1);
        return buf[pos++] & 0xFF;
    }

    public int u16() throws ParseException {
        need(2);
        int v = ((buf[pos] & 0xFF) << 8) | (buf[pos + 1] & 0xFF);
        pos += 2;
        return v;
    }

    /** A 32-bit field as a Java int; callers treat it as unsigned where the RFC says so. */
    public int u32() throws ParseException {
        need(4);
        int v = ((buf[pos] & 0xFF) << 24) | ((buf[pos + 1] & 0xFF) << 16)
                | ((buf[pos + 2] & 0xFF) << 8) | (buf[pos + 3] & 0xFF);
        pos += 4;
        return v;
    }

    /** A copy of the next {@code n} bytes. */
    public Bytes bytes(int n) throws ParseException {
        need(n);
        Bytes b = Bytes.copyOf(buf, pos, n);
        pos += n;
        return b;
    }

    /** A copy of the next {@code n} bytes as a plain array. */
    public byte[] byteArray(int n) throws ParseException {
        need(n);
        byte[] out = Arrays.copyOfRange(buf, pos, pos + n);
        pos += n;
        return out;
    }

    /** A copy of everything left. */
    public Bytes rest() {
        Bytes b = Bytes.copyOf(buf, pos, remaining());
        pos = end;
        return b;
    }

    /**
     * Everything left, as a view of the reader's array rather than a copy. Only for the bytes of
     * a packet the association owns (see {@code Association.handlePacket}): DATA payloads, so
     * that a payload byte is copied once on its way from the packet to the message.
     */
    public Bytes restShared() {
        Bytes b = Bytes.adopt(buf, pos, remaining());
        pos = end;
        return b;
    }

    /** A reader over the next {@code n} bytes (sharing the array); this reader moves past them. */
    public ByteReader slice(int n) throws ParseException {
        need(n);
        ByteReader r = new ByteReader(buf, pos, n);
        pos += n;
        return r;
    }

    /** An independent reader over what is left, leaving this one where it is. */
    public ByteReader duplicate() {
        return new ByteReader(buf, pos, remaining());
    }

    public void skip(int n) throws ParseException {
        need(n);
        pos += n;
    }

    /**
     * Skips the 0–3 padding bytes after a TLV of {@code tlvLength} bytes (RFC 9260 §3.2, §3.2.1).
     * Padding content is ignored as the RFC asks of receivers; padding missing at the very end of
     * the region is tolerated, because the last TLV's padding is not counted in its container's
     * length (§3.2) and robust receivers accept it either way.
     */
    public void skipPadding(int tlvLength) {
        int pad = Tlv.paddedLength(tlvLength) - tlvLength;
        pos += Math.min(pad, remaining());
    }

    public void expectEnd(String what) throws ParseException {
        if (hasRemaining()) {
            throw new ParseException(what + ": " + remaining() + " unexpected trailing bytes");
        }
    }
}
