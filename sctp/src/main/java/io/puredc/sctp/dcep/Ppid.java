package io.puredc.sctp.dcep;

/**
 * Payload Protocol Identifiers of WebRTC data channels (RFC 8831 §8, values registered there;
 * use in §6.6). An empty message cannot be sent as a zero-length DATA chunk (RFC 9260 §6.2), so
 * it travels as one byte under the "Empty" PPIDs and the receiver delivers an empty message.
 */
public final class Ppid {
    /** DCEP messages (RFC 8832 §8.1). */
    public static final int DCEP = 50;
    public static final int STRING = 51;
    public static final int BINARY = 53;
    public static final int STRING_EMPTY = 56;
    public static final int BINARY_EMPTY = 57;
    /** Deprecated partial-message PPIDs (RFC 8831 §8): received from old peers, never sent. */
    public static final int BINARY_PARTIAL_DEPRECATED = 52;
    public static final int STRING_PARTIAL_DEPRECATED = 54;

    private Ppid() {}

    /** Whether a message with this PPID is text (UTF-8) rather than binary. */
    public static boolean isString(int ppid) {
        return ppid == STRING || ppid == STRING_EMPTY || ppid == STRING_PARTIAL_DEPRECATED;
    }

    /** Whether this PPID stands for an empty message whose single payload byte is ignored. */
    public static boolean isEmpty(int ppid) {
        return ppid == STRING_EMPTY || ppid == BINARY_EMPTY;
    }
}
