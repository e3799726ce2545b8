package io.puredc.daemon.session;

import io.puredc.daemon.config.IceServer;
import io.puredc.daemon.config.Options;
import io.puredc.ice.IceServer.Kind;
import io.puredc.peer.PeerConfig;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The daemon's peer configuration from its command line: host addresses and STUN/TURN servers. */
public final class IceSettings {
    private static final Logger LOG = LoggerFactory.getLogger(IceSettings.class);

    private IceSettings() {
    }

    /**
     * {@code --ice-address} restricts host candidates; {@code --stun}/{@code --turn} are the only
     * servers contacted. Names are resolved once, here, at start. Servers the ICE agent cannot use
     * (TLS, TURN over TCP) are still given to browsers, and skipped for the daemon with a warning.
     */
    public static PeerConfig peerConfig(Options o) {
        List<io.puredc.ice.IceServer> servers = new ArrayList<>();
        for (IceServer s : o.stun()) {
            toIce(s, Kind.STUN).ifPresent(servers::add);
        }
        for (IceServer s : o.turn()) {
            toIce(s, Kind.TURN_UDP).ifPresent(servers::add);
        }
        return PeerConfig.defaults()
                .withHostAddresses(o.iceAddresses().toArray(new InetAddress[0]))
                .withIceServers(servers);
    }

    private static java.util.Optional<io.puredc.ice.IceServer> toIce(IceServer s, Kind kind) {
        String url = s.url();
        if (url.startsWith("stuns:") || url.startsWith("turns:") || url.contains("transport=tcp")) {
            LOG.warn("{}: the daemon's ICE agent uses UDP only; this server is offered to browsers, not used here", url);
            return java.util.Optional.empty();
        }
        String hostPort = url.substring(url.indexOf(':') + 1);
        int q = hostPort.indexOf('?');
        if (q >= 0) {
            hostPort = hostPort.substring(0, q);
        }
        URI u = URI.create("x://" + hostPort);
        int port = u.getPort() == -1 ? 3478 : u.getPort();
        try {
            InetSocketAddress address = new InetSocketAddress(InetAddress.getByName(u.getHost()), port);
            return java.util.Optional.of(kind == Kind.STUN ? io.puredc.ice.IceServer.stun(address)
                    : io.puredc.ice.IceServer.turnUdp(address, s.username(), s.credential()));
        } catch (UnknownHostException e) {
            LOG.warn("{} server {}: cannot resolve {}; not used", kind, hostPort, u.getHost());
            return java.util.Optional.empty();
        }
    }
}
