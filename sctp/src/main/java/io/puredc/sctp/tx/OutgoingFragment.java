package io.puredc.sctp.tx;

import io.puredc.sctp.packet.Bytes;

/**
 * One DATA chunk's worth of a message, cut by the {@link SendQueue}: the fields of RFC 9260
 * §3.3.1 except the TSN, which {@link OutstandingData} assigns when it is first sent, plus the
 * message's identity and partial-reliability limits so that all of its fragments can be
 * abandoned together (RFC 3758 §3.5). The payload is a range of the message's own array (which
 * the {@code Message} owns and nobody changes), not a copy: it is copied once, into the packet.
 */
public record OutgoingFragment(int streamId, int ssn, int ppid, boolean unordered, boolean beginning,
        boolean end, Bytes payload, long messageId, int maxRetransmits, long expiry) {

    /** Whether this fragment's message is abandoned at {@code now} after {@code transmissions}. */
    boolean expired(long now, int transmissions) {
        return (maxRetransmits >= 0 && transmissions > maxRetransmits) || now >= expiry;
    }
}
