package io.puredc.peer;

import io.puredc.dtls.DtlsCertificate;
import io.puredc.ice.IceServer;
import java.net.InetAddress;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Configuration of peer connections.
 *
 * @param hostAddresses addresses to gather host candidates on; empty = every usable interface
 * @param iceServers the only STUN/TURN servers contacted
 * @param remoteAddressFilter remote candidates whose address fails it are skipped; null = all
 * @param certificate our DTLS certificate, shared by connections (generate once per process)
 * @param maxMessageSize our {@code a=max-message-size}: the largest message we accept (RFC 8841 §6)
 * @param loops the event loops connections run on
 */
public record PeerConfig(List<InetAddress> hostAddresses, List<IceServer> iceServers,
        Predicate<InetAddress> remoteAddressFilter, DtlsCertificate certificate, int maxMessageSize,
        EventLoops loops) {

    public static final int DEFAULT_MAX_MESSAGE_SIZE = 256 * 1024;

    public PeerConfig {
        hostAddresses = List.copyOf(hostAddresses);
        iceServers = List.copyOf(iceServers);
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(loops, "loops");
        if (maxMessageSize < 1) {
            throw new IllegalArgumentException("maxMessageSize must be positive");
        }
    }

    /** Every interface, no servers, a fresh certificate, 256 KiB messages, the shared loops. */
    public static PeerConfig defaults() {
        return new PeerConfig(List.of(), List.of(), null, DtlsCertificate.generate(), DEFAULT_MAX_MESSAGE_SIZE,
                EventLoops.shared());
    }

    public PeerConfig withHostAddresses(InetAddress... addresses) {
        return new PeerConfig(List.of(addresses), iceServers, remoteAddressFilter, certificate, maxMessageSize, loops);
    }

    public PeerConfig withIceServers(List<IceServer> servers) {
        return new PeerConfig(hostAddresses, servers, remoteAddressFilter, certificate, maxMessageSize, loops);
    }

    public PeerConfig withRemoteAddressFilter(Predicate<InetAddress> filter) {
        return new PeerConfig(hostAddresses, iceServers, filter, certificate, maxMessageSize, loops);
    }

    public PeerConfig withCertificate(DtlsCertificate cert) {
        return new PeerConfig(hostAddresses, iceServers, remoteAddressFilter, cert, maxMessageSize, loops);
    }

    public PeerConfig withMaxMessageSize(int size) {
        return new PeerConfig(hostAddresses, iceServers, remoteAddressFilter, certificate, size, loops);
    }
}
