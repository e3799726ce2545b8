package io.puredc.wire;

import java.util.Optional;

/** RANGE_END status codes (PROTOCOL.md §1). */
public enum RangeStatus {
    /** Done; a short answer with OK means end of stream. */
    OK(0),
    /** Too many requests in flight; retry. */
    BUSY(1),
    /** Offset past the end of a finished file. */
    OUT_OF_RANGE(2),
    IO_ERROR(3),
    CANCELLED(4);

    private final int code;

    RangeStatus(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The status for a wire code; empty for codes this version does not define. */
    public static Optional<RangeStatus> fromCode(long code) {
        for (RangeStatus s : values()) {
            if (s.code == code) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
