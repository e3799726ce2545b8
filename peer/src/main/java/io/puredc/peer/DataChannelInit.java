package io.puredc.peer;

/**
 * W3C RTCDataChannelInit. {@code maxRetransmits} and {@code maxPacketLifeTime} are null when
 * unset (at most one may be set); {@code id} is used only with {@code negotiated}.
 */
public record DataChannelInit(boolean ordered, Integer maxPacketLifeTime, Integer maxRetransmits, String protocol,
        boolean negotiated, Integer id) {

    public static DataChannelInit defaults() {
        return new DataChannelInit(true, null, null, "", false, null);
    }

    public DataChannelInit withOrdered(boolean o) {
        return new DataChannelInit(o, maxPacketLifeTime, maxRetransmits, protocol, negotiated, id);
    }

    public DataChannelInit withMaxRetransmits(int n) {
        return new DataChannelInit(ordered, maxPacketLifeTime, n, protocol, negotiated, id);
    }

    public DataChannelInit withMaxPacketLifeTime(int ms) {
        return new DataChannelInit(ordered, ms, maxRetransmits, protocol, negotiated, id);
    }

    public DataChannelInit withProtocol(String p) {
        return new DataChannelInit(ordered, maxPacketLifeTime, maxRetransmits, p, negotiated, id);
    }

    public DataChannelInit withNegotiatedId(int streamId) {
        return new DataChannelInit(ordered, maxPacketLifeTime, maxRetransmits, protocol, true, streamId);
    }
}
