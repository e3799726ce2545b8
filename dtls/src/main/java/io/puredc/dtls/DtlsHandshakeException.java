package io.puredc.dtls;

/** The DTLS handshake did not complete; {@link #reason()} says why. */
public final class DtlsHandshakeException extends TransportException {

    /** Why a handshake failed. */
    public enum Reason {
        /** The peer's certificate matched none of the fingerprints from its SDP (RFC 8122 §5). */
        FINGERPRINT_MISMATCH,
        /** We were given no remote fingerprint to check against, so no certificate is acceptable. */
        MISSING_FINGERPRINT,
        /** The peer sent no certificate (RFC 5246 §7.4.6: we then abort with handshake_failure). */
        NO_PEER_CERTIFICATE,
        /** The peer aborted with a fatal alert (for example because it rejected our certificate). */
        PEER_ALERT,
        /** We aborted with a fatal alert of our own for a protocol error. */
        PROTOCOL_ERROR,
        /** No handshake within the configured handshake timeout. */
        TIMEOUT,
        /** The transport was closed, locally or underneath, before the handshake completed. */
        CLOSED,
        /** Anything else (a bug, a crypto provider error). */
        INTERNAL
    }

    private final Reason reason;

    public DtlsHandshakeException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public DtlsHandshakeException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
