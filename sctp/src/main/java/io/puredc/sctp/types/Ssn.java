package io.puredc.sctp.types;

/**
 * A Stream Sequence Number (RFC 9260 §3.3.1), 16 bits (0–65535), compared with serial number
 * arithmetic ({@link SerialNumbers}).
 */
public record Ssn(int value) {
    public Ssn {
        if ((value & ~0xFFFF) != 0) {
            throw new IllegalArgumentException("SSN out of range: " + value);
        }
    }

    public static Ssn of(int value) {
        return new Ssn(value);
    }

    public Ssn next() {
        return new Ssn((value + 1) & 0xFFFF);
    }

    public boolean isBefore(Ssn other) {
        return SerialNumbers.lessThan16(value, other.value);
    }

    public boolean isAfter(Ssn other) {
        return SerialNumbers.greaterThan16(value, other.value);
    }
}
