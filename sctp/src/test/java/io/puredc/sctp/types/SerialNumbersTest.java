package io.puredc.sctp.types;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** RFC 1982 §3.1–§3.2 for SERIAL_BITS 32 (TSN) and 16 (SSN). */
class SerialNumbersTest {

    @Property
    void addingLessThanHalfTheSpaceMovesForward32(@ForAll int a,
                                                  @ForAll @IntRange(min = 1, max = Integer.MAX_VALUE) int n) {
        int b = SerialNumbers.add32(a, n);
        assertTrue(SerialNumbers.lessThan32(a, b));
        assertTrue(SerialNumbers.greaterThan32(b, a));
        assertFalse(SerialNumbers.lessThan32(b, a));
        assertTrue(new Tsn(a).isBefore(new Tsn(b)));
        assertTrue(new Tsn(b).isAfter(new Tsn(a)));
    }

    @Property
    void addingLessThanHalfTheSpaceMovesForward16(@ForAll @IntRange(max = 0xFFFF) int a,
                                                  @ForAll @IntRange(min = 1, max = 0x7FFF) int n) {
        int b = SerialNumbers.add16(a, n);
        assertTrue(SerialNumbers.lessThan16(a, b));
        assertTrue(SerialNumbers.greaterThan16(b, a));
        assertFalse(SerialNumbers.lessThan16(b, a));
        assertTrue(new Ssn(a).isBefore(new Ssn(b)));
    }

    @Property
    void aNumberIsNeitherLessNorGreaterThanItselfOrItsOpposite(@ForAll int a,
                                                               @ForAll @IntRange(max = 0xFFFF) int s) {
        assertFalse(SerialNumbers.lessThan32(a, a));
        assertFalse(SerialNumbers.greaterThan32(a, a));
        // Exactly half the space apart is undefined in RFC 1982 §3.2: neither order holds.
        int opposite = a + Integer.MIN_VALUE;
        assertFalse(SerialNumbers.lessThan32(a, opposite));
        assertFalse(SerialNumbers.greaterThan32(a, opposite));
        int opposite16 = (s + 0x8000) & 0xFFFF;
        assertFalse(SerialNumbers.lessThan16(s, opposite16));
        assertFalse(SerialNumbers.greaterThan16(s, opposite16));
        assertFalse(SerialNumbers.lessThan16(s, s));
    }

    @Property
    void atMostOneOrderHolds(@ForAll int a, @ForAll int b) {
        assertFalse(SerialNumbers.lessThan32(a, b) && SerialNumbers.greaterThan32(a, b));
        int a16 = a & 0xFFFF;
        int b16 = b & 0xFFFF;
        assertFalse(SerialNumbers.lessThan16(a16, b16) && SerialNumbers.greaterThan16(a16, b16));
    }

    @Example
    void wrapAroundExamples() {
        assertTrue(SerialNumbers.lessThan32(0xFFFF_FFFF, 0));
        assertTrue(SerialNumbers.lessThan32(0x7FFF_FFFF, 0x8000_0000));
        assertTrue(SerialNumbers.lessThan16(65535, 0));
        assertTrue(SerialNumbers.lessThan16(0, 32767));
        assertFalse(SerialNumbers.lessThan16(0, 32768));
        assertEquals(new Tsn(0), new Tsn(-1).next());
        assertEquals(new Ssn(0), new Ssn(65535).next());
        assertEquals(new Tsn(4), new Tsn(-6).plus(10));
        assertEquals("Tsn[4294967295]", new Tsn(-1).toString());
    }

    @Example
    void outOfRangeValuesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Ssn(65536));
        assertThrows(IllegalArgumentException.class, () -> new Ssn(-1));
        assertThrows(IllegalArgumentException.class, () -> SerialNumbers.add16(0, 0x8000));
        assertThrows(IllegalArgumentException.class, () -> SerialNumbers.add32(0, -1));
    }
}
