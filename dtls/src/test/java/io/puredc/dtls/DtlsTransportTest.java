package io.puredc.dtls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.puredc.dtls.DtlsHandshakeException.Reason;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.ContentType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Two DtlsTransports over an in-memory link: handshake, data, verification, loss, close. */
class DtlsTransportTest {

    /** Generated once: also shows one certificate serving many sessions. */
    static final DtlsCertificate CERT_A = DtlsCertificate.generate();
    static final DtlsCertificate CERT_B = DtlsCertificate.generate();
    static final DtlsCertificate STRANGER = DtlsCertificate.generate();

    /** Upper bound for anything that should happen; tests never wait this long when green. */
    static final long BOUND_SECONDS = 20;

    /** The link itself takes any size, so the 1200-byte limit under test is the DTLS layer's. */
    static final int LINK_MTU = 65_507;

    final ThreadPoolExecutor handshakes = HandshakeExecutors.newBoundedPool(4, "test-handshake");
    final List<AutoCloseable> cleanup = new ArrayList<>();

    @AfterEach
    void tearDown() throws Exception {
        for (int i = cleanup.size() - 1; i >= 0; i--) {
            cleanup.get(i).close();
        }
        handshakes.shutdownNow();
    }

    DtlsConfig config() {
        return DtlsConfig.defaults()
                .withHandshakeExecutor(handshakes)
                .withHandshakeTimeout(Duration.ofSeconds(BOUND_SECONDS))
                .withInitialRetransmit(Duration.ofMillis(200));
    }

    MemoryLink link(double loss, long seed) {
        MemoryLink link = new MemoryLink(LINK_MTU, loss, seed);
        cleanup.add(link);
        return link;
    }

    /** Both ends of a session plus what each received. */
    final class Pair {
        final DtlsTransport a;
        final DtlsTransport b;
        final LinkedBlockingQueue<byte[]> receivedByA = new LinkedBlockingQueue<>();
        final LinkedBlockingQueue<byte[]> receivedByB = new LinkedBlockingQueue<>();

        Pair(MemoryLink link, DtlsRole roleOfA, List<CertificateFingerprint> aExpects,
                List<CertificateFingerprint> bExpects, DtlsConfig configA, DtlsConfig configB) {
            DtlsRole roleOfB = roleOfA == DtlsRole.CLIENT ? DtlsRole.SERVER : DtlsRole.CLIENT;
            a = DtlsTransport.create(link.a, roleOfA, CERT_A, aExpects, configA);
            b = DtlsTransport.create(link.b, roleOfB, CERT_B, bExpects, configB);
            a.onReceive(p -> receivedByA.add(bytes(p)));
            b.onReceive(p -> receivedByB.add(bytes(p)));
            cleanup.add(a::close);
            cleanup.add(b::close);
        }

        void start() {
            a.start();
            b.start();
        }

        void awaitHandshakes() throws Exception {
            a.handshakeFuture().get(BOUND_SECONDS, TimeUnit.SECONDS);
            b.handshakeFuture().get(BOUND_SECONDS, TimeUnit.SECONDS);
        }
    }

    /**
     * For tests that count datagrams exactly on a lossless link: no retransmission timer fires
     * within the test. With 200 ms a slow handshake step (a cold JIT, a loaded machine) makes a
     * side resend its flight and the peer answer with its final flight again, after the handshake
     * futures completed; those extra datagrams then change the counts or join a coalesced one.
     */
    DtlsConfig noSpuriousRetransmission() {
        return config().withInitialRetransmit(Duration.ofSeconds(BOUND_SECONDS));
    }

    Pair verifiedPair(MemoryLink link, DtlsRole roleOfA, DtlsConfig config) {
        return new Pair(link, roleOfA, List.of(CERT_B.fingerprint()), List.of(CERT_A.fingerprint()), config, config);
    }

    static byte[] bytes(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }

    static byte[] pattern(int length, int seed) {
        byte[] p = new byte[length];
        for (int i = 0; i < length; i++) {
            p[i] = (byte) (seed * 31 + i);
        }
        return p;
    }

    static Reason reasonOf(CompletableFuture<?> future) {
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> future.get(BOUND_SECONDS, TimeUnit.SECONDS));
        return assertInstanceOf(DtlsHandshakeException.class, e.getCause()).reason();
    }

    @ParameterizedTest(name = "A is the DTLS {0}")
    @EnumSource(DtlsRole.class)
    void handshakeCompletesInEitherRoleAndDataIsEchoed(DtlsRole roleOfA) throws Exception {
        MemoryLink link = link(0, 0);
        Pair pair = verifiedPair(link, roleOfA, config());
        pair.b.onReceive(p -> pair.b.send(p)); // echo on b's receive thread
        pair.start();
        pair.awaitHandshakes();

        int max = pair.a.maxPacketSize();
        int[] sizes = {1, 12, 100, 500, 1000, max - 1, max};
        for (int i = 0; i < sizes.length; i++) {
            pair.a.send(ByteBuffer.wrap(pattern(sizes[i], i)));
        }
        for (int i = 0; i < sizes.length; i++) {
            byte[] echoed = pair.receivedByA.poll(BOUND_SECONDS, TimeUnit.SECONDS);
            assertNotNull(echoed, "echo " + i + " missing");
            assertArrayEquals(pattern(sizes[i], i), echoed); // one direction = one thread: in order
        }

        assertEquals(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, pair.a.cipherSuite().getAsInt());
        assertEquals(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, pair.b.cipherSuite().getAsInt());
        assertTrue(pair.a.usedExtendedMasterSecret());
        assertTrue(pair.b.usedExtendedMasterSecret());
        assertArrayEquals(CERT_B.der(), pair.a.remoteCertificate().orElseThrow());
        assertArrayEquals(CERT_A.der(), pair.b.remoteCertificate().orElseThrow());
    }

    @Test
    void everyDatagramFitsTheUdpBudgetAndAFullPacketFillsIt() throws Exception {
        MemoryLink link = link(0, 0);
        Pair pair = verifiedPair(link, DtlsRole.CLIENT, config());
        pair.start();
        pair.awaitHandshakes();

        assertEquals(1200 - 13 - 8 - 16, pair.a.maxPacketSize());
        pair.a.send(ByteBuffer.wrap(new byte[pair.a.maxPacketSize()]));
        assertNotNull(pair.receivedByB.poll(BOUND_SECONDS, TimeUnit.SECONDS));
        assertThrows(TransportException.class,
                () -> pair.a.send(ByteBuffer.wrap(new byte[pair.a.maxPacketSize() + 1])));

        assertTrue(link.sent.stream().allMatch(s -> s.bytes().length <= 1200), "a datagram exceeded 1200 bytes");
        // The budget is exact: a full plaintext packet becomes a 1200-byte datagram.
        assertEquals(1200, link.largestDatagram());
    }

    @Test
    void severalRecordsInOneDatagramAreAllDelivered() throws Exception {
        MemoryLink link = link(0, 0);
        Pair pair = verifiedPair(link, DtlsRole.SERVER, noSpuriousRetransmission());
        pair.start();
        pair.awaitHandshakes();
        link.coalesceFrom = "a";
        for (int i = 0; i < 6; i++) {
            pair.a.send(ByteBuffer.wrap(pattern(300 + i, i)));
        }
        for (int i = 0; i < 6; i++) {
            assertArrayEquals(pattern(300 + i, i), pair.receivedByB.poll(BOUND_SECONDS, TimeUnit.SECONDS), "packet " + i);
        }
        assertEquals(3, link.b.delivered.get() - deliveredDuringHandshake(link), "three joined datagrams");
    }

    private static int deliveredDuringHandshake(MemoryLink link) {
        return (int) link.sent.stream().filter(s -> s.from().equals("a") && !s.dropped()
                && s.contentType() != ContentType.application_data).count();
    }

    /** Each flight travels in one datagram, as browsers send theirs (RFC 6347 §4.1.1). */
    /**
     * One datagram carrying application data and then a close_notify alert (RFC 6347 §4.1): the
     * first record is ours to open, the second goes to BouncyCastle, in that order.
     */
    @ParameterizedTest(name = "the receiver is the DTLS {0}")
    @EnumSource(DtlsRole.class)
    void applicationDataAndCloseNotifyInOneDatagramAreBothHandled(DtlsRole receiverRole) throws Exception {
        MemoryLink link = link(0, 0);
        Pair pair = verifiedPair(link, receiverRole == DtlsRole.CLIENT ? DtlsRole.SERVER : DtlsRole.CLIENT,
                noSpuriousRetransmission());
        pair.start();
        pair.awaitHandshakes();
        assertTrue(pair.b.usesOwnRecordLayer());
        link.coalesceFrom = "a";
        pair.a.send(ByteBuffer.wrap(pattern(300, 7)));
        pair.a.close();
        assertEquals(DtlsTransport.CloseCause.PEER, pair.b.closeFuture().get(BOUND_SECONDS, TimeUnit.SECONDS));
        assertArrayEquals(pattern(300, 7), pair.receivedByB.poll(BOUND_SECONDS, TimeUnit.SECONDS));
        assertTrue(link.sent.stream().anyMatch(s -> s.from().equals("a") && s.contentType() == ContentType.alert),
                "the close_notify was sent");
        long sentByA = link.sent.stream().filter(s -> s.from().equals("a") && !s.dropped()).count();
        assertEquals(sentByA - 1, link.b.delivered.get(), "the data and the alert arrived as one datagram");
    }

    @Test
    void handshakeFlightsArePackedIntoOneDatagramEach() throws Exception {
        MemoryLink link = link(0, 0);
        Pair pair = verifiedPair(link, DtlsRole.CLIENT, config());
        pair.start();
        pair.awaitHandshakes();
        // Server: ServerHello, Certificate, ServerKeyExchange, CertificateRequest, ServerHelloDone.
        assertEquals(5, recordsInFlightStartingWith(link, "b", 2));
        // Client: Certificate, ClientKeyExchange, CertificateVerify, ChangeCipherSpec, Finished.
        assertEquals(5, recordsInFlightStartingWith(link, "a", 11));
    }

    /** Records in the first datagram from {@code from} whose first record is handshake {@code type}. */
    static int recordsInFlightStartingWith(MemoryLink link, String from, int type) {
        MemoryLink.Sent flight = link.sent.stream()
                .filter(s -> s.from().equals(from) && s.contentType() == ContentType.handshake && s.epoch() == 0
                        && s.bytes()[13] == type)
                .findFirst().orElseThrow();
        return UdpPacketTransport.recordCount(flight.bytes(), 0, flight.bytes().length);
    }

    @Test
    void smallerDatagramLimitIsHonouredDuringTheHandshakeToo() throws Exception {
        MemoryLink link = link(0, 0);
        // Small enough that the Certificate message has to be fragmented (RFC 6347 §4.2.3).
        DtlsConfig small = config().withMaxDatagramSize(300);
        Pair pair = verifiedPair(link, DtlsRole.CLIENT, small);
        pair.start();
        pair.awaitHandshakes();
        pair.b.send(ByteBuffer.wrap(new byte[pair.b.maxPacketSize()]));
        assertNotNull(pair.receivedByA.poll(BOUND_SECONDS, TimeUnit.SECONDS));
        assertEquals(300, link.largestDatagram());
    }

    @ParameterizedTest(name = "client crypto {0}")
    @EnumSource(DtlsConfig.Crypto.class)
    void jcaAndBcCryptoInteroperate(DtlsConfig.Crypto clientCrypto) throws Exception {
        DtlsConfig.Crypto serverCrypto = clientCrypto == DtlsConfig.Crypto.JCA ? DtlsConfig.Crypto.BC
                : DtlsConfig.Crypto.JCA;
        MemoryLink link = link(0, 0);
        Pair pair = new Pair(link, DtlsRole.CLIENT, List.of(CERT_B.fingerprint()), List.of(CERT_A.fingerprint()),
                config().withCrypto(clientCrypto), config().withCrypto(serverCrypto));
        pair.start();
        pair.awaitHandshakes();
        pair.a.send(ByteBuffer.wrap(pattern(700, 7)));
        assertArrayEquals(pattern(700, 7), pair.receivedByB.poll(BOUND_SECONDS, TimeUnit.SECONDS));
        pair.b.send(ByteBuffer.wrap(pattern(701, 8)));
        assertArrayEquals(pattern(701, 8), pair.receivedByA.poll(BOUND_SECONDS, TimeUnit.SECONDS));
    }

    @Test
    void oneCertificateServesTwoSessionsAtOnce() throws Exception {
        Pair first = verifiedPair(link(0, 0), DtlsRole.CLIENT, config());
        Pair second = verifiedPair(link(0, 0), DtlsRole.SERVER, config());
        first.start();
        second.start();
        first.awaitHandshakes();
        second.awaitHandshakes();
        assertArrayEquals(CERT_A.der(), first.b.remoteCertificate().orElseThrow());
        assertArrayEquals(CERT_A.der(), second.b.remoteCertificate().orElseThrow());
    }

    /**
     * After its handshake a session holds no thread: with a pool of exactly two threads (one
     * pair's client and server), a second pair can only handshake once the first released both,
     * and the first still carries data afterwards.
     */
    @Test
    void establishedSessionsHoldNoHandshakeThread() throws Exception {
        ThreadPoolExecutor two = HandshakeExecutors.newBoundedPool(2, "two-threads");
        cleanup.add(two::shutdownNow);
        DtlsConfig config = config().withHandshakeExecutor(two);
        Pair first = verifiedPair(link(0, 0), DtlsRole.CLIENT, config);
        first.b.onReceive(p -> first.b.send(p));
        first.start();
        first.awaitHandshakes();
        Pair second = verifiedPair(link(0, 0), DtlsRole.SERVER, config);
        second.start();
        second.awaitHandshakes();

        first.a.send(ByteBuffer.wrap(pattern(64, 9)));
        assertArrayEquals(pattern(64, 9), first.receivedByA.poll(BOUND_SECONDS, TimeUnit.SECONDS));
    }

    @ParameterizedTest(name = "the DTLS {0} expects another certificate")
    @EnumSource(DtlsRole.class)
    void fingerprintMismatchFailsBothSidesAndNoApplicationDataFlows(DtlsRole checkerRole) throws Exception {
        MemoryLink link = link(0, 0);
        // A is the side whose expectation is wrong.
        Pair pair = new Pair(link, checkerRole, List.of(STRANGER.fingerprint()), List.of(CERT_A.fingerprint()),
                config(), config());
        assertThrows(TransportException.class, () -> pair.a.send(ByteBuffer.wrap(new byte[10])));
        pair.start();

        assertEquals(Reason.FINGERPRINT_MISMATCH, reasonOf(pair.a.handshakeFuture()));
        assertEquals(Reason.PEER_ALERT, reasonOf(pair.b.handshakeFuture()));
        assertTrue(pair.a.closeFuture().isCompletedExceptionally());
        assertThrows(ExecutionException.class, () -> pair.b.closeFuture().get(BOUND_SECONDS, TimeUnit.SECONDS));

        assertThrows(TransportException.class, () -> pair.a.send(ByteBuffer.wrap(new byte[10])));
        assertThrows(TransportException.class, () -> pair.b.send(ByteBuffer.wrap(new byte[10])));
        assertFalse(link.sent.stream().anyMatch(s -> s.contentType() == ContentType.application_data),
                "an application_data record crossed the link");
        assertTrue(pair.receivedByA.isEmpty());
        assertTrue(pair.receivedByB.isEmpty());
        assertTrue(pair.a.remoteCertificate().isEmpty());
        assertTrue(link.a.isClosed() && link.b.isClosed(), "failed transports release the path");
    }

    @ParameterizedTest(name = "the DTLS {0} has no remote fingerprint")
    @EnumSource(DtlsRole.class)
    void missingRemoteFingerprintFailsTheHandshake(DtlsRole roleWithout) throws Exception {
        MemoryLink link = link(0, 0);
        Pair pair = new Pair(link, roleWithout, List.of(), List.of(CERT_A.fingerprint()), config(), config());
        pair.start();
        assertEquals(Reason.MISSING_FINGERPRINT, reasonOf(pair.a.handshakeFuture()));
        assertEquals(Reason.PEER_ALERT, reasonOf(pair.b.handshakeFuture()));
        assertFalse(link.sent.stream().anyMatch(s -> s.contentType() == ContentType.application_data));
        assertTrue(pair.receivedByA.isEmpty() && pair.receivedByB.isEmpty());
    }

    /** Seeds whose first datagram in each direction is lost, so both sides must retransmit. */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {20, 88, 102, 139})
    void handshakeCompletesUnderThirtyPercentLoss(long seed) throws Exception {
        MemoryLink link = link(0.30, seed);
        DtlsConfig lossy = config().withInitialRetransmit(Duration.ofMillis(100));
        Pair pair = verifiedPair(link, DtlsRole.CLIENT, lossy);
        pair.b.onReceive(p -> pair.b.send(p));
        pair.start();
        pair.awaitHandshakes();
        assertTrue(link.sent.get(0).dropped(), "the first ClientHello was lost");
        assertTrue(link.sent.stream().anyMatch(s -> s.from().equals("b") && s.dropped()), "b lost nothing");

        // Data flows after a lossy handshake (resend until one echo survives both directions).
        byte[] ping = pattern(200, 1);
        byte[] echoed = null;
        for (int attempt = 0; attempt < 50 && echoed == null; attempt++) {
            pair.a.send(ByteBuffer.wrap(ping));
            echoed = pair.receivedByA.poll(200, TimeUnit.MILLISECONDS);
        }
        assertArrayEquals(ping, echoed);
        assertTrue(link.largestDatagram() <= 1200);
    }

    /**
     * Duplicated datagrams are discarded by the replay window (RFC 6347 §4.1.2.6) and reordered
     * ones still delivered: every packet arrives exactly once, as SCTP expects of its path.
     */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {5, 6})
    void duplicatedAndReorderedDatagramsAreDeliveredExactlyOnce(long seed) throws Exception {
        MemoryLink link = link(0, seed);
        link.duplicateRate = 0.3;
        link.reorderRate = 0.3;
        Pair pair = verifiedPair(link, DtlsRole.CLIENT, config());
        pair.start();
        pair.awaitHandshakes();

        int count = 60;
        for (int i = 0; i < count; i++) {
            pair.a.send(ByteBuffer.wrap(new byte[] {(byte) i, 42}));
        }
        link.reorderRate = 0;
        pair.a.send(ByteBuffer.wrap(new byte[] {(byte) count, 42})); // releases a held datagram
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        boolean reordered = false;
        int last = -1;
        int deliveries = 0;
        while (seen.size() < count + 1) {
            byte[] p = pair.receivedByB.poll(BOUND_SECONDS, TimeUnit.SECONDS);
            assertNotNull(p, "missing packets, got " + seen);
            deliveries++;
            assertTrue(seen.add((int) p[0]), "packet " + p[0] + " delivered twice");
            reordered |= p[0] < last;
            last = p[0];
        }
        assertEquals(count + 1, deliveries);
        assertTrue(reordered, "the seed reordered nothing");
        assertTrue(link.b.delivered.get() > link.sent.stream().filter(s -> s.from().equals("a")).count(),
                "the seed duplicated nothing");
    }

    /**
     * The server's last flight (ChangeCipherSpec + Finished, packed in one datagram) is lost:
     * the client retransmits its flight and the server, already done, must resend its own
     * (RFC 6347 §4.2.4; BC 1.74-1.76 did not, bc-java#1489). Here the server is in the
     * post-handshake receive path when that happens.
     */
    @Test
    void lostServerFinalFlightIsRetransmitted() throws Exception {
        MemoryLink link = link(0, 0);
        AtomicInteger dropped = new AtomicInteger();
        link.dropFilter = s -> isServerFinalFlight(s) && dropped.get() < 1 && dropped.incrementAndGet() > 0;
        Pair pair = verifiedPair(link, DtlsRole.CLIENT, config());
        pair.start();
        pair.awaitHandshakes();
        assertEquals(1, dropped.get(), "the server's final flight was dropped once");
        assertTrue(link.sent.stream().filter(DtlsTransportTest::isServerFinalFlight).count() >= 2,
                "the server sent its final flight again");
        pair.b.send(ByteBuffer.wrap(pattern(50, 3)));
        assertArrayEquals(pattern(50, 3), pair.receivedByA.poll(BOUND_SECONDS, TimeUnit.SECONDS));
    }

    static boolean isServerFinalFlight(MemoryLink.Sent s) {
        return s.from().equals("b") && (s.contentType() == ContentType.change_cipher_spec
                || s.contentType() == ContentType.handshake && s.epoch() == 1);
    }

    @ParameterizedTest(name = "the DTLS {0} closes")
    @EnumSource(DtlsRole.class)
    void closeNotifyReachesThePeer(DtlsRole closerRole) throws Exception {
        MemoryLink link = link(0, 0);
        Pair pair = verifiedPair(link, closerRole, config());
        pair.start();
        pair.awaitHandshakes();

        pair.a.close();
        assertEquals(DtlsTransport.CloseCause.LOCAL, pair.a.closeFuture().get(BOUND_SECONDS, TimeUnit.SECONDS));
        assertEquals(DtlsTransport.CloseCause.PEER, pair.b.closeFuture().get(BOUND_SECONDS, TimeUnit.SECONDS));
        assertTrue(link.anySentWithContentType("a", ContentType.alert), "close_notify is an alert record");
        assertThrows(TransportException.class, () -> pair.a.send(ByteBuffer.wrap(new byte[1])));
        assertThrows(TransportException.class, () -> pair.b.send(ByteBuffer.wrap(new byte[1])));
        assertTrue(link.a.isClosed() && link.b.isClosed());
        pair.a.close(); // idempotent
    }

    @Test
    void lowerTransportFailingAfterTheHandshakeFailsTheConnection() throws Exception {
        MemoryLink link = link(0, 0);
        Pair pair = verifiedPair(link, DtlsRole.CLIENT, config());
        pair.start();
        pair.awaitHandshakes();
        link.a.close(); // the path underneath dies
        assertThrows(TransportException.class, () -> pair.a.send(ByteBuffer.wrap(new byte[10])));
        assertThrows(ExecutionException.class, () -> pair.a.closeFuture().get(BOUND_SECONDS, TimeUnit.SECONDS));
        assertThrows(TransportException.class, () -> pair.a.send(ByteBuffer.wrap(new byte[10])));
    }

    @Test
    void lowerTransportThrowingDuringTheHandshakeIsReportedAsClosed() throws Exception {
        PacketTransport broken = new PacketTransport() {
            @Override
            public void send(ByteBuffer packet) {
                throw new IllegalStateException("socket gone");
            }

            @Override
            public int maxPacketSize() {
                return 1200;
            }

            @Override
            public void onReceive(java.util.function.Consumer<ByteBuffer> consumer) {
            }

            @Override
            public void close() {
            }
        };
        DtlsTransport t = DtlsTransport.create(broken, DtlsRole.CLIENT, CERT_A, List.of(CERT_B.fingerprint()), config());
        cleanup.add(t::close);
        t.start();
        assertEquals(Reason.CLOSED, reasonOf(t.handshakeFuture()));
    }

    @Test
    void handshakeTimesOutWhenThePeerNeverAnswers() throws Exception {
        MemoryLink link = link(0, 0);
        // The timeout counts from the start of BC's connect, ClientHello building included, which
        // the first handshake of a cold JVM on a loaded machine can spend most of 600 ms on: then
        // it ends before the first retransmission. 3 s leaves room for several at 100 ms.
        DtlsConfig quick = config().withHandshakeTimeout(Duration.ofSeconds(3))
                .withInitialRetransmit(Duration.ofMillis(100));
        DtlsTransport lonely = DtlsTransport.create(link.a, DtlsRole.CLIENT, CERT_A,
                List.of(CERT_B.fingerprint()), quick);
        cleanup.add(lonely::close);
        lonely.start();
        assertEquals(Reason.TIMEOUT, reasonOf(lonely.handshakeFuture()));
        assertTrue(link.sent.size() >= 2, "the ClientHello was retransmitted");
    }

    @Test
    void closeDuringTheHandshakeAbortsIt() throws Exception {
        MemoryLink link = link(0, 0);
        DtlsTransport lonely = DtlsTransport.create(link.a, DtlsRole.CLIENT, CERT_A,
                List.of(CERT_B.fingerprint()), config());
        lonely.start();
        lonely.close();
        assertEquals(Reason.CLOSED, reasonOf(lonely.handshakeFuture()));
        assertEquals(DtlsTransport.CloseCause.LOCAL, lonely.closeFuture().get(BOUND_SECONDS, TimeUnit.SECONDS));
        // The handshake thread is released, not parked until the handshake timeout.
        handshakes.shutdown();
        assertTrue(handshakes.awaitTermination(BOUND_SECONDS, TimeUnit.SECONDS));
    }

    @Test
    void datagramsArrivingBeforeStartAreKept() throws Exception {
        MemoryLink link = link(0, 0);
        // No retransmission within the wait below: the first ClientHello itself must be used.
        DtlsConfig noResend = config().withInitialRetransmit(Duration.ofSeconds(BOUND_SECONDS));
        Pair pair = verifiedPair(link, DtlsRole.CLIENT, noResend);
        pair.a.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(BOUND_SECONDS);
        while (link.b.delivered.get() == 0 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertEquals(1, link.b.delivered.get(), "the ClientHello reached b before b started");
        pair.b.start();
        pair.a.handshakeFuture().get(BOUND_SECONDS / 2, TimeUnit.SECONDS);
        pair.b.handshakeFuture().get(BOUND_SECONDS / 2, TimeUnit.SECONDS);
    }
}
