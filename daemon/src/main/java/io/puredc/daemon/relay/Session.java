package io.puredc.daemon.relay;

/** A stream session's relay state. Guarded by the relay's lock. */
final class Session {
    final String id;
    final String token;
    final String path;
    final String quality;
    /** Null for the embedded relay, whose one daemon is the process itself. */
    final String daemonId;
    final EventLog toBrowser = new EventLog();
    final EventLog toDaemon = new EventLog();
    long lastActivityMillis;
    int openChannels;

    Session(String id, String token, String path, String quality, String daemonId, long nowMillis) {
        this.id = id;
        this.token = token;
        this.path = path;
        this.quality = quality;
        this.daemonId = daemonId;
        this.lastActivityMillis = nowMillis;
    }

    EventLog log(Direction to) {
        return to == Direction.BROWSER ? toBrowser : toDaemon;
    }

    int openStreams() {
        return toBrowser.subscribers() + toDaemon.subscribers();
    }

    boolean idle(long nowMillis, long idleMillis) {
        return openStreams() == 0 && openChannels == 0 && nowMillis - lastActivityMillis >= idleMillis;
    }

    void endStreams() {
        toBrowser.endAll();
        toDaemon.endAll();
    }
}
