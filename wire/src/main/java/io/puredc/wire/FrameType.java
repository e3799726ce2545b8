package io.puredc.wire;

/** The frame types of PROTOCOL.md §1 "Types". */
public enum FrameType {
    HELLO(0x01),
    RANGE_REQ(0x02),
    RANGE_DATA(0x03),
    RANGE_END(0x04),
    CANCEL(0x05),
    PING(0x06),
    PONG(0x07);

    private static final FrameType[] BY_CODE = new FrameType[256];

    static {
        for (FrameType t : values()) {
            BY_CODE[t.code] = t;
        }
    }

    private final int code;

    FrameType(int code) {
        this.code = code;
    }

    /** The type byte on the wire. */
    public int code() {
        return code;
    }

    /** The type for a type byte, or {@code null} when the protocol does not define it. */
    public static FrameType fromCode(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }
}
