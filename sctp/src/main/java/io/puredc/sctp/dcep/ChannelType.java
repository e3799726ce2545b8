package io.puredc.sctp.dcep;

/**
 * The Channel Type of DATA_CHANNEL_OPEN (RFC 8832 §5.1): the high bit says unordered, the low
 * bits say how the Reliability Parameter limits retransmission.
 */
public enum ChannelType {
    RELIABLE(0x00),
    RELIABLE_UNORDERED(0x80),
    /** Reliability Parameter = maximum number of retransmissions. */
    PARTIAL_RELIABLE_REXMIT(0x01),
    PARTIAL_RELIABLE_REXMIT_UNORDERED(0x81),
    /** Reliability Parameter = lifetime in milliseconds. */
    PARTIAL_RELIABLE_TIMED(0x02),
    PARTIAL_RELIABLE_TIMED_UNORDERED(0x82);

    private final int code;

    ChannelType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public boolean ordered() {
        return (code & 0x80) == 0;
    }

    /** Reliable types carry a Reliability Parameter of zero (§5.1). */
    public boolean reliable() {
        return (code & 0x7F) == 0;
    }

    /** The type with this code, or {@code null} for codes RFC 8832 does not define. */
    public static ChannelType ofCode(int code) {
        for (ChannelType t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        return null;
    }
}
