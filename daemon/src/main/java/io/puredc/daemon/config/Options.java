package io.puredc.daemon.config;

import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A validated command line (after merging the config file).
 *
 * @param mode         a daemon serving {@code root}, or the relay alone
 * @param root         the served folder (daemon only; its readability is checked at start)
 * @param bind         the listen address as given, and resolved
 * @param iceAddresses where the peer connection gathers host candidates; empty = every usable interface
 * @param relay        an external relay to use instead of the embedded one (daemon only), or null
 * @param relayKey     the relay's registration key (relay alone, or a daemon with {@code --relay}), or null
 */
public record Options(Mode mode, Path root, String bind, InetAddress bindAddress, int port,
                      List<InetAddress> iceAddresses, List<IceServer> stun, List<IceServer> turn,
                      URI relay, String relayKey, String logLevel) {
    public enum Mode { DAEMON, RELAY }

    public static final String DEFAULT_BIND = "127.0.0.1";
    public static final int DEFAULT_PORT = 8080;
    public static final String DEFAULT_LOG_LEVEL = "info";

    public Options {
        iceAddresses = List.copyOf(iceAddresses);
        stun = List.copyOf(stun);
        turn = List.copyOf(turn);
    }

    /** The iceServers of RTCConfiguration: every STUN server, then every TURN server. */
    public List<Map<String, Object>> iceServersJson() {
        return java.util.stream.Stream.concat(stun.stream(), turn.stream()).map(IceServer::toJson).toList();
    }

    /** The host part of {@code http://HOST:PORT/}: IPv6 literals in brackets. */
    public String urlHost() {
        return bind.contains(":") ? "[" + bind + "]" : bind;
    }
}
