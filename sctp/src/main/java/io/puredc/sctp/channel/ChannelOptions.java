package io.puredc.sctp.channel;

/**
 * How a data channel is set up (W3C RTCDataChannelInit, RFC 8831 §6.1): ordered or not, at most
 * one of {@code maxRetransmits} and {@code maxPacketLifeTimeMs} (negative = unset), the
 * sub-protocol, the priority carried in DATA_CHANNEL_OPEN (RFC 8832 §5.1), and for a
 * negotiated channel the stream id both sides agreed on out of band (no DCEP).
 */
public record ChannelOptions(boolean ordered, int maxRetransmits, int maxPacketLifeTimeMs, String protocol,
        int priority, boolean negotiated, int id) {

    /** RFC 8832 §5.1 priority of a "normal" channel (W3C RTCPriorityType "low" is 128, "medium" 256). */
    public static final int DEFAULT_PRIORITY = 256;

    public ChannelOptions {
        if (maxRetransmits >= 0 && maxPacketLifeTimeMs >= 0) {
            throw new IllegalArgumentException("maxRetransmits and maxPacketLifeTime cannot both be set");
        }
        if (maxRetransmits > 0xFFFF || maxPacketLifeTimeMs > 0xFFFF) {
            throw new IllegalArgumentException("maxRetransmits and maxPacketLifeTime are limited to 65535");
        }
        if (protocol == null) {
            throw new IllegalArgumentException("protocol must not be null (use \"\")");
        }
        if (negotiated && (id < 0 || id > 65534)) {
            throw new IllegalArgumentException("a negotiated channel needs an id in 0..65534");
        }
        if (!negotiated && id >= 0) {
            throw new IllegalArgumentException("only negotiated channels choose their id");
        }
        if (priority < 0 || priority > 0xFFFF) {
            throw new IllegalArgumentException("priority must be 0..65535");
        }
    }

    public static ChannelOptions reliableOrdered() {
        return new ChannelOptions(true, -1, -1, "", DEFAULT_PRIORITY, false, -1);
    }

    public static ChannelOptions of(boolean ordered, int maxRetransmits, int maxPacketLifeTimeMs) {
        return new ChannelOptions(ordered, maxRetransmits, maxPacketLifeTimeMs, "", DEFAULT_PRIORITY, false, -1);
    }

    public static ChannelOptions negotiatedWith(int id, boolean ordered) {
        return new ChannelOptions(ordered, -1, -1, "", DEFAULT_PRIORITY, true, id);
    }

    public ChannelOptions withProtocol(String p) {
        return new ChannelOptions(ordered, maxRetransmits, maxPacketLifeTimeMs, p, priority, negotiated, id);
    }

    public boolean reliable() {
        return maxRetransmits < 0 && maxPacketLifeTimeMs < 0;
    }
}
