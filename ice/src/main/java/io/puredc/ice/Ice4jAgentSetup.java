package io.puredc.ice;

import java.io.IOException;
import java.net.InetAddress;
import java.net.SocketAddress;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import org.ice4j.Transport;
import org.ice4j.TransportAddress;
import org.ice4j.ice.Agent;
import org.ice4j.ice.Component;
import org.ice4j.ice.IceMediaStream;
import org.ice4j.ice.KeepAliveStrategy;
import org.ice4j.ice.harvest.StunCandidateHarvester;
import org.ice4j.ice.harvest.TurnCandidateHarvester;
import org.ice4j.security.LongTermCredential;

/**
 * Builds the ice4j side of one {@link IceAgent}: the {@link Agent} with the settings we rely on (see the
 * module README, "ice4j settings"), our host harvester, the STUN/TURN harvesters of the configuration,
 * and the one data stream with its single component, whose host sockets are bound on return.
 */
final class Ice4jAgentSetup {
    private Ice4jAgentSetup() {
    }

    /** What an agent is made of; {@code dropped} counts datagrams the host sockets' readers refuse. */
    record Parts(Agent agent, IceMediaStream stream, Component component, HostHarvester hosts, AtomicLong dropped) {
    }

    /**
     * @throws IOException           if no host candidate could be bound
     * @throws IllegalStateException if ice4j's own configuration would contact servers not in {@code config}
     */
    static Parts build(IceConfig config, long checkPacingMillis) throws IOException {
        // Before the first Agent: its constructor starts ice4j's process-wide mapping harvesters.
        Ice4jDefaults.check();
        List<InetAddress> addresses = config.hostAddresses().isEmpty()
                ? HostHarvester.usableAddresses() : config.hostAddresses();
        if (addresses.isEmpty()) {
            throw new IOException("no usable interface address for host candidates; set IceConfig.hostAddresses");
        }
        Agent agent = new Agent();
        agent.setControlling(config.role() == IceRole.CONTROLLING);
        // Server harvesting happens in gather(), off the caller's thread (RFC 8838 trickle).
        agent.setTrickling(true);
        // Off: the Agent then skips ice4j's loopback-refusing host harvester and uses ours.
        agent.setUseDynamicPorts(false);
        // RFC 7675: consent checks on the selected pair instead of plain binding indications.
        agent.setPerformConsentFreshness(true);
        // RFC 8445 §14.2: Ta, the pace of checks; ice4j's 20 ms is paid before every check after the first,
        // the nominating one included. 5 ms is the floor §14.2 allows.
        agent.setTa(checkPacingMillis);
        AtomicLong dropped = new AtomicLong();
        Set<SocketAddress> turnServers = config.servers().stream().filter(s -> s.kind() == IceServer.Kind.TURN_UDP)
                .map(IceServer::address).collect(Collectors.toSet());
        HostHarvester hosts = new HostHarvester(addresses, turnServers, dropped);
        agent.addCandidateHarvester(hosts);
        for (IceServer server : config.servers()) {
            TransportAddress at = new TransportAddress(server.address(), Transport.UDP);
            agent.addCandidateHarvester(server.kind() == IceServer.Kind.STUN
                    ? new StunCandidateHarvester(at)
                    : new TurnCandidateHarvester(at, new LongTermCredential(server.username(), server.password())));
        }
        IceMediaStream stream;
        Component component;
        try {
            stream = agent.createMediaStream("data");
            // false: no merging component socket (a thread per candidate socket more); HostSocket reads ours.
            component = agent.createComponent(stream, KeepAliveStrategy.SELECTED_ONLY, false);
        } catch (IOException | RuntimeException e) {
            agent.free();
            throw e;
        }
        if (component.getLocalCandidateCount() == 0) {
            agent.free();
            throw new IOException("could not bind a host candidate on any of " + addresses);
        }
        return new Parts(agent, stream, component, hosts, dropped);
    }
}
