package io.puredc.sctp.channel;

/**
 * One data channel: an SCTP stream id used in both directions (RFC 8831 §6.5), its label,
 * options and life cycle. A handle owned by {@link DataChannels}; its state changes only there.
 */
public final class Channel {
    /** W3C RTCDataChannelState. */
    public enum State { CONNECTING, OPEN, CLOSING, CLOSED }

    private final int id;
    private final String label;
    private final ChannelOptions options;
    private final boolean remote;
    State state = State.CONNECTING;
    /** RFC 8832 §6: until the peer's ACK, an unordered channel still sends ordered. */
    boolean acked;
    boolean outgoingReset;
    boolean incomingReset;
    boolean resetRequested;

    Channel(int id, String label, ChannelOptions options, boolean remote) {
        this.id = id;
        this.label = label;
        this.options = options;
        this.remote = remote;
        this.acked = options.negotiated();
    }

    /** The SCTP stream id. */
    public int id() {
        return id;
    }

    public String label() {
        return label;
    }

    public ChannelOptions options() {
        return options;
    }

    public String protocol() {
        return options.protocol();
    }

    /** True for channels the peer opened (W3C ondatachannel). */
    public boolean isRemote() {
        return remote;
    }

    public State state() {
        return state;
    }

    @Override
    public String toString() {
        return "Channel[" + id + " '" + label + "' " + state + "]";
    }
}
