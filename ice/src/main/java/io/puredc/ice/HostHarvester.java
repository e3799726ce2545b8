package io.puredc.ice;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketAddress;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.ice4j.Transport;
import org.ice4j.TransportAddress;
import org.ice4j.ice.Component;
import org.ice4j.ice.HostCandidate;
import org.ice4j.ice.LocalCandidate;
import org.ice4j.ice.harvest.CandidateHarvester;
import org.ice4j.ice.harvest.HarvestStatistics;
import org.ice4j.socket.IceUdpSocketWrapper;
import org.ice4j.socket.MultiplexingDatagramSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Host candidates on an explicit address list. ice4j's own HostCandidateHarvester always skips loopback
 * interfaces and addresses, which tests and {@code PEER_ADDRESS=127.0.0.1} runs need; the Agent uses
 * harvesters flagged {@link #isHostHarvester()} instead of it when dynamic ports are off.
 * Each address gets one UDP socket on an ephemeral port (RFC 8445 §5.1.1.1), a {@link HostSocket} that
 * reads it and passes STUN on to ice4j's multiplexing socket (and the agent's STUN stack behind it) and
 * DTLS straight to the selected pair's transport.
 */
final class HostHarvester implements CandidateHarvester {
    private static final Logger LOG = LoggerFactory.getLogger(HostHarvester.class);
    /**
     * SO_RCVBUF asked for each host candidate socket. The usual 208 KiB default holds ~170 full
     * datagrams: a burst of the peer's (SCTP's cwnd grows to megabytes on a fast path) that arrives
     * while the reader is descheduled overflows it, and every overflow is a loss that SCTP answers
     * by halving cwnd. The kernel caps the request at net.core.rmem_max and only uses the memory
     * while datagrams wait.
     */
    static final int RECEIVE_BUFFER_BYTES = 2 << 20;

    private final List<InetAddress> addresses;
    private final Set<SocketAddress> turnServers;
    private final AtomicLong dropped;
    private final HarvestStatistics statistics = new HarvestStatistics();
    private final Map<InetSocketAddress, HostSocket> sockets = new ConcurrentHashMap<>();

    /**
     * {@code turnServers}: whose ChannelData the sockets pass to ice4j; {@code dropped} counts datagrams the
     * sockets' readers refuse (see {@link HostSocket}).
     */
    HostHarvester(List<InetAddress> addresses, Set<SocketAddress> turnServers, AtomicLong dropped) {
        this.addresses = List.copyOf(addresses);
        this.turnServers = Set.copyOf(turnServers);
        this.dropped = dropped;
    }

    /** Our socket under {@code local} (a host candidate, or one whose base is), or null (a relayed one). */
    HostSocket socketOf(LocalCandidate local) {
        LocalCandidate base = local.getBase() != null ? local.getBase() : local;
        TransportAddress at = base.getTransportAddress();
        return sockets.get(new InetSocketAddress(at.getAddress(), at.getPort()));
    }

    /** Every address of every up, non-loopback interface, without IPv6 link-local (needs a scope id). */
    static List<InetAddress> usableAddresses() throws SocketException {
        List<InetAddress> out = new ArrayList<>();
        Enumeration<NetworkInterface> interfaces = NetworkInterface.getNetworkInterfaces();
        while (interfaces != null && interfaces.hasMoreElements()) {
            NetworkInterface nif = interfaces.nextElement();
            if (!nif.isUp() || nif.isLoopback()) {
                continue;
            }
            for (Enumeration<InetAddress> e = nif.getInetAddresses(); e.hasMoreElements(); ) {
                InetAddress a = e.nextElement();
                if (a.isLoopbackAddress() || a.isAnyLocalAddress() || a.isMulticastAddress()
                        || (a instanceof Inet6Address && a.isLinkLocalAddress())) {
                    continue;
                }
                out.add(a);
            }
        }
        return out;
    }

    @Override
    public Collection<LocalCandidate> harvest(Component component) {
        List<LocalCandidate> gathered = new ArrayList<>();
        for (InetAddress address : addresses) {
            HostSocket host;
            MultiplexingDatagramSocket socket;
            try {
                host = new HostSocket(address, RECEIVE_BUFFER_BYTES, turnServers, dropped);
            } catch (SocketException e) {
                LOG.warn("cannot bind a host candidate on {}: {}", address.getHostAddress(), e.toString());
                continue;
            }
            try {
                socket = new MultiplexingDatagramSocket(host);
            } catch (SocketException e) {
                host.close();
                LOG.warn("cannot wrap the host candidate socket on {}: {}", address.getHostAddress(), e.toString());
                continue;
            }
            HostCandidate candidate = new HostCandidate(new IceUdpSocketWrapper(socket), component, Transport.UDP);
            if (!component.addLocalCandidate(candidate)) {
                socket.close();
                continue;
            }
            sockets.put((InetSocketAddress) host.getLocalSocketAddress(), host);
            // Connectivity checks use this socket; without registering it the STUN stack never reads it.
            candidate.getStunStack().addSocket(candidate.getStunSocket(null));
            gathered.add(candidate);
        }
        return gathered;
    }

    @Override
    public HarvestStatistics getHarvestStatistics() {
        return statistics;
    }

    @Override
    public boolean isHostHarvester() {
        return true;
    }
}
