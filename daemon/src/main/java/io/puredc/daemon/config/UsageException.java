package io.puredc.daemon.config;

/** A bad command line or configuration file: reported in one line, exit code 2. */
public final class UsageException extends Exception {
    public UsageException(String message) {
        super(message);
    }
}
