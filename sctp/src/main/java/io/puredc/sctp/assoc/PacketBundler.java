package io.puredc.sctp.assoc;

import io.puredc.sctp.api.SctpOptions;
import io.puredc.sctp.packet.SctpPacket;
import io.puredc.sctp.packet.chunk.Chunk;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Bundles chunks into packets of at most the MTU with the peer's verification tag (RFC 9260 §6.10). */
final class PacketBundler implements PacketSink {
    private final SctpOptions options;
    private final int verificationTag;
    private final Consumer<byte[]> emit;
    private final List<Chunk> chunks = new ArrayList<>();
    private int size = SctpPacket.HEADER_SIZE;

    PacketBundler(SctpOptions options, int verificationTag, Consumer<byte[]> emit) {
        this.options = options;
        this.verificationTag = verificationTag;
        this.emit = emit;
    }

    @Override
    public void add(Chunk chunk) {
        if (chunk.paddedSize() > options.mtu() - size) {
            finishPacket();
        }
        chunks.add(chunk);
        size += chunk.paddedSize();
    }

    @Override
    public int bytesRemaining() {
        return options.mtu() - size;
    }

    @Override
    public int emptyPacketCapacity() {
        return options.mtu() - SctpPacket.HEADER_SIZE;
    }

    @Override
    public void finishPacket() {
        if (chunks.isEmpty()) {
            return;
        }
        emit.accept(SctpPacket.encode(options.localPort(), options.remotePort(), verificationTag, chunks, size));
        chunks.clear();
        size = SctpPacket.HEADER_SIZE;
    }
}
