package io.puredc.daemon.files;

/** A requested path that may never name a served file (HTTP 400), as opposed to one that merely does not exist. */
public final class PathRefusedException extends Exception {
    public PathRefusedException(String reason) {
        super(reason);
    }
}
