package io.puredc.daemon.session;

import io.puredc.peer.PeerConfig;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;

/** What every session of one daemon shares: peer configuration, sources, pools, relay hooks. */
record SessionContext(PeerConfig peerConfig, MediaSources sources, ExecutorService workers,
                      ScheduledExecutorService timers, ChannelHooks hooks) {

    /** Tells the relay that a session has an open channel, so idle signalling does not expire it. */
    interface ChannelHooks {
        void channelOpened(String sessionId);

        void channelClosed(String sessionId);

        ChannelHooks NONE = new ChannelHooks() {
            @Override
            public void channelOpened(String sessionId) {
            }

            @Override
            public void channelClosed(String sessionId) {
            }
        };
    }
}
