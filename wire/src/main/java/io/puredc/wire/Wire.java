package io.puredc.wire;

/**
 * Constants of the wire protocol (PROTOCOL.md §1). All integers on the wire are
 * big-endian; u32 and u64 fields are carried in Java {@code long}s holding the raw
 * bits, so a u64 above 2^63−1 reads as a negative {@code long} (compare with
 * {@link Long#compareUnsigned}).
 */
public final class Wire {
    /** The only protocol version this codec speaks. */
    public static final int VERSION = 1;
    /** version, type, flags, reserved, stream_id (u32), length (u32). */
    public static final int HEADER_SIZE = 12;
    /** Largest RANGE_DATA payload: a 16 KiB-class message every browser accepts. */
    public static final int MAX_CHUNK_PAYLOAD = 16384;
    /** Largest encoded frame: a full RANGE_DATA. */
    public static final int MAX_FRAME_SIZE = HEADER_SIZE + MAX_CHUNK_PAYLOAD;
    /** HELLO {@code name} limit in UTF-8 bytes. */
    public static final int MAX_NAME_BYTES = 1024;
    /** HELLO {@code mime} limit in UTF-8 bytes. */
    public static final int MAX_MIME_BYTES = 255;
    /** PING/PONG payload limit. */
    public static final int MAX_PING_PAYLOAD = 64;

    /** HELLO flag: the file size is an estimate and may grow (a transcode is running). */
    public static final int FLAG_TRANSCODING = 0x01;
    /** HELLO flag: the browser may request any offset. */
    public static final int FLAG_SEEKABLE = 0x02;
    /** RANGE_DATA flag: the final data frame of a request. */
    public static final int FLAG_LAST_CHUNK = 0x01;

    static final long MAX_U32 = 0xFFFF_FFFFL;

    private Wire() {}

    static long requireU32(String field, long value) {
        if (value < 0 || value > MAX_U32) {
            throw new IllegalArgumentException(field + " must fit in an unsigned 32-bit field: " + value);
        }
        return value;
    }

    static int requireU8(String field, int value) {
        if (value < 0 || value > 0xFF) {
            throw new IllegalArgumentException(field + " must fit in an unsigned 8-bit field: " + value);
        }
        return value;
    }
}
