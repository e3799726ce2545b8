package io.puredc.sctp.api;

/**
 * How one message is sent: ordered or not (RFC 9260 §6.6 U bit) and its partial reliability
 * (RFC 3758): at most {@code maxRetransmits} retransmissions, or a {@code lifetimeNanos} after
 * which it is abandoned. Negative values mean "no limit" (fully reliable). RFC 8831 §6.1
 * lets a data channel use one of the two limits, not both; {@link #validate} enforces it.
 */
public record SendOptions(boolean unordered, int maxRetransmits, long lifetimeNanos) {
    public static final SendOptions RELIABLE_ORDERED = new SendOptions(false, -1, -1);

    public static SendOptions reliable(boolean unordered) {
        return new SendOptions(unordered, -1, -1);
    }

    public static SendOptions maxRetransmits(boolean unordered, int count) {
        return new SendOptions(unordered, count, -1);
    }

    public static SendOptions lifetime(boolean unordered, long lifetimeNanos) {
        return new SendOptions(unordered, -1, lifetimeNanos);
    }

    public boolean isReliable() {
        return maxRetransmits < 0 && lifetimeNanos < 0;
    }

    public SendOptions validate() {
        if (maxRetransmits >= 0 && lifetimeNanos >= 0) {
            throw new IllegalArgumentException("maxRetransmits and lifetime cannot both be set (RFC 8831 §6.1)");
        }
        return this;
    }
}
