package io.puredc.sctp.assoc;

import io.puredc.sctp.api.AssociationState;
import io.puredc.sctp.api.SctpOptions;
import io.puredc.sctp.packet.Bytes;
import io.puredc.sctp.packet.cause.StaleCookieCause;
import io.puredc.sctp.packet.chunk.CookieAckChunk;
import io.puredc.sctp.packet.chunk.CookieEchoChunk;
import io.puredc.sctp.packet.chunk.ErrorChunk;
import io.puredc.sctp.packet.chunk.ForwardTsnChunk;
import io.puredc.sctp.packet.chunk.InitAckChunk;
import io.puredc.sctp.packet.chunk.InitChunk;
import io.puredc.sctp.packet.chunk.ReConfigChunk;
import io.puredc.sctp.packet.param.ForwardTsnSupportedParameter;
import io.puredc.sctp.packet.param.Parameter;
import io.puredc.sctp.packet.param.StateCookieParameter;
import io.puredc.sctp.packet.param.SupportedExtensionsParameter;
import io.puredc.sctp.packet.param.UnknownParameter;
import io.puredc.sctp.packet.param.UnrecognizedParameter;
import io.puredc.sctp.timer.Timer;
import io.puredc.sctp.types.Tsn;
import java.util.ArrayList;
import java.util.List;

/**
 * The four-way handshake of RFC 9260 §5.1 (INIT, INIT ACK with a state cookie, COOKIE ECHO,
 * COOKIE ACK), its timers T1-init and T1-cookie (§5.1 A, C), and the collision cases of §5.2
 * that WebRTC meets because both peers send INIT at once.
 */
final class Handshake {
    /** What the peer's INIT or INIT ACK parameters say it supports. */
    private record Capabilities(boolean forwardTsn, boolean reconfig, Bytes cookie, List<Parameter> unrecognized) {}

    private final Association a;
    private final Timer t1Init;
    private final Timer t1Cookie;
    private InitChunk init;
    private Bytes cookieToEcho;

    Handshake(Association association) {
        this.a = association;
        SctpOptions o = association.opts();
        long cap = Math.min(o.rtoMax(), o.maxTimerBackoff());
        this.t1Init = Timer.exponential("t1-init", o.rtoInitial(), cap, o.maxInitRetransmits());
        this.t1Cookie = Timer.exponential("t1-cookie", o.rtoInitial(), cap, o.maxInitRetransmits());
    }

    boolean isActive() {
        return t1Init.isRunning() || t1Cookie.isRunning();
    }

    /** §5.1 A: INIT with our tag, window, streams and initial TSN; T1-init runs. */
    void sendInit(long now) {
        SctpOptions o = a.opts();
        init = new InitChunk(a.localTag(), o.receiveWindow(), o.outboundStreams(), o.inboundStreams(),
                Tsn.of(a.localInitialTsn()), ourParameters());
        a.setState(AssociationState.COOKIE_WAIT);
        a.sendAlone(init, 0); // §8.5.1: an INIT carries tag 0
        t1Init.start(now);
    }

    /** RFC 3758 §3.1 and RFC 6525 §3.1 announce PR-SCTP and RE-CONFIG (RFC 5061 §4.2.7). */
    private static List<Parameter> ourParameters() {
        return List.of(new ForwardTsnSupportedParameter(),
                new SupportedExtensionsParameter(List.of(ForwardTsnChunk.TYPE, ReConfigChunk.TYPE)));
    }

    /**
     * §5.1 B and §5.2.1: answer an INIT with an INIT ACK carrying a signed cookie, keeping no
     * state. In COOKIE-WAIT / COOKIE-ECHOED (an INIT collision) the same tag and initial TSN
     * as our own INIT are used, which ours always are. An INIT to an established association
     * (a peer restart or a stray second association) is ignored.
     */
    void handleInit(InitChunk in, int chunksInPacket, long now) {
        if (in.initiateTag() == 0 || in.outboundStreams() == 0 || in.inboundStreams() == 0) {
            a.counters().malformedPackets++; // §3.3.2: discarded
            return;
        }
        AssociationState s = a.state();
        if (s != AssociationState.CLOSED && s != AssociationState.COOKIE_WAIT && s != AssociationState.COOKIE_ECHOED) {
            a.counters().unexpectedChunks++;
            return;
        }
        if (a.hasTcb() && s == AssociationState.CLOSED) {
            a.counters().unexpectedChunks++; // closed for good
            return;
        }
        Capabilities peer = capabilities(in.parameters());
        StateCookie cookie = new StateCookie(now, a.localTag(), a.localInitialTsn(), in.initiateTag(),
                in.initialTsn().value(), in.advertisedReceiverWindowCredit(), in.outboundStreams(),
                in.inboundStreams(), peer.forwardTsn(), peer.reconfig());
        List<Parameter> params = new ArrayList<>();
        params.add(new StateCookieParameter(Bytes.of(cookie.sign(a.cookieSecret()))));
        params.addAll(ourParameters());
        for (Parameter p : peer.unrecognized()) {
            params.add(new UnrecognizedParameter(Bytes.of(p.toBytes()))); // §3.3.3.1
        }
        SctpOptions o = a.opts();
        a.sendAlone(new InitAckChunk(a.localTag(), o.receiveWindow(), o.outboundStreams(), o.inboundStreams(),
                Tsn.of(a.localInitialTsn()), params), in.initiateTag());
    }

    /** §5.1 C: our INIT was answered; echo the cookie. Elsewhere an INIT ACK is discarded (§5.2.3). */
    void handleInitAck(InitAckChunk ack, int chunksInPacket, long now) {
        if (a.state() != AssociationState.COOKIE_WAIT) {
            a.counters().unexpectedChunks++;
            return;
        }
        Capabilities peer = capabilities(ack.parameters());
        if (ack.initiateTag() == 0 || peer.cookie() == null || chunksInPacket != 1) {
            a.counters().malformedPackets++;
            return;
        }
        t1Init.stop();
        a.establishTcb(ack.initiateTag(), ack.initialTsn().value(), ack.advertisedReceiverWindowCredit(),
                ack.outboundStreams(), ack.inboundStreams(), peer.forwardTsn());
        cookieToEcho = peer.cookie();
        a.setState(AssociationState.COOKIE_ECHOED);
        a.queueControl(new CookieEchoChunk(cookieToEcho));
        t1Cookie.start(now);
    }

    /**
     * §5.1.5 and §5.2.4: validate the cookie (signature, the packet's tag, lifetime), then
     * create the TCB from it, or, when one exists, decide by the tags: the same peer tag (case
     * D) or a new one from a collision (case B) both establish and answer COOKIE ACK. Returns
     * false when the packet is to be dropped.
     */
    boolean handleCookieEcho(CookieEchoChunk echo, int packetTag, long now) {
        StateCookie c;
        try {
            c = StateCookie.verify(echo.cookie().toByteArray(), a.cookieSecret());
        } catch (StateCookie.InvalidCookieException e) {
            a.counters().badCookies++;
            return false;
        }
        if (packetTag != c.localTag() || c.localTag() != a.localTag()) {
            a.counters().badVerificationTag++;
            return false;
        }
        long age = now - c.createdAt();
        if (age > a.opts().cookieLifetime()) {
            a.counters().staleCookies++;
            long staleMicros = Math.min(Integer.MAX_VALUE, (age - a.opts().cookieLifetime()) / 1000);
            a.sendAlone(new ErrorChunk(List.of(new StaleCookieCause((int) staleMicros))), c.peerTag());
            return false;
        }
        if (!a.hasTcb()) {
            stop();
            a.establishTcb(c.peerTag(), c.peerInitialTsn(), c.peerReceiveWindow(), c.peerOutboundStreams(),
                    c.peerInboundStreams(), c.peerForwardTsn());
            a.queueControl(new CookieAckChunk());
            a.onEstablished(now);
            return true;
        }
        if (a.state() == AssociationState.CLOSED) {
            a.counters().unexpectedChunks++;
            return false;
        }
        if (c.peerTag() != a.peerTag()) {
            a.updatePeerTag(c.peerTag()); // case B: the collision's cookie names the peer's tag
        }
        if (a.state() == AssociationState.COOKIE_ECHOED) {
            stop();
            a.onEstablished(now);
        }
        a.queueControl(new CookieAckChunk()); // also for a duplicate echo: the first ACK may be lost
        return true;
    }

    /** §5.1 E: our cookie was accepted. */
    void handleCookieAck(long now) {
        if (a.state() != AssociationState.COOKIE_ECHOED) {
            a.counters().unexpectedChunks++;
            return;
        }
        stop();
        a.onEstablished(now);
    }

    /** Retransmits INIT or COOKIE ECHO; false when Max.Init.Retransmits is exhausted (§5.1 A, C). */
    boolean handleTimeout(long now) {
        Timer.Outcome i = t1Init.poll(now);
        if (i == Timer.Outcome.EXHAUSTED) {
            return false;
        }
        if (i == Timer.Outcome.EXPIRED) {
            a.sendAlone(init, 0);
        }
        Timer.Outcome c = t1Cookie.poll(now);
        if (c == Timer.Outcome.EXHAUSTED) {
            return false;
        }
        if (c == Timer.Outcome.EXPIRED) {
            a.queueControl(new CookieEchoChunk(cookieToEcho));
        }
        return true;
    }

    long nextDeadline() {
        return Math.min(t1Init.expiry(), t1Cookie.expiry());
    }

    void stop() {
        t1Init.stop();
        t1Cookie.stop();
    }

    /**
     * Reads the parameters of an INIT or INIT ACK in order; an unknown parameter's upper bits
     * say whether to report it and whether to stop reading (§3.2.1).
     */
    private static Capabilities capabilities(List<Parameter> params) {
        boolean fwd = false;
        boolean reconfig = false;
        Bytes cookie = null;
        List<Parameter> unrecognized = new ArrayList<>();
        for (Parameter p : params) {
            if (p instanceof ForwardTsnSupportedParameter) {
                fwd = true;
            } else if (p instanceof SupportedExtensionsParameter ext) {
                fwd |= ext.supports(ForwardTsnChunk.TYPE);
                reconfig |= ext.supports(ReConfigChunk.TYPE);
            } else if (p instanceof StateCookieParameter sc) {
                cookie = sc.cookie();
            } else if (p instanceof UnknownParameter u) {
                if (u.action().reports()) {
                    unrecognized.add(u);
                }
                if (u.action().stopsProcessing()) {
                    break;
                }
            }
        }
        return new Capabilities(fwd, reconfig, cookie, unrecognized);
    }
}
