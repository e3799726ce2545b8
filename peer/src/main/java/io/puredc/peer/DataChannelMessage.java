package io.puredc.peer;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** One received message: binary (W3C ArrayBuffer) or text (W3C string), possibly empty. */
public record DataChannelMessage(boolean binary, byte[] data) {
    public String text() {
        return new String(data, StandardCharsets.UTF_8);
    }

    public ByteBuffer buffer() {
        return ByteBuffer.wrap(data).asReadOnlyBuffer();
    }
}
