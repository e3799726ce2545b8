package io.puredc.sctp.packet;

import io.puredc.sctp.packet.chunk.Chunk;
import java.util.ArrayList;
import java.util.List;

/**
 * Bundles chunks into packets no larger than an MTU (RFC 9260 §6.10): add chunks while they fit,
 * then {@link #build()} and continue with the next packet. Fragmenting a message into DATA chunks
 * that fit {@link #bytesRemaining()} is the sender's job; a chunk that cannot fit even an empty
 * packet is never accepted. Bundling rules (INIT, INIT ACK and SHUTDOWN COMPLETE travel alone) are
 * the association's to apply.
 */
public final class PacketBuilder {
    /**
     * SCTP packet size WebRTC stacks use: DTLS over UDP must fit a conservative path MTU once the
     * IP, UDP and DTLS record overheads are added (dcSCTP derives 1191 from IPv6's 1280).
     */
    public static final int DEFAULT_MTU = 1200;
    /** A header and one empty chunk. */
    public static final int MIN_MTU = SctpPacket.HEADER_SIZE + Tlv.HEADER_SIZE;

    private final int sourcePort;
    private final int destinationPort;
    private final int mtu;
    private int verificationTag;
    private final List<Chunk> chunks = new ArrayList<>();
    private int size = SctpPacket.HEADER_SIZE;

    public PacketBuilder(int sourcePort, int destinationPort, int verificationTag) {
        this(sourcePort, destinationPort, verificationTag, DEFAULT_MTU);
    }

    public PacketBuilder(int sourcePort, int destinationPort, int verificationTag, int mtu) {
        this.sourcePort = Fields.checkU16(sourcePort, "source port");
        this.destinationPort = Fields.checkU16(destinationPort, "destination port");
        if (mtu < MIN_MTU) {
            throw new IllegalArgumentException("MTU below " + MIN_MTU + ": " + mtu);
        }
        this.mtu = mtu;
        this.verificationTag = verificationTag;
    }

    /** The tag for the packets built from now on (it changes once the peer's tag is known). */
    public void verificationTag(int tag) {
        this.verificationTag = tag;
    }

    public int mtu() {
        return mtu;
    }

    /** Bytes a further chunk may take, padding included. */
    public int bytesRemaining() {
        return mtu - size;
    }

    public boolean isEmpty() {
        return chunks.isEmpty();
    }

    /** Size of the packet built so far, checksum header included. */
    public int size() {
        return size;
    }

    /** Whether {@code chunk} fits in the packet being built. */
    public boolean fits(Chunk chunk) {
        return chunk.paddedSize() <= bytesRemaining();
    }

    /** Adds {@code chunk} if it fits and says whether it did. */
    public boolean tryAdd(Chunk chunk) {
        int padded = chunk.paddedSize();
        if (padded > bytesRemaining()) {
            return false;
        }
        chunks.add(chunk);
        size += padded;
        return true;
    }

    /** Encodes the bundled chunks into a packet and starts a new, empty one. */
    public byte[] build() {
        if (chunks.isEmpty()) {
            throw new IllegalStateException("no chunk to send");
        }
        byte[] packet = new SctpPacket(sourcePort, destinationPort, verificationTag, chunks).toBytes();
        chunks.clear();
        size = SctpPacket.HEADER_SIZE;
        return packet;
    }
}
