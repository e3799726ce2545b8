package io.puredc.sctp.packet;

/**
 * The only exception the packet, chunk, parameter, cause and DCEP parsers throw, whatever the
 * input: a malformed packet is dropped and counted by the caller, never allowed to escape as a
 * runtime exception (DESIGN.md, "Bad input never crashes a session").
 */
public final class ParseException extends Exception {
    private static final long serialVersionUID = 1L;

    public ParseException(String message) {
        // No stack trace: malformed input is an expected event, and peers can send it at line rate.
        super(message, null, false, false);
    }
}
