package io.puredc.dtls;

/** An {@code a=fingerprint} value that is malformed or names a hash function we refuse. */
public final class FingerprintParseException extends Exception {

    public FingerprintParseException(String message) {
        super(message);
    }
}
