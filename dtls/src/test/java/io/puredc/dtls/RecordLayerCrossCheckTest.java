package io.puredc.dtls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.ContentType;
import org.bouncycastle.tls.DTLSClientProtocol;
import org.bouncycastle.tls.DTLSTransport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/**
 * Our {@link AeadRecordLayer} against BouncyCastle's own record layer, over real handshakes: what
 * we seal BC opens, what BC seals we open, in both roles, with both of BC's crypto back ends and
 * both AES-GCM key sizes; close_notify crosses in both directions; and no epoch-1 sequence number
 * (hence no GCM nonce) is ever sent twice, including BC's records that we re-seal.
 */
class RecordLayerCrossCheckTest {

    static final long BOUND_SECONDS = DtlsTransportTest.BOUND_SECONDS;

    final ThreadPoolExecutor handshakes = HandshakeExecutors.newBoundedPool(4, "cross-check");
    final MemoryLink link = new MemoryLink(DtlsTransportTest.LINK_MTU);
    final List<DtlsTransport> transports = new ArrayList<>();

    @AfterEach
    void tearDown() {
        transports.forEach(DtlsTransport::close);
        link.close();
        handshakes.shutdownNow();
    }

    DtlsConfig config(DtlsConfig.Crypto crypto) {
        return DtlsConfig.defaults().withCrypto(crypto).withHandshakeExecutor(handshakes)
                .withHandshakeTimeout(Duration.ofSeconds(BOUND_SECONDS)).withInitialRetransmit(Duration.ofMillis(200));
    }

    /** {@code ours} on link end a, BC's record layer on end b; handshakes done. */
    DtlsTransport[] pair(DtlsRole roleOfOurs, DtlsConfig.Crypto bcCrypto, LinkedBlockingQueue<byte[]> toOurs,
            LinkedBlockingQueue<byte[]> toBcs) throws Exception {
        DtlsRole roleOfBcs = roleOfOurs == DtlsRole.CLIENT ? DtlsRole.SERVER : DtlsRole.CLIENT;
        DtlsTransport ours = DtlsTransport.create(link.a, roleOfOurs, DtlsTransportTest.CERT_A,
                List.of(DtlsTransportTest.CERT_B.fingerprint()), config(DtlsConfig.Crypto.JCA));
        DtlsTransport bcs = DtlsTransport.create(link.b, roleOfBcs, DtlsTransportTest.CERT_B,
                List.of(DtlsTransportTest.CERT_A.fingerprint()), config(bcCrypto));
        bcs.useBouncyCastleRecordLayer();
        transports.add(ours);
        transports.add(bcs);
        ours.onReceive(p -> toOurs.add(DtlsTransportTest.bytes(p)));
        bcs.onReceive(p -> toBcs.add(DtlsTransportTest.bytes(p)));
        ours.start();
        bcs.start();
        ours.handshakeFuture().get(BOUND_SECONDS, TimeUnit.SECONDS);
        bcs.handshakeFuture().get(BOUND_SECONDS, TimeUnit.SECONDS);
        assertTrue(ours.usesOwnRecordLayer());
        assertFalse(bcs.usesOwnRecordLayer());
        return new DtlsTransport[] {ours, bcs};
    }

    static void exchange(DtlsTransport from, LinkedBlockingQueue<byte[]> arrivals, int seed) throws Exception {
        int max = from.maxPacketSize();
        List<byte[]> sent = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            byte[] p = DtlsTransportTest.pattern(1 + (i * 389 + seed) % max, i + seed);
            sent.add(p);
            from.send(ByteBuffer.wrap(p));
        }
        byte[] full = DtlsTransportTest.pattern(max, seed);
        sent.add(full);
        from.send(ByteBuffer.wrap(full));
        for (byte[] expected : sent) {
            byte[] got = arrivals.poll(BOUND_SECONDS, TimeUnit.SECONDS);
            assertNotNull(got, "missing packets");
            assertArrayEquals(expected, got); // one sending thread, one receiving thread: in order
        }
    }

    @ParameterizedTest(name = "ours is the DTLS {0}, BC's crypto {1}")
    @CsvSource({"CLIENT, JCA", "CLIENT, BC", "SERVER, JCA", "SERVER, BC"})
    void oursAndBouncyCastlesRecordLayerReadEachOther(DtlsRole roleOfOurs, DtlsConfig.Crypto bcCrypto)
            throws Exception {
        LinkedBlockingQueue<byte[]> toOurs = new LinkedBlockingQueue<>();
        LinkedBlockingQueue<byte[]> toBcs = new LinkedBlockingQueue<>();
        DtlsTransport[] p = pair(roleOfOurs, bcCrypto, toOurs, toBcs);
        exchange(p[0], toBcs, 1);
        exchange(p[1], toOurs, 2);
        assertEquals(0, p[0].discardedRecords());
    }

    /** Our close_notify is an alert BC sealed and we re-sealed; BC's peer must accept it, and back. */
    @ParameterizedTest(name = "ours is the DTLS {0}")
    @EnumSource(DtlsRole.class)
    void closeNotifyCrossesBothWays(DtlsRole roleOfOurs) throws Exception {
        DtlsTransport[] p = pair(roleOfOurs, DtlsConfig.Crypto.JCA, new LinkedBlockingQueue<>(),
                new LinkedBlockingQueue<>());
        p[0].close();
        assertEquals(DtlsTransport.CloseCause.PEER, p[1].closeFuture().get(BOUND_SECONDS, TimeUnit.SECONDS));

        link.close();
        MemoryLink second = new MemoryLink(DtlsTransportTest.LINK_MTU);
        try {
            DtlsTransport ours = DtlsTransport.create(second.a, roleOfOurs, DtlsTransportTest.CERT_A,
                    List.of(DtlsTransportTest.CERT_B.fingerprint()), config(DtlsConfig.Crypto.JCA));
            DtlsTransport bcs = DtlsTransport.create(second.b, roleOfOurs == DtlsRole.CLIENT ? DtlsRole.SERVER
                    : DtlsRole.CLIENT, DtlsTransportTest.CERT_B, List.of(DtlsTransportTest.CERT_A.fingerprint()),
                    config(DtlsConfig.Crypto.JCA));
            bcs.useBouncyCastleRecordLayer();
            transports.add(ours);
            transports.add(bcs);
            CompletableFuture.allOf(ours.start(), bcs.start()).get(BOUND_SECONDS, TimeUnit.SECONDS);
            bcs.close();
            assertEquals(DtlsTransport.CloseCause.PEER, ours.closeFuture().get(BOUND_SECONDS, TimeUnit.SECONDS));
        } finally {
            second.close();
        }
    }

    /**
     * AES-256-GCM with SHA-384 as PRF, negotiated with a plain BouncyCastle client that offers
     * nothing else; data both ways through BC's DTLSTransport on the other end.
     */
    @Test
    void aes256GcmWithAPlainBouncyCastleClient() throws Exception {
        DtlsTransport server = DtlsTransport.create(link.b, DtlsRole.SERVER, DtlsTransportTest.CERT_B,
                List.of(DtlsTransportTest.CERT_A.fingerprint()), config(DtlsConfig.Crypto.JCA));
        transports.add(server);
        LinkedBlockingQueue<byte[]> toServer = new LinkedBlockingQueue<>();
        server.onReceive(p -> toServer.add(DtlsTransportTest.bytes(p)));
        server.start();
        BrowserFacingProfileTest.ProbeClient probe = new BrowserFacingProfileTest.ProbeClient();
        probe.suites = new int[] {CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384};
        // Sends each record at once (a DatagramQueue would hold the client's records for packing).
        BrowserFacingProfileTest.UnpackedTransport queue = new BrowserFacingProfileTest.UnpackedTransport(link.a);
        DTLSTransport client = CompletableFuture.supplyAsync(() -> {
            try {
                return new DTLSClientProtocol().connect(probe, queue);
            } catch (java.io.IOException e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        }, handshakes).get(BOUND_SECONDS, TimeUnit.SECONDS);
        server.handshakeFuture().get(BOUND_SECONDS, TimeUnit.SECONDS);
        assertEquals(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384, server.cipherSuite().getAsInt());
        assertTrue(server.usesOwnRecordLayer());

        byte[] buf = new byte[client.getReceiveLimit()];
        for (int i = 0; i < 50; i++) {
            byte[] down = DtlsTransportTest.pattern(1 + i * 23, i);
            server.send(ByteBuffer.wrap(down));
            int n = client.receive(buf, 0, buf.length, (int) TimeUnit.SECONDS.toMillis(BOUND_SECONDS));
            assertArrayEquals(down, java.util.Arrays.copyOf(buf, n));
            byte[] up = DtlsTransportTest.pattern(server.maxPacketSize() - i, i + 100);
            client.send(up, 0, up.length);
            assertArrayEquals(up, toServer.poll(BOUND_SECONDS, TimeUnit.SECONDS));
        }
        client.close();
        assertEquals(DtlsTransport.CloseCause.PEER, server.closeFuture().get(BOUND_SECONDS, TimeUnit.SECONDS));
    }

    /**
     * The server's final flight is lost once, so after the handshake BC resends its Finished in
     * epoch 1 (re-sealed by us); then data and close_notify. Every epoch-1 record each end sent
     * carries a sequence number of its own: a repeat would reuse a GCM nonce.
     */
    @Test
    void noEpochOneSequenceNumberIsSentTwice() throws Exception {
        AtomicInteger dropped = new AtomicInteger();
        link.dropFilter = s -> DtlsTransportTest.isServerFinalFlight(s) && dropped.getAndIncrement() < 1;
        LinkedBlockingQueue<byte[]> toA = new LinkedBlockingQueue<>();
        LinkedBlockingQueue<byte[]> toB = new LinkedBlockingQueue<>();
        DtlsTransport a = DtlsTransport.create(link.a, DtlsRole.CLIENT, DtlsTransportTest.CERT_A,
                List.of(DtlsTransportTest.CERT_B.fingerprint()), config(DtlsConfig.Crypto.JCA));
        DtlsTransport b = DtlsTransport.create(link.b, DtlsRole.SERVER, DtlsTransportTest.CERT_B,
                List.of(DtlsTransportTest.CERT_A.fingerprint()), config(DtlsConfig.Crypto.JCA));
        transports.add(a);
        transports.add(b);
        a.onReceive(p -> toA.add(DtlsTransportTest.bytes(p)));
        b.onReceive(p -> toB.add(DtlsTransportTest.bytes(p)));
        CompletableFuture.allOf(a.start(), b.start()).get(BOUND_SECONDS, TimeUnit.SECONDS);
        exchange(a, toB, 3);
        exchange(b, toA, 4);
        b.close();
        assertEquals(DtlsTransport.CloseCause.PEER, a.closeFuture().get(BOUND_SECONDS, TimeUnit.SECONDS));

        long resentFinished = link.sent.stream().filter(s -> s.from().equals("b")
                && s.contentType() == ContentType.change_cipher_spec).count();
        assertTrue(resentFinished >= 2, "the server's final flight went out again");
        for (String end : List.of("a", "b")) {
            Set<Long> numbers = new HashSet<>();
            int records = 0;
            for (MemoryLink.Sent s : link.sent) {
                if (!s.from().equals(end)) {
                    continue;
                }
                byte[] d = s.bytes();
                for (int pos = 0; pos + 13 <= d.length; pos += 13 + AeadRecordLayer.readUint16(d, pos + 11)) {
                    if (AeadRecordLayer.readUint16(d, pos + 3) == 1) {
                        long seq = 0;
                        for (int i = 5; i < 11; i++) {
                            seq = seq << 8 | d[pos + i] & 0xff;
                        }
                        assertTrue(numbers.add(seq), end + " sent epoch-1 sequence number " + seq + " twice");
                        records++;
                    }
                }
            }
            assertTrue(records > 300, end + " sent " + records + " epoch-1 records");
        }
    }
}
