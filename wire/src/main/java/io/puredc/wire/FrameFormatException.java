package io.puredc.wire;

/**
 * A data-channel message that is not a well-formed frame. The message says what
 * was wrong; the receiver logs it, drops the frame and the session goes on.
 */
public final class FrameFormatException extends Exception {
    public FrameFormatException(String message) {
        super(message);
    }
}
