package io.puredc.sctp.packet;

import java.util.ArrayList;
import java.util.List;

/** Range checks and lists of 16-bit fields shared by the chunk, parameter and cause codecs. */
public final class Fields {
    private Fields() {}

    public static int checkU16(int value, String what) {
        if ((value & ~0xFFFF) != 0) {
            throw new IllegalArgumentException(what + " out of 0..65535: " + value);
        }
        return value;
    }

    public static int checkU8(int value, String what) {
        if ((value & ~0xFF) != 0) {
            throw new IllegalArgumentException(what + " out of 0..255: " + value);
        }
        return value;
    }

    /** An immutable copy of a list of 16-bit values, each range-checked. */
    public static List<Integer> u16List(List<Integer> values, String what) {
        List<Integer> copy = List.copyOf(values);
        for (int v : copy) {
            checkU16(v, what);
        }
        return copy;
    }

    /** Reads the rest of {@code r} as 16-bit values; the length must be even. */
    public static List<Integer> readU16List(ByteReader r, String what) throws ParseException {
        if (r.remaining() % 2 != 0) {
            throw new ParseException(what + ": odd length " + r.remaining() + " for a list of 16-bit values");
        }
        // Count derived from the checked length, never from a peer-declared number.
        List<Integer> out = new ArrayList<>(r.remaining() / 2);
        while (r.hasRemaining()) {
            out.add(r.u16());
        }
        return List.copyOf(out);
    }

    public static void writeU16List(List<Integer> values, ByteWriter out) {
        for (int v : values) {
            out.u16(v);
        }
    }
}
