package io.puredc.ice;

/**
 * A malformed ICE SDP attribute (RFC 8839 §5). The message names the problem and, where it
 * helps, the offending field, so a signalling peer's bug is visible in one log line.
 */
public final class CandidateParseException extends Exception {
    public CandidateParseException(String message) {
        super(message);
    }
}
