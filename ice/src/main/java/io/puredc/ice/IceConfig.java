package io.puredc.ice;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * How one {@link IceAgent} gathers and whom it accepts.
 *
 * @param role                role in RFC 8445 §6.1.1 terms
 * @param hostAddresses       addresses to bind host candidates on; empty = every address of every up,
 *                            non-loopback interface (IPv6 link-local excluded). Loopback addresses are
 *                            allowed here (ice4j's own harvester skips them), e.g. 127.0.0.1 for tests.
 * @param servers             the only STUN/TURN servers contacted
 * @param remoteAddressFilter remote candidates whose address fails it are skipped; null = accept all
 * @param disconnectedTimeout no consent response for this long → {@link IceState#DISCONNECTED}
 * @param consentTimeout      no consent response for this long → {@link IceState#FAILED}, sending stops;
 *                            RFC 7675 §5.1 sets 30 s
 */
public record IceConfig(
        IceRole role,
        List<InetAddress> hostAddresses,
        List<IceServer> servers,
        Predicate<InetAddress> remoteAddressFilter,
        Duration disconnectedTimeout,
        Duration consentTimeout) {

    /** RFC 7675 §5.1: "Consent expires after 30 seconds". */
    public static final Duration RFC7675_CONSENT_TIMEOUT = Duration.ofSeconds(30);
    /**
     * Above ice4j's consent interval as {@link Ice4jDefaults} sets it (5 s, randomised up to 6 s) plus a
     * few retransmissions, so a healthy pair never looks disconnected.
     */
    public static final Duration DEFAULT_DISCONNECTED_TIMEOUT = Duration.ofSeconds(8);

    public IceConfig {
        Objects.requireNonNull(role, "role");
        hostAddresses = List.copyOf(hostAddresses);
        servers = List.copyOf(servers);
        Objects.requireNonNull(disconnectedTimeout, "disconnectedTimeout");
        Objects.requireNonNull(consentTimeout, "consentTimeout");
        if (disconnectedTimeout.isNegative() || disconnectedTimeout.isZero()
                || consentTimeout.compareTo(disconnectedTimeout) < 0) {
            throw new IllegalArgumentException("need 0 < disconnectedTimeout <= consentTimeout");
        }
    }

    /** All interfaces, no servers, no filter, RFC 7675 timeouts. */
    public static IceConfig of(IceRole role) {
        return new IceConfig(role, List.of(), List.of(), null, DEFAULT_DISCONNECTED_TIMEOUT, RFC7675_CONSENT_TIMEOUT);
    }

    public IceConfig withHostAddresses(InetAddress... addresses) {
        return new IceConfig(role, List.of(addresses), servers, remoteAddressFilter, disconnectedTimeout,
                consentTimeout);
    }

    public IceConfig withServers(IceServer... list) {
        return new IceConfig(role, hostAddresses, List.of(list), remoteAddressFilter, disconnectedTimeout,
                consentTimeout);
    }

    public IceConfig withRemoteAddressFilter(Predicate<InetAddress> filter) {
        return new IceConfig(role, hostAddresses, servers, filter, disconnectedTimeout, consentTimeout);
    }

    public IceConfig withConsentTimeouts(Duration disconnected, Duration expiry) {
        return new IceConfig(role, hostAddresses, servers, remoteAddressFilter, disconnected, expiry);
    }
}
