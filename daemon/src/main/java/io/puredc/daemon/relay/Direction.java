package io.puredc.daemon.relay;

import java.util.Locale;

/** The two ends of a session: {@code ?from=} names the sender, {@code ?to=} the receiver. */
public enum Direction {
    BROWSER, DAEMON;

    public Direction other() {
        return this == BROWSER ? DAEMON : BROWSER;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses the query value exactly ("browser" or "daemon"); anything else is a 400. */
    public static Direction parse(String value) throws RelayException {
        if ("browser".equals(value)) {
            return BROWSER;
        }
        if ("daemon".equals(value)) {
            return DAEMON;
        }
        throw RelayException.badRequest("expected browser or daemon, got " + value);
    }
}
