package io.puredc.daemon.relay;

import java.nio.file.Path;

/**
 * The embedded daemon's side of the relay: told about each new session (to answer its offer)
 * and each removed one. Called outside the relay's lock, on a Netty thread: do not block.
 */
public interface SessionListener {
    /** {@code file} is the real path the session streams (embedded relay only). */
    record SessionInfo(String sessionId, String token, String path, String quality, Path file) {
    }

    void sessionCreated(SessionInfo session);

    void sessionRemoved(String sessionId);

    SessionListener NONE = new SessionListener() {
        @Override
        public void sessionCreated(SessionInfo session) {
        }

        @Override
        public void sessionRemoved(String sessionId) {
        }
    };
}
