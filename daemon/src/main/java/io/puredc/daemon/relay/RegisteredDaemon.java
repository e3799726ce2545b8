package io.puredc.daemon.relay;

import io.puredc.daemon.files.FileEntry;
import java.util.List;

/** A daemon registered with a relay that runs alone. Guarded by the relay's lock. */
final class RegisteredDaemon {
    final String id;
    final String token;
    List<FileEntry> files;
    final EventLog events = new EventLog();
    /** When the events stream was last open (or the daemon registered): the 60 s count starts here. */
    long lastStreamMillis;

    RegisteredDaemon(String id, String token, List<FileEntry> files, long nowMillis) {
        this.id = id;
        this.token = token;
        this.files = List.copyOf(files);
        this.lastStreamMillis = nowMillis;
    }

    boolean serves(String path) {
        for (FileEntry f : files) {
            if (f.path().equals(path)) {
                return true;
            }
        }
        return false;
    }

    boolean gone(long nowMillis, long idleMillis) {
        return events.subscribers() == 0 && nowMillis - lastStreamMillis >= idleMillis;
    }
}
