package io.puredc.dtls;

import java.nio.ByteBuffer;
import java.util.function.Consumer;

/**
 * A datagram transport: the seam between the stack's modules.
 *
 * <p>{@code ice} provides one (the selected candidate pair), {@code dtls} consumes one and
 * exposes one carrying plaintext application data (SCTP packets), {@code peer} composes them.
 * Datagram semantics: each {@link #send} is one datagram, delivery is unreliable and may reorder.
 *
 * <p>Named to avoid confusion with BouncyCastle's {@code org.bouncycastle.tls.DatagramTransport}.
 */
public interface PacketTransport {

    /**
     * Sends the remaining bytes of {@code packet} as one datagram. The buffer's position is not
     * advanced and the caller may reuse the buffer once this returns.
     *
     * @throws TransportException if the transport is closed or failed, or the packet is larger
     *     than {@link #maxPacketSize()}
     */
    void send(ByteBuffer packet);

    /** The largest datagram, in bytes, that {@link #send} accepts. */
    int maxPacketSize();

    /**
     * Sets the consumer of received datagrams, replacing any previous one. Each buffer handed to
     * the consumer is the consumer's own (it may keep it). Implementations document the thread
     * that calls the consumer; it is never called concurrently with itself.
     */
    void onReceive(Consumer<ByteBuffer> consumer);

    /** Closes the transport; idempotent. Later {@link #send} calls throw. */
    void close();
}
