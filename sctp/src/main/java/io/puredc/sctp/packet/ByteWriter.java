package io.puredc.sctp.packet;

import java.util.Arrays;

/**
 * A big-endian writer into a pre-sized array: encoders compute their size first
 * ({@code valueSize()}), allocate once, then write (the dcSCTP "size, then serialize" shape).
 *
 * <p>Values out of a field's range are programming errors and throw
 * {@link IllegalArgumentException}; writing past the capacity throws
 * {@link IndexOutOfBoundsException}.
 */
public final class ByteWriter {
    private final byte[] buf;
    private int pos;

    public ByteWriter(int capacity) {
        this.buf = new byte[capacity];
    }

    public int position() {
        return pos;
    }

    public int capacity() {
        return buf.length;
    }

    public ByteWriter u8(int v) {
        if ((v & ~0xFF) != 0) {
            throw new IllegalArgumentException("u8 out of range: " + v);
        }
        buf[pos++] = (byte) v;
        return this;
    }

    public ByteWriter u16(int v) {
        if ((v & ~0xFFFF) != 0) {
            throw new IllegalArgumentException("u16 out of range: " + v);
        }
        putU16At(pos, v);
        pos += 2;
        return this;
    }

    public ByteWriter u32(int v) {
        putU32At(pos, v);
        pos += 4;
        return this;
    }

    public ByteWriter bytes(Bytes b) {
        b.copyTo(buf, pos);
        pos += b.length();
        return this;
    }

    public ByteWriter bytes(byte[] b) {
        System.arraycopy(b, 0, buf, pos, b.length);
        pos += b.length;
        return this;
    }

    public ByteWriter zeros(int n) {
        Arrays.fill(buf, pos, pos + n, (byte) 0);
        pos += n;
        return this;
    }

    void putU16At(int at, int v) {
        buf[at] = (byte) (v >>> 8);
        buf[at + 1] = (byte) v;
    }

    void putU32At(int at, int v) {
        buf[at] = (byte) (v >>> 24);
        buf[at + 1] = (byte) (v >>> 16);
        buf[at + 2] = (byte) (v >>> 8);
        buf[at + 3] = (byte) v;
    }

    /** The backing array (for checksumming in place). */
    byte[] array() {
        return buf;
    }

    /** A copy of what has been written so far. */
    public byte[] toByteArray() {
        return Arrays.copyOf(buf, pos);
    }
}
