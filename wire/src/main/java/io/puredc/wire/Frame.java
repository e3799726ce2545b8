package io.puredc.wire;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * One frame = one binary data-channel message (PROTOCOL.md §1). Frames are immutable
 * values; byte payloads are read-only views, never copies, so a decoded RANGE_DATA
 * shares the message's memory.
 *
 * <p>u32 fields ({@code streamId}, RANGE_END {@code status}) are {@code long}s in
 * 0..2^32−1; u64 fields hold raw bits (see {@link Wire}).
 */
public sealed interface Frame {

    /** The type byte on the wire. */
    int typeCode();

    /** The frame's stream_id (u32). */
    long streamId();

    /** The flags byte; only HELLO and RANGE_DATA define flags, other types encode 0. */
    default int flags() {
        return 0;
    }

    /** The number of payload bytes this frame encodes to. */
    int payloadSize();

    /** HELLO: the first frame once the channel opens, always on stream 0. */
    record Hello(int flags, long fileSize, String name, String mime, long durationMs) implements Frame {
        public Hello {
            Wire.requireU8("flags", flags);
            utf8Length("name", name, Wire.MAX_NAME_BYTES);
            utf8Length("mime", mime, Wire.MAX_MIME_BYTES);
        }

        public boolean transcoding() {
            return (flags & Wire.FLAG_TRANSCODING) != 0;
        }

        public boolean seekable() {
            return (flags & Wire.FLAG_SEEKABLE) != 0;
        }

        @Override
        public int typeCode() {
            return FrameType.HELLO.code();
        }

        @Override
        public long streamId() {
            return 0;
        }

        @Override
        public int payloadSize() {
            return 8 + 2 + utf8Length("name", name, Wire.MAX_NAME_BYTES)
                    + 2 + utf8Length("mime", mime, Wire.MAX_MIME_BYTES) + 8;
        }
    }

    /** RANGE_REQ: {@code length == 0} asks for everything to the end. */
    record RangeReq(long streamId, long offset, long length) implements Frame {
        public RangeReq {
            Wire.requireU32("streamId", streamId);
            if (streamId == 0) {
                throw new IllegalArgumentException("a RANGE_REQ stream_id must not be 0");
            }
        }

        @Override
        public int typeCode() {
            return FrameType.RANGE_REQ.code();
        }

        @Override
        public int payloadSize() {
            return 16;
        }
    }

    /** RANGE_DATA: up to {@link Wire#MAX_CHUNK_PAYLOAD} bytes of a request's answer. */
    record RangeData(long streamId, int flags, ByteBuffer payload) implements Frame {
        public RangeData {
            Wire.requireU32("streamId", streamId);
            Wire.requireU8("flags", flags);
            payload = readOnlyView("RANGE_DATA payload", payload, Wire.MAX_CHUNK_PAYLOAD);
        }

        public boolean lastChunk() {
            return (flags & Wire.FLAG_LAST_CHUNK) != 0;
        }

        @Override
        public int typeCode() {
            return FrameType.RANGE_DATA.code();
        }

        @Override
        public int payloadSize() {
            return payload.remaining();
        }
    }

    /** RANGE_END: the one final answer to a RANGE_REQ. {@code status} is a u32 code. */
    record RangeEnd(long streamId, long status) implements Frame {
        public RangeEnd {
            Wire.requireU32("streamId", streamId);
            Wire.requireU32("status", status);
        }

        public RangeEnd(long streamId, RangeStatus status) {
            this(streamId, status.code());
        }

        @Override
        public int typeCode() {
            return FrameType.RANGE_END.code();
        }

        @Override
        public int payloadSize() {
            return 4;
        }
    }

    /** CANCEL: stop the request at the next chunk boundary. */
    record Cancel(long streamId) implements Frame {
        public Cancel {
            Wire.requireU32("streamId", streamId);
        }

        @Override
        public int typeCode() {
            return FrameType.CANCEL.code();
        }

        @Override
        public int payloadSize() {
            return 0;
        }
    }

    /** PING: up to {@link Wire#MAX_PING_PAYLOAD} bytes, echoed in a PONG. */
    record Ping(long streamId, ByteBuffer payload) implements Frame {
        public Ping {
            Wire.requireU32("streamId", streamId);
            payload = readOnlyView("PING payload", payload, Wire.MAX_PING_PAYLOAD);
        }

        /** The PONG that answers this PING. */
        public Pong reply() {
            return new Pong(streamId, payload);
        }

        @Override
        public int typeCode() {
            return FrameType.PING.code();
        }

        @Override
        public int payloadSize() {
            return payload.remaining();
        }
    }

    /** PONG: the PING's stream_id and payload. */
    record Pong(long streamId, ByteBuffer payload) implements Frame {
        public Pong {
            Wire.requireU32("streamId", streamId);
            payload = readOnlyView("PONG payload", payload, Wire.MAX_PING_PAYLOAD);
        }

        @Override
        public int typeCode() {
            return FrameType.PONG.code();
        }

        @Override
        public int payloadSize() {
            return payload.remaining();
        }
    }

    /**
     * A well-formed frame of a type this version does not define. Receivers log it and
     * ignore it (PROTOCOL.md §1); it is kept whole so that it can be logged or relayed.
     */
    record Unknown(int typeCode, int flags, long streamId, ByteBuffer payload) implements Frame {
        public Unknown {
            Wire.requireU8("typeCode", typeCode);
            if (FrameType.fromCode(typeCode) != null) {
                throw new IllegalArgumentException("type " + typeCode + " is a known frame type");
            }
            Wire.requireU8("flags", flags);
            Wire.requireU32("streamId", streamId);
            payload = readOnlyView("payload", payload, Integer.MAX_VALUE - Wire.HEADER_SIZE);
        }

        @Override
        public int payloadSize() {
            return payload.remaining();
        }
    }

    private static ByteBuffer readOnlyView(String field, ByteBuffer payload, int max) {
        if (payload == null) {
            throw new IllegalArgumentException(field + " must not be null");
        }
        if (payload.remaining() > max) {
            throw new IllegalArgumentException(
                    field + " of " + payload.remaining() + " bytes exceeds " + max);
        }
        return payload.slice().asReadOnlyBuffer();
    }

    /** The strict UTF-8 length of {@code s}; refuses unpaired surrogates and oversize values. */
    private static int utf8Length(String field, String s, int max) {
        if (s == null) {
            throw new IllegalArgumentException(field + " must not be null");
        }
        int length;
        try {
            length = StandardCharsets.UTF_8.newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .encode(CharBuffer.wrap(s))
                    .remaining();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException(field + " is not valid Unicode (unpaired surrogate)", e);
        }
        if (length > max) {
            throw new IllegalArgumentException(field + " of " + length + " UTF-8 bytes exceeds " + max);
        }
        return length;
    }
}
