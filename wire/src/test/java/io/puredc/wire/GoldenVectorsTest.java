package io.puredc.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/**
 * Hand-written bytes per frame type, so the layout of PROTOCOL.md §1 is pinned
 * independently of the encoder: each vector must decode to the expected frame and the
 * expected frame must encode to exactly these bytes.
 */
class GoldenVectorsTest {

    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    private static void assertGolden(byte[] wire, Frame expected) throws FrameFormatException {
        assertEquals(expected, FrameCodec.decode(ByteBuffer.wrap(wire)));
        ByteBuffer encoded = FrameCodec.encode(expected);
        byte[] out = new byte[encoded.remaining()];
        encoded.get(out);
        assertArrayEquals(wire, out);
    }

    @Test
    void hello() throws Exception {
        byte[] wire = bytes(
                0x01, 0x01, 0x03, 0x00, // version 1, HELLO, TRANSCODING|SEEKABLE, reserved
                0x00, 0x00, 0x00, 0x00, // stream_id 0
                0x00, 0x00, 0x00, 0x1D, // length 29
                0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, // file_size 2^32
                0x00, 0x05, 'a', '.', 'm', 'k', 'v', // name "a.mkv"
                0x00, 0x04, 't', 'e', 'x', 't', // mime "text"
                0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03, (byte) 0xE8); // duration 1000 ms
        assertGolden(wire, new Frame.Hello(
                Wire.FLAG_TRANSCODING | Wire.FLAG_SEEKABLE, 1L << 32, "a.mkv", "text", 1000));
    }

    @Test
    void helloWithMultiByteNameAndEmptyMime() throws Exception {
        byte[] wire = bytes(
                0x01, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x18,
                (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF,
                0x00, 0x04, 0xC3, 0xA9, 0xC3, 0xA9, // "éé"
                0x00, 0x00, // empty mime
                0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00);
        assertGolden(wire, new Frame.Hello(0, -1L, "éé", "", 0));
    }

    @Test
    void rangeReq() throws Exception {
        byte[] wire = bytes(
                0x01, 0x02, 0x00, 0x00,
                0x00, 0x00, 0x00, 0x07, // request 7
                0x00, 0x00, 0x00, 0x10,
                0x00, 0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x00, // offset 1 MiB
                0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00); // length 0 = to the end
        assertGolden(wire, new Frame.RangeReq(7, 1 << 20, 0));
    }

    @Test
    void rangeReqWithOffsetAboveSignedRange() throws Exception {
        byte[] wire = bytes(
                0x01, 0x02, 0x00, 0x00, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x00, 0x00, 0x00, 0x10,
                0x80, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
                0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x40, 0x00);
        assertGolden(wire, new Frame.RangeReq(0xFFFF_FFFFL, Long.MIN_VALUE, 16384));
    }

    @Test
    void rangeData() throws Exception {
        byte[] wire = bytes(
                0x01, 0x03, 0x01, 0x00, // RANGE_DATA, LAST_CHUNK
                0x00, 0x00, 0x01, 0x00, // request 256
                0x00, 0x00, 0x00, 0x03,
                0xDE, 0xAD, 0xBE);
        assertGolden(wire, new Frame.RangeData(256, Wire.FLAG_LAST_CHUNK, ByteBuffer.wrap(bytes(0xDE, 0xAD, 0xBE))));
    }

    @Test
    void rangeEnd() throws Exception {
        byte[] wire = bytes(
                0x01, 0x04, 0x00, 0x00, 0x00, 0x00, 0x00, 0x09, 0x00, 0x00, 0x00, 0x04,
                0x00, 0x00, 0x00, 0x02); // OUT_OF_RANGE
        assertGolden(wire, new Frame.RangeEnd(9, RangeStatus.OUT_OF_RANGE));
    }

    @Test
    void cancel() throws Exception {
        byte[] wire = bytes(0x01, 0x05, 0x00, 0x00, 0x12, 0x34, 0x56, 0x78, 0x00, 0x00, 0x00, 0x00);
        assertGolden(wire, new Frame.Cancel(0x12345678L));
    }

    @Test
    void ping() throws Exception {
        byte[] wire = bytes(0x01, 0x06, 0x00, 0x00, 0x00, 0x00, 0x00, 0x2A, 0x00, 0x00, 0x00, 0x02, 'h', 'i');
        assertGolden(wire, new Frame.Ping(42, ByteBuffer.wrap(bytes('h', 'i'))));
    }

    @Test
    void pong() throws Exception {
        byte[] wire = bytes(0x01, 0x07, 0x00, 0x00, 0x00, 0x00, 0x00, 0x2A, 0x00, 0x00, 0x00, 0x02, 'h', 'i');
        assertGolden(wire, new Frame.Pong(42, ByteBuffer.wrap(bytes('h', 'i'))));
    }

    @Test
    void unknownTypeIsKeptWhole() throws Exception {
        byte[] wire = bytes(0x01, 0x7F, 0x05, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x00);
        assertGolden(wire, new Frame.Unknown(0x7F, 5, 1, ByteBuffer.wrap(bytes(0x00))));
    }

    @Test
    void reservedByteIsIgnoredOnReceive() throws Exception {
        byte[] wire = bytes(0x01, 0x05, 0x00, 0xAB, 0x00, 0x00, 0x00, 0x03, 0x00, 0x00, 0x00, 0x00);
        assertEquals(new Frame.Cancel(3), FrameCodec.decode(ByteBuffer.wrap(wire)));
    }
}
