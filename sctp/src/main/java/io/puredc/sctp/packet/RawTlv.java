package io.puredc.sctp.packet;

import java.util.ArrayList;
import java.util.List;

/**
 * One framed parameter or error cause (16-bit type, 16-bit length; RFC 9260 §3.2.1, §3.3.10)
 * whose value has not been decoded yet. Framing (length ≥ 4, length within the region, padding)
 * is checked here once, so the typed codecs only look at their value.
 */
public final class RawTlv {
    private final int type;
    private final ByteReader value;

    private RawTlv(int type, ByteReader value) {
        this.type = type;
        this.value = value;
    }

    public int type() {
        return type;
    }

    /** A fresh reader over the value (without header and padding). */
    public ByteReader value() {
        return value.duplicate();
    }

    public int valueLength() {
        return value.remaining();
    }

    /** Splits a region into TLVs until it is exhausted. */
    public static List<RawTlv> splitAll(ByteReader region) throws ParseException {
        // At most one TLV per 4 bytes, so this list is bounded by the input, never by a peer's count.
        List<RawTlv> out = new ArrayList<>(Math.min(region.remaining() / Tlv.HEADER_SIZE, 16));
        while (region.hasRemaining()) {
            region.requireAtLeast(Tlv.HEADER_SIZE, "TLV header");
            int type = region.u16();
            int length = region.u16();
            if (length < Tlv.HEADER_SIZE) {
                throw new ParseException("TLV type " + type + " has length " + length + " < 4");
            }
            if (length - Tlv.HEADER_SIZE > region.remaining()) {
                throw new ParseException("TLV type " + type + " of length " + length
                        + " overruns its container by " + (length - Tlv.HEADER_SIZE - region.remaining()));
            }
            ByteReader value = region.slice(length - Tlv.HEADER_SIZE);
            region.skipPadding(length);
            out.add(new RawTlv(type, value));
        }
        return out;
    }
}
