package io.puredc.conformance.javapeer;

import java.nio.charset.StandardCharsets;

/** The byte and text patterns of PEER-PROTOCOL.md scenarios, identical to the outside peers' (scenarios.js). */
final class Pattern {
    private Pattern() {}

    /** Byte i of every pattern stream is (i * 31 + 7) & 0xff. */
    static byte at(long i) {
        return (byte) ((i * 31 + 7) & 0xff);
    }

    static byte[] bytes(long offset, int length) {
        byte[] b = new byte[length];
        for (int j = 0; j < length; j++) {
            b[j] = at(offset + j);
        }
        return b;
    }

    /** Index of the first byte (from {@code from}) that differs from the pattern at {@code offset}, or -1. */
    static int mismatch(byte[] data, long offset, int from) {
        for (int j = from; j < data.length; j++) {
            if (data[j] != at(offset + j)) {
                return j;
            }
        }
        return -1;
    }

    /** The printable ASCII string pattern of a string message of {@code length} characters. */
    static String text(int length) {
        StringBuilder unit = new StringBuilder();
        for (int i = 0; i < Math.min(length, 95); i++) {
            unit.append((char) (32 + ((i * 7 + 3) % 95)));
        }
        StringBuilder s = new StringBuilder(length);
        while (s.length() + unit.length() <= length && unit.length() > 0) {
            s.append(unit);
        }
        s.append(unit, 0, length - s.length());
        return s.toString();
    }

    /** Message k of the counted scenarios: the pattern at k*msg with a 4-byte big-endian index in front. */
    static byte[] indexed(int k, int msg) {
        byte[] m = bytes((long) k * msg, msg);
        m[0] = (byte) (k >>> 24);
        m[1] = (byte) (k >>> 16);
        m[2] = (byte) (k >>> 8);
        m[3] = (byte) k;
        return m;
    }

    static int index(byte[] m) {
        return (m[0] & 0xff) << 24 | (m[1] & 0xff) << 16 | (m[2] & 0xff) << 8 | (m[3] & 0xff);
    }

    static String describe(boolean binary, byte[] data) {
        return (binary ? "binary(" : "string(") + (binary ? data.length : new String(data, StandardCharsets.UTF_8).length())
                + ")";
    }
}
