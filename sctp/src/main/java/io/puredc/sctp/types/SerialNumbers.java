package io.puredc.sctp.types;

/**
 * Serial number arithmetic (RFC 1982 §3.1–§3.2) for the 32-bit TSN and the 16-bit SSN, which
 * RFC 9260 §1.6 prescribes for comparing and advancing them.
 *
 * <p>The order is partial: two numbers exactly half the space apart are neither less nor greater
 * than each other (RFC 1982 §3.2 leaves it undefined), so there is no {@code compare} here.
 */
public final class SerialNumbers {
    private SerialNumbers() {}

    /** RFC 1982 with SERIAL_BITS = 32: {@code a < b}. */
    public static boolean lessThan32(int a, int b) {
        // The signed difference is in (-2^31, 0) exactly when b is ahead of a by less than 2^31.
        int d = b - a;
        return d > 0;
    }

    /** RFC 1982 with SERIAL_BITS = 32: {@code a > b}. */
    public static boolean greaterThan32(int a, int b) {
        return lessThan32(b, a);
    }

    /** RFC 1982 with SERIAL_BITS = 16: {@code a < b}; arguments are 0–65535. */
    public static boolean lessThan16(int a, int b) {
        int d = (b - a) & 0xFFFF;
        return d != 0 && d < 0x8000;
    }

    /** RFC 1982 with SERIAL_BITS = 16: {@code a > b}. */
    public static boolean greaterThan16(int a, int b) {
        return lessThan16(b, a);
    }

    /** RFC 1982 §3.1 addition, defined for {@code 0 <= n <= 2^31 - 1}. */
    public static int add32(int a, int n) {
        if (n < 0) {
            throw new IllegalArgumentException("serial addition is defined for 0 <= n < 2^31: " + n);
        }
        return a + n;
    }

    /** RFC 1982 §3.1 addition, defined for {@code 0 <= n <= 2^15 - 1}. */
    public static int add16(int a, int n) {
        if (n < 0 || n > 0x7FFF) {
            throw new IllegalArgumentException("serial addition is defined for 0 <= n < 2^15: " + n);
        }
        return (a + n) & 0xFFFF;
    }
}
