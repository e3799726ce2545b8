package io.puredc.peer;

/**
 * W3C RTCIceCandidateInit: a {@code candidate:} line without the {@code a=} prefix, and the
 * media section it belongs to. An empty {@code candidate} marks the end of candidates (RFC 8838).
 */
public record IceCandidateInit(String candidate, String sdpMid, int sdpMLineIndex) {
    public IceCandidateInit {
        candidate = candidate == null ? "" : candidate;
    }

    public static IceCandidateInit endOfCandidates(String mid) {
        return new IceCandidateInit("", mid, 0);
    }

    public boolean isEndOfCandidates() {
        return candidate.isEmpty();
    }
}
