package io.puredc.daemon.relay;

/**
 * A refused relay call. The status is the HTTP status the contract names (400, 401, 404, ...);
 * a refusal never changes any session.
 */
public final class RelayException extends Exception {
    private final int status;

    public RelayException(int status, String reason) {
        super(reason);
        this.status = status;
    }

    public int status() {
        return status;
    }

    static RelayException badRequest(String reason) {
        return new RelayException(400, reason);
    }

    static RelayException unauthorized() {
        return new RelayException(401, "wrong or missing token");
    }

    static RelayException notFound(String what) {
        return new RelayException(404, what);
    }
}
