package io.puredc.sctp.assoc;

import io.puredc.sctp.packet.chunk.Chunk;

/** Where the association bundles outgoing chunks into MTU-sized packets (RFC 9260 §6.10). */
interface PacketSink {
    /** Adds the chunk to the packet being built, first sending that packet if the chunk does not fit. */
    void add(Chunk chunk);

    /** Bytes left in the packet being built. */
    int bytesRemaining();

    /** Bytes a chunk may take in an empty packet. */
    int emptyPacketCapacity();

    /** Sends the packet being built, if it holds anything. */
    void finishPacket();
}
