package io.puredc.ice;

import java.nio.ByteBuffer;
import java.util.function.Consumer;

/**
 * The selected candidate pair as a datagram transport, for DTLS on top. Only datagrams whose first byte
 * is in the DTLS range 20..63 (RFC 7983 §7) are delivered; STUN (0..3) stays with ice4j and any other
 * first byte is dropped and counted ({@link IceAgent#droppedDatagrams()}).
 */
public interface IceTransport {

    /**
     * Sends {@code datagram}'s remaining bytes as one UDP datagram on the selected pair.
     *
     * @throws IllegalArgumentException if it is larger than {@link #maxPacketSize()}
     * @throws IceTransportException    if the transport is failed or closed, or the socket refuses it
     */
    void send(ByteBuffer datagram);

    /** The largest datagram {@link #send} accepts. */
    int maxPacketSize();

    /**
     * Sets the receiver of incoming DTLS datagrams. Each buffer is a fresh copy the receiver may keep.
     * It runs on the agent's reader thread and must not block for long. Datagrams that arrived before a
     * receiver was set (a peer's first DTLS flight can beat the application; up to 64 are kept) are
     * delivered to it first, on the thread calling this method.
     */
    void onReceive(Consumer<ByteBuffer> receiver);

    /** Closes the ICE agent behind this transport (same as {@link IceAgent#close()}). */
    void close();
}
