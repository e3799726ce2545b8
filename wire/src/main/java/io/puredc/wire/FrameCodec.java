package io.puredc.wire;

import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Encodes and decodes the frames of PROTOCOL.md §1. Stateless and thread-safe.
 *
 * <p>Decoding validates everything the protocol calls malformed and throws
 * {@link FrameFormatException} — and nothing else — for any input. Encoding writes
 * into the caller's buffer; RANGE_DATA, the hot path, can be built in place with
 * {@link #beginRangeData} / {@link #endRangeData} so that file bytes are read straight
 * into the outgoing message, header and payload written once.
 */
public final class FrameCodec {

    private static final int OFF_VERSION = 0;
    private static final int OFF_TYPE = 1;
    private static final int OFF_FLAGS = 2;
    private static final int OFF_STREAM_ID = 4;
    private static final int OFF_LENGTH = 8;

    private FrameCodec() {}

    // ---------------------------------------------------------------- decoding

    /**
     * Decodes one whole data-channel message. Reads {@code message} from its position to
     * its limit without moving either; payloads of the result are read-only views of it.
     */
    public static Frame decode(ByteBuffer message) throws FrameFormatException {
        ByteBuffer m = message.slice().order(ByteOrder.BIG_ENDIAN);
        int size = m.remaining();
        if (size < Wire.HEADER_SIZE) {
            throw new FrameFormatException(
                    "frame of " + size + " bytes is shorter than the " + Wire.HEADER_SIZE + "-byte header");
        }
        int version = Byte.toUnsignedInt(m.get(OFF_VERSION));
        if (version != Wire.VERSION) {
            throw new FrameFormatException("unsupported frame version " + version + " (expected 1)");
        }
        int typeCode = Byte.toUnsignedInt(m.get(OFF_TYPE));
        int flags = Byte.toUnsignedInt(m.get(OFF_FLAGS));
        long streamId = Integer.toUnsignedLong(m.getInt(OFF_STREAM_ID));
        long declared = Integer.toUnsignedLong(m.getInt(OFF_LENGTH));
        int actual = size - Wire.HEADER_SIZE;
        if (declared != actual) {
            throw new FrameFormatException(
                    "length field says " + declared + " payload bytes but " + actual + " follow");
        }
        ByteBuffer payload = m.slice(Wire.HEADER_SIZE, actual);
        FrameType type = FrameType.fromCode(typeCode);
        if (type == null) {
            return new Frame.Unknown(typeCode, flags, streamId, payload);
        }
        switch (type) {
            case HELLO:
                return decodeHello(streamId, flags, payload);
            case RANGE_REQ:
                requireSize(type, payload, 16);
                if (streamId == 0) {
                    throw new FrameFormatException("RANGE_REQ stream_id must not be 0");
                }
                return new Frame.RangeReq(streamId, payload.getLong(0), payload.getLong(8));
            case RANGE_DATA:
                requireAtMost(type, payload, Wire.MAX_CHUNK_PAYLOAD, "MAX_CHUNK_PAYLOAD ");
                return new Frame.RangeData(streamId, flags, payload);
            case RANGE_END:
                requireSize(type, payload, 4);
                return new Frame.RangeEnd(streamId, Integer.toUnsignedLong(payload.getInt(0)));
            case CANCEL:
                requireSize(type, payload, 0);
                return new Frame.Cancel(streamId);
            case PING:
                requireAtMost(type, payload, Wire.MAX_PING_PAYLOAD, "");
                return new Frame.Ping(streamId, payload);
            case PONG:
                requireAtMost(type, payload, Wire.MAX_PING_PAYLOAD, "");
                return new Frame.Pong(streamId, payload);
            default:
                throw new AssertionError(type);
        }
    }

    private static Frame.Hello decodeHello(long streamId, int flags, ByteBuffer p) throws FrameFormatException {
        if (streamId != 0) {
            throw new FrameFormatException("HELLO stream_id must be 0, got " + streamId);
        }
        int at = 0;
        requireRemaining(p, at, 8, "file_size");
        long fileSize = p.getLong(at);
        at += 8;
        requireRemaining(p, at, 2, "name_len");
        int nameLen = Short.toUnsignedInt(p.getShort(at));
        at += 2;
        if (nameLen > Wire.MAX_NAME_BYTES) {
            throw new FrameFormatException(
                    "HELLO name of " + nameLen + " bytes exceeds " + Wire.MAX_NAME_BYTES);
        }
        requireRemaining(p, at, nameLen, "name");
        String name = utf8(p, at, nameLen, "name");
        at += nameLen;
        requireRemaining(p, at, 2, "mime_len");
        int mimeLen = Short.toUnsignedInt(p.getShort(at));
        at += 2;
        if (mimeLen > Wire.MAX_MIME_BYTES) {
            throw new FrameFormatException(
                    "HELLO mime of " + mimeLen + " bytes exceeds " + Wire.MAX_MIME_BYTES);
        }
        requireRemaining(p, at, mimeLen, "mime");
        String mime = utf8(p, at, mimeLen, "mime");
        at += mimeLen;
        requireRemaining(p, at, 8, "duration_ms");
        long durationMs = p.getLong(at);
        at += 8;
        if (at != p.remaining()) {
            throw new FrameFormatException("HELLO has " + (p.remaining() - at) + " trailing bytes");
        }
        return new Frame.Hello(flags, fileSize, name, mime, durationMs);
    }

    private static void requireRemaining(ByteBuffer p, int at, int needed, String field)
            throws FrameFormatException {
        if (p.remaining() - at < needed) {
            throw new FrameFormatException("HELLO payload ends inside " + field);
        }
    }

    private static String utf8(ByteBuffer p, int at, int length, String field) throws FrameFormatException {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(p.slice(at, length))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new FrameFormatException("HELLO " + field + " is not valid UTF-8");
        }
    }

    private static void requireSize(FrameType type, ByteBuffer payload, int size) throws FrameFormatException {
        if (payload.remaining() != size) {
            throw new FrameFormatException(
                    type + " payload must be " + size + " bytes, got " + payload.remaining());
        }
    }

    private static void requireAtMost(FrameType type, ByteBuffer payload, int max, String limitName)
            throws FrameFormatException {
        if (payload.remaining() > max) {
            throw new FrameFormatException(type + " payload of " + payload.remaining()
                    + " bytes exceeds " + limitName + max);
        }
    }

    // ---------------------------------------------------------------- encoding

    /** The number of bytes {@code frame} encodes to. */
    public static int encodedSize(Frame frame) {
        return Wire.HEADER_SIZE + frame.payloadSize();
    }

    /** Encodes {@code frame} into a new buffer, ready to read (position 0). */
    public static ByteBuffer encode(Frame frame) {
        ByteBuffer out = ByteBuffer.allocate(encodedSize(frame));
        encode(frame, out);
        return out.flip();
    }

    /**
     * Writes {@code frame} at {@code out}'s position and advances it. Nothing is written
     * when the frame does not fit: {@link BufferOverflowException}.
     */
    public static void encode(Frame frame, ByteBuffer out) {
        int payloadSize = frame.payloadSize();
        if (out.remaining() < Wire.HEADER_SIZE + payloadSize) {
            throw new BufferOverflowException();
        }
        ByteOrder order = out.order();
        out.order(ByteOrder.BIG_ENDIAN);
        try {
            putHeader(out, frame.typeCode(), frame.flags(), frame.streamId(), payloadSize);
            if (frame instanceof Frame.Hello h) {
                byte[] name = h.name().getBytes(StandardCharsets.UTF_8);
                byte[] mime = h.mime().getBytes(StandardCharsets.UTF_8);
                out.putLong(h.fileSize());
                out.putShort((short) name.length).put(name);
                out.putShort((short) mime.length).put(mime);
                out.putLong(h.durationMs());
            } else if (frame instanceof Frame.RangeReq r) {
                out.putLong(r.offset()).putLong(r.length());
            } else if (frame instanceof Frame.RangeEnd e) {
                out.putInt((int) e.status());
            } else if (frame instanceof Frame.RangeData d) {
                out.put(d.payload().duplicate());
            } else if (frame instanceof Frame.Ping p) {
                out.put(p.payload().duplicate());
            } else if (frame instanceof Frame.Pong p) {
                out.put(p.payload().duplicate());
            } else if (frame instanceof Frame.Unknown u) {
                out.put(u.payload().duplicate());
            }
            // Cancel has no payload.
        } finally {
            out.order(order);
        }
    }

    private static void putHeader(ByteBuffer out, int type, int flags, long streamId, int length) {
        out.put((byte) Wire.VERSION)
                .put((byte) type)
                .put((byte) flags)
                .put((byte) 0)
                .putInt((int) streamId)
                .putInt(length);
    }

    // ------------------------------------------------- RANGE_DATA built in place

    /**
     * Starts a RANGE_DATA frame at {@code out}'s position: writes the header with a
     * length still to be patched and leaves the position at the first payload byte, so
     * the caller can read file bytes straight into {@code out} (for example with
     * {@code FileChannel.read(out, filePosition)} after limiting it to at most
     * {@link Wire#MAX_CHUNK_PAYLOAD} bytes past the returned start). Returns the
     * frame's start index, to pass to {@link #endRangeData}.
     */
    public static int beginRangeData(ByteBuffer out, long streamId) {
        Wire.requireU32("streamId", streamId);
        if (out.remaining() < Wire.HEADER_SIZE) {
            throw new BufferOverflowException();
        }
        int start = out.position();
        ByteOrder order = out.order();
        out.order(ByteOrder.BIG_ENDIAN);
        putHeader(out, FrameType.RANGE_DATA.code(), 0, streamId, 0);
        out.order(order);
        return start;
    }

    /**
     * Finishes a frame begun with {@link #beginRangeData}: every byte between the header
     * and {@code out}'s position is the payload. Patches the length and flags; the
     * position stays at the frame's end. A payload over MAX_CHUNK_PAYLOAD is refused.
     */
    public static void endRangeData(ByteBuffer out, int frameStart, int flags) {
        Wire.requireU8("flags", flags);
        int payload = out.position() - frameStart - Wire.HEADER_SIZE;
        if (payload < 0 || payload > Wire.MAX_CHUNK_PAYLOAD) {
            throw new IllegalStateException("RANGE_DATA payload of " + payload
                    + " bytes is outside 0.." + Wire.MAX_CHUNK_PAYLOAD);
        }
        out.put(frameStart + OFF_FLAGS, (byte) flags);
        ByteOrder order = out.order();
        out.order(ByteOrder.BIG_ENDIAN).putInt(frameStart + OFF_LENGTH, payload).order(order);
    }
}
