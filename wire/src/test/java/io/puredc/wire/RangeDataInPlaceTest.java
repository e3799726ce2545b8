package io.puredc.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/** The hot path: a RANGE_DATA frame built around bytes read straight into the message buffer. */
class RangeDataInPlaceTest {

    @Test
    void inPlaceFrameEqualsTheEncodedOne() throws Exception {
        byte[] file = new byte[Wire.MAX_CHUNK_PAYLOAD];
        for (int i = 0; i < file.length; i++) {
            file[i] = (byte) (i * 31 + 7);
        }
        ByteBuffer out = ByteBuffer.allocateDirect(Wire.MAX_FRAME_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        int start = FrameCodec.beginRangeData(out, 0xFFFF_FFFEL);
        assertEquals(Wire.HEADER_SIZE, out.position());
        out.put(file); // stands in for FileChannel.read(out, position)
        FrameCodec.endRangeData(out, start, Wire.FLAG_LAST_CHUNK);
        out.flip();

        assertEquals(FrameCodec.encode(new Frame.RangeData(0xFFFF_FFFEL, Wire.FLAG_LAST_CHUNK, ByteBuffer.wrap(file))),
                out);
        Frame.RangeData decoded = (Frame.RangeData) FrameCodec.decode(out);
        assertEquals(ByteBuffer.wrap(file), decoded.payload());
        assertEquals(true, decoded.lastChunk());
        assertEquals(ByteOrder.LITTLE_ENDIAN, out.order(), "the caller's byte order is left as it was");
    }

    @Test
    void framesCanFollowEachOtherInOneBuffer() throws Exception {
        ByteBuffer out = ByteBuffer.allocate(64);
        out.put((byte) 0x55);
        int start = FrameCodec.beginRangeData(out, 9);
        out.put(new byte[] {1, 2, 3});
        FrameCodec.endRangeData(out, start, 0);
        assertEquals(1 + Wire.HEADER_SIZE + 3, out.position());
        Frame f = FrameCodec.decode(out.flip().position(start));
        assertEquals(new Frame.RangeData(9, 0, ByteBuffer.wrap(new byte[] {1, 2, 3})), f);
    }

    @Test
    void oversizePayloadIsRefused() {
        ByteBuffer out = ByteBuffer.allocate(Wire.MAX_FRAME_SIZE + 1);
        int start = FrameCodec.beginRangeData(out, 1);
        out.put(new byte[Wire.MAX_CHUNK_PAYLOAD + 1]);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> FrameCodec.endRangeData(out, start, 0));
        assertEquals("RANGE_DATA payload of 16385 bytes is outside 0..16384", e.getMessage());
    }

    @Test
    void encodingIntoATooSmallBufferWritesNothing() {
        ByteBuffer out = ByteBuffer.allocate(Wire.HEADER_SIZE + 1);
        Frame f = new Frame.RangeEnd(1, RangeStatus.OK);
        assertThrows(BufferOverflowException.class, () -> FrameCodec.encode(f, out));
        assertEquals(0, out.position());
        assertThrows(BufferOverflowException.class, () -> FrameCodec.beginRangeData(ByteBuffer.allocate(11), 1));
    }

    @Test
    void invalidFieldsAreRefusedWhenBuildingFrames() {
        assertThrows(IllegalArgumentException.class, () -> new Frame.RangeReq(0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new Frame.Cancel(1L << 32));
        assertThrows(IllegalArgumentException.class, () -> new Frame.Hello(0, 0, "a".repeat(1025), "", 0));
        assertThrows(IllegalArgumentException.class, () -> new Frame.Hello(0, 0, "\uD800", "", 0));
        assertThrows(IllegalArgumentException.class, () -> new Frame.Ping(1, ByteBuffer.allocate(65)));
        assertThrows(IllegalArgumentException.class, () -> new Frame.Unknown(1, 0, 0, ByteBuffer.allocate(0)));
        assertEquals(RangeStatus.CANCELLED, RangeStatus.fromCode(4).orElseThrow());
        assertEquals(true, RangeStatus.fromCode(5).isEmpty());
    }
}
