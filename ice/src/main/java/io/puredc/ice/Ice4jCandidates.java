package io.puredc.ice;

import java.net.InetAddress;

import org.ice4j.TransportAddress;
import org.ice4j.ice.CandidateType;
import org.ice4j.ice.LocalCandidate;

/** Between ice4j's candidate objects and {@link IceCandidate}'s SDP vocabulary (RFC 8839 §5.1 cand-type). */
final class Ice4jCandidates {
    private Ice4jCandidates() {
    }

    static CandidateType ice4jType(String type) {
        switch (type) {
            case IceCandidate.HOST:
                return CandidateType.HOST_CANDIDATE;
            case IceCandidate.SRFLX:
                return CandidateType.SERVER_REFLEXIVE_CANDIDATE;
            case IceCandidate.PRFLX:
                return CandidateType.PEER_REFLEXIVE_CANDIDATE;
            case IceCandidate.RELAY:
                return CandidateType.RELAYED_CANDIDATE;
            default:
                return null;
        }
    }

    static IceCandidate toIceCandidate(LocalCandidate c) {
        String type;
        switch (c.getType()) {
            case HOST_CANDIDATE:
                type = IceCandidate.HOST;
                break;
            case SERVER_REFLEXIVE_CANDIDATE:
                type = IceCandidate.SRFLX;
                break;
            case PEER_REFLEXIVE_CANDIDATE:
                type = IceCandidate.PRFLX;
                break;
            case RELAYED_CANDIDATE:
                type = IceCandidate.RELAY;
                break;
            default:
                return null;
        }
        TransportAddress a = c.getTransportAddress();
        TransportAddress rel = c.getRelatedAddress();
        return IceCandidate.udp(c.getFoundation(), c.getPriority(), literal(a.getAddress()), a.getPort(), type,
                rel == null ? null : literal(rel.getAddress()), rel == null ? -1 : rel.getPort());
    }

    /** The address without an IPv6 zone id, which is meaningless to the peer. */
    static String literal(InetAddress a) {
        String s = a.getHostAddress();
        int zone = s.indexOf('%');
        return zone < 0 ? s : s.substring(0, zone);
    }

    /** {@code host}, {@code srflx}, {@code prflx} or {@code relay}; ice4j's name for anything else. */
    static String sdpType(CandidateType t) {
        switch (t) {
            case HOST_CANDIDATE:
                return IceCandidate.HOST;
            case SERVER_REFLEXIVE_CANDIDATE:
                return IceCandidate.SRFLX;
            case PEER_REFLEXIVE_CANDIDATE:
                return IceCandidate.PRFLX;
            case RELAYED_CANDIDATE:
                return IceCandidate.RELAY;
            default:
                return t.toString();
        }
    }
}
