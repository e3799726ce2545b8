package io.puredc.sctp.api;

import java.util.List;

/** What an association reports to its user, drained with {@code pollEvent()}. */
public sealed interface AssociationEvent {
    /** The four-way handshake completed (RFC 9260 §5.1): messages flow. */
    record Connected() implements AssociationEvent {}

    /** A whole message arrived, in order for ordered streams. */
    record MessageReceived(Message message) implements AssociationEvent {}

    /** A stream's buffered amount fell to its low threshold or below. */
    record BufferedAmountLow(int streamId) implements AssociationEvent {}

    /**
     * The peer reset these outgoing streams of its own (RFC 6525 §5.2.2), after every message
     * it sent on them was delivered: for a data channel, the remote side closed it.
     */
    record IncomingStreamsReset(List<Integer> streamIds) implements AssociationEvent {}

    /** Our request to reset these outgoing streams was performed by the peer (RFC 6525 §5.2.4). */
    record OutgoingStreamsReset(List<Integer> streamIds) implements AssociationEvent {}

    /** The peer refused or failed our reset request. */
    record StreamResetFailed(List<Integer> streamIds, String reason) implements AssociationEvent {}

    /** The peer reported an error (RFC 9260 §3.3.10); the association goes on. */
    record PeerError(String description) implements AssociationEvent {}

    /** Graceful shutdown completed (RFC 9260 §9.2). */
    record Closed() implements AssociationEvent {}

    /** The association ended abruptly: an ABORT either way, or a limit was reached. */
    record Aborted(String reason, boolean byPeer) implements AssociationEvent {}
}
