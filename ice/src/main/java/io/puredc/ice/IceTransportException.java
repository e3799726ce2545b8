package io.puredc.ice;

/** The ICE transport cannot carry data: it failed (checks or consent, RFC 7675), was closed, or the socket erred. */
public final class IceTransportException extends RuntimeException {
    public IceTransportException(String message) {
        super(message);
    }

    public IceTransportException(String message, Throwable cause) {
        super(message, cause);
    }
}
