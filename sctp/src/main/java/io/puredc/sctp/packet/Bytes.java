package io.puredc.sctp.packet;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * An immutable byte string with value equality, so that chunks and parameters holding opaque
 * bytes (payloads, cookies, heartbeat info, unknown TLVs) can be plain records.
 *
 * <p>It is a view of a range of an array. Most instances own their array ({@link #of},
 * {@link #copyOf}); two kinds share one that someone else promised never to change again, to
 * spare the copy of every payload byte on the data path: {@link #adopt(byte[], int, int)} on
 * the send path (a fragment is a range of its message's array, which the {@code Message}
 * owns), and the DATA payloads {@link ByteReader#restShared()} hands out on the receive path
 * (ranges of a received packet, which the association owns once handed in).
 */
public final class Bytes {
    public static final Bytes EMPTY = new Bytes(new byte[0], 0, 0);

    private final byte[] data;
    private final int offset;
    private final int length;

    private Bytes(byte[] data, int offset, int length) {
        this.data = data;
        this.offset = offset;
        this.length = length;
    }

    /** A copy of {@code data}; later changes to the array do not show. */
    public static Bytes of(byte... data) {
        return data.length == 0 ? EMPTY : new Bytes(data.clone(), 0, data.length);
    }

    /**
     * Wraps {@code data} without copying: the caller hands the array over and must never change
     * it again.
     */
    public static Bytes adopt(byte[] data) {
        return adopt(data, 0, data.length);
    }

    /**
     * Wraps a range of {@code data} without copying; nobody may change the range again. The send
     * path cuts fragments this way out of a message's array, and the receive path takes DATA
     * payloads this way out of a received packet.
     */
    public static Bytes adopt(byte[] data, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, data.length);
        return length == 0 ? EMPTY : new Bytes(data, offset, length);
    }

    public static Bytes copyOf(byte[] data, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, data.length);
        return length == 0 ? EMPTY : new Bytes(Arrays.copyOfRange(data, offset, offset + length), 0, length);
    }

    public int length() {
        return length;
    }

    public boolean isEmpty() {
        return length == 0;
    }

    public byte get(int index) {
        Objects.checkIndex(index, length);
        return data[offset + index];
    }

    /** A fresh array with the bytes: the one copy the receive path makes of a single-fragment message. */
    public byte[] toByteArray() {
        return Arrays.copyOfRange(data, offset, offset + length);
    }

    /**
     * Whether these bytes are a small part of a much larger array, which holding them would keep
     * alive: a DATA payload sliced out of a packet that carried mostly other things. Whoever
     * holds such bytes for long should hold a {@link #compact} copy instead.
     */
    public boolean pinsMuchMore() {
        return (long) length * 4 < data.length;
    }

    /** These bytes in an array of their own (this same instance when they already are). */
    public Bytes compact() {
        return offset == 0 && length == data.length ? this : new Bytes(toByteArray(), 0, length);
    }

    /** Copies the bytes into {@code out} at {@code at}: the join of a message's fragments. */
    public void copyTo(byte[] out, int at) {
        System.arraycopy(data, offset, out, at, length);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Bytes other
                && Arrays.equals(data, offset, offset + length, other.data, other.offset, other.offset + other.length);
    }

    @Override
    public int hashCode() {
        int h = 1;
        for (int k = offset; k < offset + length; k++) {
            h = 31 * h + data[k];
        }
        return h;
    }

    @Override
    public String toString() {
        // Payloads can be large: show the length and a bounded prefix.
        int shown = Math.min(length, 32);
        String hex = HexFormat.of().formatHex(data, offset, offset + shown);
        return "Bytes[" + length + ": " + hex + (shown < length ? "…]" : "]");
    }
}
