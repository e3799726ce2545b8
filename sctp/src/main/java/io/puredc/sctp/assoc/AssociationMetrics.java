package io.puredc.sctp.assoc;

/**
 * Counters of one association, for tests and operators: everything dropped or refused is
 * counted here, never silently lost.
 */
public final class AssociationMetrics {
    long packetsReceived;
    long packetsSent;
    long badChecksum;
    long badVerificationTag;
    long malformedPackets;
    long unexpectedChunks;
    long unknownChunks;
    long outOfWindowTsns;
    long duplicateTsns;
    long dataDroppedNoBuffer;
    long invalidStreamData;
    long fastRetransmits;
    long t3Expirations;
    long retransmittedChunks;
    long abandonedMessages;
    long staleCookies;
    long badCookies;
    long dataChunksSent;
    long dataChunksReceived;

    public long packetsReceived() { return packetsReceived; }
    public long packetsSent() { return packetsSent; }
    /** Packets dropped because their CRC32c did not match (RFC 9260 §6.8). */
    public long badChecksum() { return badChecksum; }
    /** Packets dropped for a wrong verification tag (RFC 9260 §8.5). */
    public long badVerificationTag() { return badVerificationTag; }
    /** Packets that did not parse, or broke a bundling rule. */
    public long malformedPackets() { return malformedPackets; }
    /** Chunks that made no sense in the association's state and were ignored. */
    public long unexpectedChunks() { return unexpectedChunks; }
    /** Chunks of types we do not implement (RFC 9260 §3.2 upper-bit actions applied). */
    public long unknownChunks() { return unknownChunks; }
    /** DATA chunks (and FORWARD TSNs) too far ahead of the cumulative TSN. */
    public long outOfWindowTsns() { return outOfWindowTsns; }
    public long duplicateTsns() { return duplicateTsns; }
    /** DATA chunks dropped (not acknowledged) because the receive buffer was full. */
    public long dataDroppedNoBuffer() { return dataDroppedNoBuffer; }
    /** DATA chunks on a stream id beyond the negotiated inbound streams (RFC 9260 §6.5). */
    public long invalidStreamData() { return invalidStreamData; }
    public long fastRetransmits() { return fastRetransmits; }
    public long t3Expirations() { return t3Expirations; }
    public long retransmittedChunks() { return retransmittedChunks; }
    public long abandonedMessages() { return abandonedMessages; }
    public long staleCookies() { return staleCookies; }
    /** COOKIE ECHOs whose signature or content was refused. */
    public long badCookies() { return badCookies; }
    public long dataChunksSent() { return dataChunksSent; }
    public long dataChunksReceived() { return dataChunksReceived; }

    @Override
    public String toString() {
        return "AssociationMetrics[rx=" + packetsReceived + " tx=" + packetsSent + " badCrc=" + badChecksum
                + " badTag=" + badVerificationTag + " malformed=" + malformedPackets + " oow=" + outOfWindowTsns
                + " dup=" + duplicateTsns + " noBuf=" + dataDroppedNoBuffer + " fastRtx=" + fastRetransmits
                + " t3=" + t3Expirations + " rtxChunks=" + retransmittedChunks + " abandoned=" + abandonedMessages + "]";
    }
}
