package io.puredc.sctp.channel;

/** What {@link DataChannels} reports, drained with {@code pollEvent()}. */
public sealed interface ChannelEvent {
    /** The SCTP association is up; channels can open. */
    record Connected() implements ChannelEvent {}

    /** A channel opened: one of ours (its OPEN went out, or negotiated) or one the peer opened. */
    record Opened(Channel channel) implements ChannelEvent {}

    /** A whole message; {@code binary} per its PPID (RFC 8831 §8), empty messages included. */
    record Message(Channel channel, boolean binary, byte[] data) implements ChannelEvent {}

    /** The channel's buffered amount fell to its low threshold or below. */
    record BufferedAmountLow(Channel channel) implements ChannelEvent {}

    /** The peer began closing the channel (its stream was reset); the close completes with {@link Closed}. */
    record Closing(Channel channel) implements ChannelEvent {}

    /** The channel is closed in both directions (RFC 8831 §6.7); its id may be reused. */
    record Closed(Channel channel) implements ChannelEvent {}

    /** The association ended: every channel is closed. {@code error} unless it was a clean shutdown. */
    record AssociationEnded(String reason, boolean error) implements ChannelEvent {}
}
