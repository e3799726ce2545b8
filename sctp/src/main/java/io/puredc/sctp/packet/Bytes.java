package io.puredc.sctp.packet;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * An immutable byte string with value equality, so that chunks and parameters holding opaque
 * bytes (payloads, cookies, heartbeat info, unknown TLVs) can be plain records.
 */
public final class Bytes {
    public static final Bytes EMPTY = new Bytes(new byte[0]);

    private final byte[] data;

    private Bytes(byte[] data) {
        this.data = data;
    }

    /** A copy of {@code data}; later changes to the array do not show. */
    public static Bytes of(byte... data) {
        return data.length == 0 ? EMPTY : new Bytes(data.clone());
    }

    /**
     * Wraps {@code data} without copying: the caller hands the array over and must never change
     * it again. For the send path, whose fragment payloads are already owned copies.
     */
    public static Bytes adopt(byte[] data) {
        return data.length == 0 ? EMPTY : new Bytes(data);
    }

    public static Bytes copyOf(byte[] data, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, data.length);
        return length == 0 ? EMPTY : new Bytes(Arrays.copyOfRange(data, offset, offset + length));
    }

    public int length() {
        return data.length;
    }

    public boolean isEmpty() {
        return data.length == 0;
    }

    public byte get(int index) {
        return data[index];
    }

    public byte[] toByteArray() {
        return data.clone();
    }

    /**
     * The bytes themselves, not a copy: the caller must never change them. For the receive
     * path, which hands a DATA chunk's payload on to the application after the chunk is gone.
     */
    public byte[] sharedArray() {
        return data;
    }

    /** Writes into {@code out}; used by {@link ByteWriter} without copying the array. */
    void copyTo(byte[] out, int offset) {
        System.arraycopy(data, 0, out, offset, data.length);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Bytes other && Arrays.equals(data, other.data);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        // Payloads can be large: show the length and a bounded prefix.
        int shown = Math.min(data.length, 32);
        String hex = HexFormat.of().formatHex(data, 0, shown);
        return "Bytes[" + data.length + ": " + hex + (shown < data.length ? "…]" : "]");
    }
}
