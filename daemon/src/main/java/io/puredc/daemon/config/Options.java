package io.puredc.daemon.config;

import io.puredc.transcode.Quality;
import io.puredc.transcode.TranscodeConfig;
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
 * @param transcode    ffmpeg, encoder and where transcodes are written
 * @param quality      the quality cap of sessions that ask for none
 * @param tls          HTTPS for the page and the API, or null for plain HTTP
 */
public record Options(Mode mode, Path root, String bind, InetAddress bindAddress, int port,
                      List<InetAddress> iceAddresses, List<IceServer> stun, List<IceServer> turn,
                      URI relay, String relayKey, String logLevel, TranscodeConfig transcode, Quality quality,
                      Tls tls) {
    public enum Mode { DAEMON, RELAY }

    /**
     * The page's certificate: PEM files, or one generated at start ({@code --tls-cert self-signed}),
     * since a service worker needs a secure context anywhere but localhost.
     */
    public record Tls(Path certificate, Path privateKey) {
        public boolean selfSigned() {
            return certificate == null;
        }
    }

    /** {@code http} or {@code https}, for the listening line. */
    public String scheme() {
        return tls == null ? "http" : "https";
    }

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
