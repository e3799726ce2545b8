package io.puredc.daemon;

import io.puredc.daemon.relay.SessionListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon side of embedded sessions until the peer connection exists: it says in the log
 * that a session's offer will not be answered, instead of pretending to stream.
 */
final class PendingPeerListener implements SessionListener {
    private static final Logger LOG = LoggerFactory.getLogger(PendingPeerListener.class);

    @Override
    public void sessionCreated(SessionInfo session) {
        LOG.warn("session {} for {}: its signalling is relayed, but nothing answers the offer yet "
                + "(the peer connection is not built)", session.sessionId(), session.path());
    }

    @Override
    public void sessionRemoved(String sessionId) {
        LOG.info("session {} ended", sessionId);
    }
}
