package io.puredc.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** Each malformation PROTOCOL.md §1 names is refused with a message that says what was wrong. */
class MalformedFramesTest {

    private static String refusal(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return assertThrows(FrameFormatException.class, () -> FrameCodec.decode(ByteBuffer.wrap(b))).getMessage();
    }

    private static String refusal(ByteBuffer b) {
        return assertThrows(FrameFormatException.class, () -> FrameCodec.decode(b)).getMessage();
    }

    private static ByteBuffer frame(int type, long streamId, int payloadLength) {
        ByteBuffer b = ByteBuffer.allocate(Wire.HEADER_SIZE + payloadLength);
        b.put((byte) 1).put((byte) type).put((byte) 0).put((byte) 0).putInt((int) streamId).putInt(payloadLength);
        return b.clear();
    }

    @Test
    void shorterThanHeader() {
        assertEquals("frame of 11 bytes is shorter than the 12-byte header",
                refusal(1, 5, 0, 0, 0, 0, 0, 1, 0, 0, 0));
        assertEquals("frame of 0 bytes is shorter than the 12-byte header", refusal());
    }

    @Test
    void wrongVersion() {
        assertEquals("unsupported frame version 2 (expected 1)",
                refusal(2, 5, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0));
    }

    @Test
    void lengthDiffersFromWhatFollows() {
        assertEquals("length field says 4 payload bytes but 3 follow",
                refusal(1, 4, 0, 0, 0, 0, 0, 1, 0, 0, 0, 4, 0, 0, 0));
        assertEquals("length field says 4294967295 payload bytes but 0 follow",
                refusal(1, 5, 0, 0, 0, 0, 0, 1, 0xFF, 0xFF, 0xFF, 0xFF));
    }

    @Test
    void rangeDataOverMaxChunkPayload() {
        assertEquals("RANGE_DATA payload of 16385 bytes exceeds MAX_CHUNK_PAYLOAD 16384",
                refusal(frame(3, 1, Wire.MAX_CHUNK_PAYLOAD + 1)));
    }

    @Test
    void helloNameOver1024Bytes() {
        ByteBuffer b = frame(1, 0, 8 + 2 + 1025 + 2 + 8);
        b.putShort(Wire.HEADER_SIZE + 8, (short) 1025);
        assertEquals("HELLO name of 1025 bytes exceeds 1024", refusal(b));
    }

    @Test
    void helloMimeOver255Bytes() {
        ByteBuffer b = frame(1, 0, 8 + 2 + 2 + 256 + 8);
        b.putShort(Wire.HEADER_SIZE + 10, (short) 256);
        assertEquals("HELLO mime of 256 bytes exceeds 255", refusal(b));
    }

    @Test
    void helloTruncatedOrPadded() {
        assertEquals("HELLO payload ends inside duration_ms", refusal(frame(1, 0, 8 + 2 + 2 + 7)));
        assertEquals("HELLO has 1 trailing bytes", refusal(frame(1, 0, 8 + 2 + 2 + 8 + 1)));
        ByteBuffer nameTooLong = frame(1, 0, 8 + 2 + 3);
        nameTooLong.putShort(Wire.HEADER_SIZE + 8, (short) 4);
        assertEquals("HELLO payload ends inside name", refusal(nameTooLong));
    }

    @Test
    void helloNameNotUtf8() {
        ByteBuffer b = frame(1, 0, 8 + 2 + 1 + 2 + 8);
        b.putShort(Wire.HEADER_SIZE + 8, (short) 1).put(Wire.HEADER_SIZE + 10, (byte) 0xC3);
        assertEquals("HELLO name is not valid UTF-8", refusal(b));
    }

    @Test
    void helloOnNonZeroStream() {
        assertEquals("HELLO stream_id must be 0, got 3", refusal(frame(1, 3, 20)));
    }

    @Test
    void fixedSizePayloadsOfTheWrongSize() {
        assertEquals("RANGE_REQ payload must be 16 bytes, got 15", refusal(frame(2, 1, 15)));
        assertEquals("RANGE_END payload must be 4 bytes, got 5", refusal(frame(4, 1, 5)));
        assertEquals("CANCEL payload must be 0 bytes, got 1", refusal(frame(5, 1, 1)));
    }

    @Test
    void rangeReqOnStreamZero() {
        assertEquals("RANGE_REQ stream_id must not be 0", refusal(frame(2, 0, 16)));
    }

    @Test
    void pingAndPongOver64Bytes() {
        assertEquals("PING payload of 65 bytes exceeds 64", refusal(frame(6, 1, 65)));
        assertEquals("PONG payload of 65 bytes exceeds 64", refusal(frame(7, 1, 65)));
    }

    @Test
    void decodingLeavesTheCallersBufferAlone() throws Exception {
        ByteBuffer b = frame(5, 1, 0);
        b.position(0);
        FrameCodec.decode(b);
        assertEquals(0, b.position());
        assertEquals(Wire.HEADER_SIZE, b.limit());
    }
}
