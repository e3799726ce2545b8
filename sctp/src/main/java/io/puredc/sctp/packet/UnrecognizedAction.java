package io.puredc.sctp.packet;

/**
 * What a receiver does with a chunk or parameter type it does not know, encoded in the upper two
 * bits of the type (RFC 9260 §3.2 for chunks, §3.2.1 for parameters).
 */
public enum UnrecognizedAction {
    /** 00: stop processing this packet (chunk) or this chunk (parameter) and discard it. */
    STOP_AND_DISCARD(true, false),
    /** 01: as 00, and report it (ERROR chunk / Unrecognized Parameter). */
    STOP_DISCARD_AND_REPORT(true, true),
    /** 10: skip it and continue with the next one. */
    SKIP(false, false),
    /** 11: skip it, continue, and report it. */
    SKIP_AND_REPORT(false, true);

    private final boolean stop;
    private final boolean report;

    UnrecognizedAction(boolean stop, boolean report) {
        this.stop = stop;
        this.report = report;
    }

    public boolean stopsProcessing() {
        return stop;
    }

    public boolean reports() {
        return report;
    }

    /** The action of an 8-bit chunk type. */
    public static UnrecognizedAction ofChunkType(int type) {
        return values()[(type >>> 6) & 0b11];
    }

    /** The action of a 16-bit parameter type. */
    public static UnrecognizedAction ofParameterType(int type) {
        return values()[(type >>> 14) & 0b11];
    }
}
