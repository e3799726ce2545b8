package io.puredc.sctp.types;

/**
 * A Transmission Sequence Number (RFC 9260 §3.3.1), 32 bits, compared with serial number
 * arithmetic ({@link SerialNumbers}). The int holds the unsigned value's bits.
 */
public record Tsn(int value) {
    public static Tsn of(int value) {
        return new Tsn(value);
    }

    public Tsn next() {
        return new Tsn(value + 1);
    }

    /** {@code this + n} modulo 2^32, for {@code 0 <= n < 2^31} (RFC 1982 §3.1). */
    public Tsn plus(int n) {
        return new Tsn(SerialNumbers.add32(value, n));
    }

    public boolean isBefore(Tsn other) {
        return SerialNumbers.lessThan32(value, other.value);
    }

    public boolean isAfter(Tsn other) {
        return SerialNumbers.greaterThan32(value, other.value);
    }

    public long unsigned() {
        return Integer.toUnsignedLong(value);
    }

    @Override
    public String toString() {
        return "Tsn[" + Integer.toUnsignedString(value) + "]";
    }
}
