package io.puredc.sctp.packet;

import static io.puredc.sctp.packet.Hex.bytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class ByteReaderWriterTest {

    @Property
    void fieldsRoundTripBigEndian(@ForAll @IntRange(max = 255) int a, @ForAll @IntRange(max = 65535) int b,
                                  @ForAll int c) throws ParseException {
        ByteWriter w = new ByteWriter(7);
        w.u8(a).u16(b).u32(c);
        byte[] out = w.toByteArray();
        assertEquals((byte) (b >>> 8), out[1], "network byte order");
        ByteReader r = ByteReader.of(out);
        assertEquals(a, r.u8());
        assertEquals(b, r.u16());
        assertEquals(c, r.u32());
        r.expectEnd("fields");
    }

    @Example
    void readsPastTheRegionThrowParseExceptionNotIndexErrors() throws ParseException {
        ByteReader r = ByteReader.of(bytes("00 01 02 03 04 05"), 1, 3);
        assertEquals(0x0102, r.u16());
        assertThrows(ParseException.class, r::u16);
        assertThrows(ParseException.class, r::u32);
        assertThrows(ParseException.class, () -> r.bytes(2));
        assertThrows(ParseException.class, () -> r.bytes(-1));
        assertThrows(ParseException.class, () -> r.slice(2));
        assertEquals(3, r.u8());
        assertThrows(ParseException.class, r::u8);
    }

    @Example
    void slicesAndDuplicatesAreIndependentViews() throws ParseException {
        ByteReader r = ByteReader.of(bytes("0a 0b 0c 0d"));
        ByteReader s = r.slice(2);
        ByteReader d = r.duplicate();
        assertEquals(0x0c0d, r.u16());
        assertEquals(0x0a0b, s.u16());
        assertEquals(0x0c, d.u8());
        assertThrows(ParseException.class, s::u8);
    }

    @Example
    void paddingMissingAtTheEndIsTolerated_rfc9260_3_2() throws ParseException {
        // A 5-byte TLV followed by only 2 of its 3 padding bytes, then nothing.
        List<RawTlv> tlvs = RawTlv.splitAll(ByteReader.of(bytes("00 07 00 05 aa 00 00")));
        assertEquals(1, tlvs.size());
        assertEquals(1, tlvs.get(0).valueLength());
        // But a following TLV must start on its 4-byte boundary.
        assertThrows(ParseException.class, () -> RawTlv.splitAll(ByteReader.of(
                bytes("00 07 00 05 aa 00 00 00 07 00 04"))));
    }

    @Example
    void writerRefusesValuesOutsideTheFieldRange() {
        ByteWriter w = new ByteWriter(8);
        assertThrows(IllegalArgumentException.class, () -> w.u8(256));
        assertThrows(IllegalArgumentException.class, () -> w.u8(-1));
        assertThrows(IllegalArgumentException.class, () -> w.u16(65536));
        assertEquals(0, w.position());
    }

    @Example
    void anEncoderThatWritesOtherThanItAnnouncedIsCaught() {
        SerializableTlv liar = new SerializableTlv() {
            @Override
            public int valueSize() {
                return 2;
            }

            @Override
            public void writeValueTo(ByteWriter out) {
                out.u8(1);
            }
        };
        assertThrows(IllegalStateException.class, () -> Tlv.writeTlv16(1, liar, new ByteWriter(8)));
    }

    @Example
    void bytesAreValuesAndDefensivelyCopied() {
        byte[] source = {1, 2, 3};
        Bytes b = Bytes.of(source);
        source[0] = 9;
        assertEquals(Bytes.of(new byte[] {1, 2, 3}), b);
        b.toByteArray()[1] = 9;
        assertArrayEquals(new byte[] {1, 2, 3}, b.toByteArray());
        assertEquals(Bytes.EMPTY, Bytes.copyOf(source, 1, 0));
        assertEquals("Bytes[3: 010203]", b.toString());
    }

    @Property
    void aViewOfARangeIsEqualToACopyOfIt(@ForAll byte[] data, @ForAll @IntRange(max = 64) int before,
                                         @ForAll @IntRange(max = 64) int after) throws ParseException {
        byte[] framed = new byte[before + data.length + after];
        java.util.Arrays.fill(framed, (byte) 0x5A);
        System.arraycopy(data, 0, framed, before, data.length);
        ByteReader r = ByteReader.of(framed, before, data.length);
        Bytes view = r.restShared();
        assertEquals(0, r.remaining());
        assertEquals(Bytes.of(data), view);
        assertEquals(Bytes.of(data).hashCode(), view.hashCode());
        assertArrayEquals(data, view.toByteArray());
        assertEquals(Bytes.of(data), view.compact());
        byte[] out = new byte[data.length + 2];
        view.copyTo(out, 1);
        assertArrayEquals(data, java.util.Arrays.copyOfRange(out, 1, 1 + data.length));
        if (data.length > 0) {
            assertEquals(data[data.length - 1], view.get(data.length - 1));
        }
    }

    @Example
    void aViewIsNotACopy() {
        byte[] packet = {9, 9, 1, 2, 3, 9};
        Bytes view = Bytes.adopt(packet, 2, 3);
        packet[3] = 7; // what the ownership rule forbids callers, shown here to prove no copy was made
        assertEquals(Bytes.of(new byte[] {1, 7, 3}), view);
        assertThrows(IndexOutOfBoundsException.class, () -> view.get(3));
    }
}
