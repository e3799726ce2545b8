package io.puredc.dtls;

/** A {@link PacketTransport} failed or was used after it was closed. */
public class TransportException extends RuntimeException {

    public TransportException(String message) {
        super(message);
    }

    public TransportException(String message, Throwable cause) {
        super(message, cause);
    }
}
