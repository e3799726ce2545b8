package io.puredc.peer;

import io.puredc.dtls.DtlsCertificate;
import java.net.InetAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Two peer connections on 127.0.0.1 that signal to each other in process (offer from A, answer from B). */
final class LoopbackPair implements AutoCloseable {
    static final DtlsCertificate CERT_A = DtlsCertificate.generate();
    static final DtlsCertificate CERT_B = DtlsCertificate.generate();

    final PeerConnection a;
    final PeerConnection b;

    LoopbackPair() throws Exception {
        this(config(CERT_A), config(CERT_B));
    }

    LoopbackPair(PeerConfig ca, PeerConfig cb) {
        a = PeerConnection.create(ca);
        b = PeerConnection.create(cb);
        a.onIceCandidate(c -> b.addIceCandidate(c));
        b.onIceCandidate(c -> a.addIceCandidate(c));
    }

    static PeerConfig config(DtlsCertificate cert) throws Exception {
        InetAddress lo = InetAddress.getByName("127.0.0.1");
        return PeerConfig.defaults().withCertificate(cert).withHostAddresses(lo)
                .withRemoteAddressFilter(addr -> addr.isLoopbackAddress());
    }

    /** Offer/answer; channels created on A beforehand open once the connection is up. */
    void negotiate() throws Exception {
        SessionDescription offer = a.createOffer().get(10, TimeUnit.SECONDS);
        a.setLocalDescription(offer).get(10, TimeUnit.SECONDS);
        b.setRemoteDescription(offer).get(10, TimeUnit.SECONDS);
        SessionDescription answer = b.createAnswer().get(10, TimeUnit.SECONDS);
        b.setLocalDescription(answer).get(10, TimeUnit.SECONDS);
        a.setRemoteDescription(answer).get(10, TimeUnit.SECONDS);
    }

    static CompletableFuture<Void> opened(DataChannel dc) {
        CompletableFuture<Void> f = new CompletableFuture<>();
        dc.onOpen(() -> f.complete(null));
        if (dc.readyState() == DataChannel.ReadyState.OPEN) {
            f.complete(null);
        }
        return f;
    }

    @Override
    public void close() throws java.util.concurrent.ExecutionException, java.util.concurrent.TimeoutException {
        a.close();
        b.close();
        try {
            a.closeFuture().get(10, TimeUnit.SECONDS);
            b.closeFuture().get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
