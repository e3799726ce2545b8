package io.puredc.peer;

import io.puredc.dtls.PacketTransport;
import io.puredc.dtls.TransportException;
import io.puredc.ice.IceTransport;
import io.puredc.ice.IceTransportException;
import java.nio.ByteBuffer;
import java.util.function.Consumer;

/** The ICE selected pair seen as the DTLS layer's datagram transport. */
final class IcePacketTransport implements PacketTransport {
    private final IceTransport ice;

    IcePacketTransport(IceTransport ice) {
        this.ice = ice;
    }

    @Override
    public void send(ByteBuffer packet) {
        try {
            ice.send(packet.duplicate());
        } catch (IceTransportException | IllegalArgumentException e) {
            throw new TransportException("ICE send failed: " + e.getMessage(), e);
        }
    }

    @Override
    public int maxPacketSize() {
        return ice.maxPacketSize();
    }

    @Override
    public void onReceive(Consumer<ByteBuffer> consumer) {
        ice.onReceive(consumer);
    }

    @Override
    public void close() {
        ice.close();
    }
}
