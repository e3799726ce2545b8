package io.puredc.sctp.api;

/** The association states of RFC 9260 §4. */
public enum AssociationState {
    CLOSED,
    COOKIE_WAIT,
    COOKIE_ECHOED,
    ESTABLISHED,
    SHUTDOWN_PENDING,
    SHUTDOWN_SENT,
    SHUTDOWN_RECEIVED,
    SHUTDOWN_ACK_SENT;

    /** States in which user data may be received and acknowledged. */
    public boolean carriesData() {
        return this == ESTABLISHED || this == SHUTDOWN_PENDING || this == SHUTDOWN_SENT || this == SHUTDOWN_RECEIVED;
    }
}
