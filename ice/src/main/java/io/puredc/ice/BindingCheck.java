package io.puredc.ice;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.ice4j.ResponseCollector;
import org.ice4j.StunResponseEvent;
import org.ice4j.StunTimeoutEvent;
import org.ice4j.Transport;
import org.ice4j.TransportAddress;
import org.ice4j.attribute.AttributeFactory;
import org.ice4j.attribute.MessageIntegrityAttribute;
import org.ice4j.ice.Agent;
import org.ice4j.ice.CandidateType;
import org.ice4j.ice.IceMediaStream;
import org.ice4j.ice.LocalCandidate;
import org.ice4j.message.MessageFactory;
import org.ice4j.message.Request;
import org.ice4j.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One authenticated STUN Binding request of our own, outside ice4j's check list: used to verify a
 * peer address that sends us DTLS without being the selected pair's remote, and for RFC 7675
 * consent of an address we follow ({@link IceAgent#checkSource}, {@link IceAgent#peerSendsFrom}).
 */
final class BindingCheck {
    private static final Logger LOG = LoggerFactory.getLogger(BindingCheck.class);

    private BindingCheck() {
    }

    /**
     * Sends the request from {@code local}'s socket to {@code to}; {@code done} gets true once a
     * success response arrives from that very address (RFC 8445 §7.2.5.2.1) with a
     * MESSAGE-INTEGRITY made with the peer's password (§7.2.5.2), false on an error response, a
     * timeout or a response that fails those checks. Returns false, without calling {@code done},
     * if nothing could be sent.
     */
    static boolean send(Agent agent, IceMediaStream stream, LocalCandidate local, InetSocketAddress to,
                        int agentId, Consumer<Boolean> done) {
        String username = agent.generateLocalUserName(stream.getName());
        String remotePassword = stream.getRemotePassword();
        if (username == null || remotePassword == null) {
            return false;
        }
        Request request = MessageFactory.createBindingRequest();
        // RFC 8445 §7.1.1: the priority a peer-reflexive candidate learned from this check would have.
        request.putAttribute(AttributeFactory.createPriorityAttribute(
                local.computePriorityForType(CandidateType.PEER_REFLEXIVE_CANDIDATE)));
        // §7.1.3: our role and tie-breaker; no USE-CANDIDATE, this check nominates nothing.
        request.putAttribute(agent.isControlling()
                ? AttributeFactory.createIceControllingAttribute(agent.getTieBreaker())
                : AttributeFactory.createIceControlledAttribute(agent.getTieBreaker()));
        // §7.2.2: USERNAME "remote-ufrag:local-ufrag", MESSAGE-INTEGRITY with the peer's password.
        request.putAttribute(AttributeFactory.createUsernameAttribute(username));
        MessageIntegrityAttribute integrity = AttributeFactory.createMessageIntegrityAttribute(username);
        integrity.setMedia(stream.getName());
        request.putAttribute(integrity);
        TransportAddress target = new TransportAddress(to.getAddress(), to.getPort(), Transport.UDP);
        AtomicBoolean answered = new AtomicBoolean();
        ResponseCollector collector = new ResponseCollector() {
            @Override
            public void processResponse(StunResponseEvent event) {
                Response response = event.getResponse();
                boolean ok = response.isSuccessResponse()
                        && target.equals(event.getRemoteAddress())
                        && StunIntegrity.verify(event.getRawMessage().getBytes(),
                                event.getRawMessage().getMessageLength(), remotePassword);
                LOG.debug("ice agent {}: check of {} {}", agentId, to, ok ? "succeeded" : "failed: " + response);
                if (answered.compareAndSet(false, true)) {
                    done.accept(ok);
                }
            }

            @Override
            public void processTimeout(StunTimeoutEvent event) {
                LOG.debug("ice agent {}: check of {} timed out", agentId, to);
                if (answered.compareAndSet(false, true)) {
                    done.accept(false);
                }
            }
        };
        try {
            agent.getStunStack().sendRequest(request, target, baseAddress(local), collector);
            return true;
        } catch (IOException | RuntimeException e) {
            LOG.debug("ice agent {}: could not check {}", agentId, to, e);
            return false;
        }
    }

    /** The address of the socket a local candidate sends from (RFC 8445 §5.1.1.3: its base). */
    private static TransportAddress baseAddress(LocalCandidate c) {
        LocalCandidate base = c.getBase();
        return (base == null ? c : base).getTransportAddress();
    }
}
