package io.puredc.peer;

/** A session description that is malformed or asks for something this stack does not do; the message names the line. */
public final class SdpException extends Exception {
    public SdpException(String message) {
        super(message);
    }
}
