package io.puredc.sctp.packet;

import java.util.List;
import java.util.function.ToIntFunction;

/**
 * Length and padding rules shared by chunks (RFC 9260 §3.2), parameters (§3.2.1) and error causes
 * (§3.3.10), kept in one place so no codec repeats them.
 */
public final class Tlv {
    public static final int HEADER_SIZE = 4;
    /** The length fields are 16 bits and count the 4-byte header. */
    public static final int MAX_LENGTH = 0xFFFF;
    public static final int MAX_VALUE_SIZE = MAX_LENGTH - HEADER_SIZE;

    private Tlv() {}

    /** Every TLV is padded with zeros to a multiple of 4 bytes (§3.2). */
    public static int paddedLength(int length) {
        return (length + 3) & ~3;
    }

    /** Rejects values whose length would not fit the 16-bit length field. */
    public static int checkValueSize(int valueSize, String what) {
        if (valueSize < 0 || valueSize > MAX_VALUE_SIZE) {
            throw new IllegalArgumentException(what + " too large for a TLV: " + valueSize + " bytes");
        }
        return valueSize;
    }

    /** As {@link #checkValueSize}, building the message only on failure (encoders' hot path). */
    public static int checkValueSizeOfType(int valueSize, int type) {
        if (valueSize < 0 || valueSize > MAX_VALUE_SIZE) {
            throw new IllegalArgumentException("value of type " + type + " too large for a TLV: "
                    + valueSize + " bytes");
        }
        return valueSize;
    }

    /** Writes a TLV with a 16-bit type (parameters, causes): header, value, padding. */
    public static void writeTlv16(int type, SerializableTlv tlv, ByteWriter out) {
        int length = writeTlv16Unpadded(type, tlv, out);
        out.zeros(paddedLength(length) - length);
    }

    private static int writeTlv16Unpadded(int type, SerializableTlv tlv, ByteWriter out) {
        int length = HEADER_SIZE + checkValueSizeOfType(tlv.valueSize(), type);
        out.u16(type).u16(length);
        writeValue(tlv, out);
        return length;
    }

    /** Writes the value and checks it wrote the size it announced (an encoder bug otherwise). */
    public static void writeValue(SerializableTlv tlv, ByteWriter out) {
        int start = out.position();
        tlv.writeValueTo(out);
        int written = out.position() - start;
        if (written != tlv.valueSize()) {
            throw new IllegalStateException(tlv.getClass().getSimpleName() + " announced "
                    + tlv.valueSize() + " bytes and wrote " + written);
        }
    }

    /**
     * Size of TLVs written back to back: each padded except the last, whose padding belongs to
     * the container (RFC 9260 §3.2: a chunk's length includes the padding of every parameter but
     * the last).
     */
    public static int listSize(List<? extends SerializableTlv> tlvs) {
        int size = 0;
        for (int i = 0; i < tlvs.size(); i++) {
            int length = HEADER_SIZE + tlvs.get(i).valueSize();
            size += i == tlvs.size() - 1 ? length : paddedLength(length);
        }
        return size;
    }

    /** Writes exactly what {@link #listSize} counts: 16-bit-type TLVs, padded between. */
    public static <T extends SerializableTlv> void writeList16(List<T> tlvs, ToIntFunction<T> typeOf,
                                                               ByteWriter out) {
        for (int i = 0; i < tlvs.size(); i++) {
            T tlv = tlvs.get(i);
            int length = writeTlv16Unpadded(typeOf.applyAsInt(tlv), tlv, out);
            if (i < tlvs.size() - 1) {
                out.zeros(paddedLength(length) - length);
            }
        }
    }
}
