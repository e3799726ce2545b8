package io.puredc.sctp.assoc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.puredc.sctp.api.AssociationEvent;
import io.puredc.sctp.api.AssociationState;
import io.puredc.sctp.api.Message;
import io.puredc.sctp.api.SctpOptions;
import io.puredc.sctp.api.SendOptions;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our association against usrsctp, a stack nobody on this team wrote: Debian's
 * {@code libusrsctp-examples} programs speak SCTP over UDP encapsulation (RFC 6951: each UDP
 * payload is one whole SCTP packet, common header first; the SCTP checksum is computed as
 * usual). The association runs over a {@link DatagramSocket} on 127.0.0.1, on the wall clock.
 * The usrsctp programs take {@code [local UDP port] [remote UDP port]} and listen on SCTP port
 * 7 (echo) or 9 (discard). They are installed by {@code scripts/test.sh}; a missing program
 * fails the test.
 */
class UsrsctpInteropTest {
    private static final Path PROGRAMS = Path.of("/usr/lib/usrsctp");
    private static final long MS = 1_000_000L;
    private static final int OUR_SCTP_PORT = 5000;

    @TempDir
    Path tmp;

    /** One association, one UDP socket and one usrsctp program. */
    private final class Peer implements AutoCloseable {
        final DatagramSocket socket;
        final Process process;
        final InetSocketAddress remote;
        Association association;
        final List<AssociationEvent> events = new ArrayList<>();
        final List<Message> received = new ArrayList<>();
        final Path log;
        final int sctpPort;

        Peer(String program, int sctpPort) throws IOException {
            Path exe = PROGRAMS.resolve(program);
            assertTrue(Files.isExecutable(exe), exe + " is missing: install Debian's libusrsctp-examples (scripts/test.sh does)");
            socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            int theirPort = freeUdpPort();
            log = tmp.resolve(program + ".log");
            process = new ProcessBuilder(exe.toString(), Integer.toString(theirPort), Integer.toString(socket.getLocalPort()))
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            remote = new InetSocketAddress(InetAddress.getLoopbackAddress(), theirPort);
            this.sctpPort = sctpPort;
            association = newAssociation();
        }

        Association newAssociation() {
            return new Association(SctpOptions.defaults().withPorts(OUR_SCTP_PORT, sctpPort), new SplittableRandom(7));
        }

        /**
         * Connects. The program binds its UDP port and then starts listening; an INIT that lands
         * in between is out of the blue and answered with an ABORT (RFC 9260 §8.4, item 3), so an
         * association aborted while connecting is replaced by a fresh one and tried again until
         * the time is up. An INIT that lands before the port is bound is lost and T1-init resends it.
         */
        void connect() throws IOException, InterruptedException {
            long end = System.nanoTime() + 10_000 * MS;
            while (true) {
                association.connect(now());
                flush();
                long left = (end - System.nanoTime()) / MS;
                runUntil(() -> association.state() == AssociationState.ESTABLISHED
                        || association.state() == AssociationState.CLOSED, Math.max(0, left));
                if (association.state() == AssociationState.ESTABLISHED) {
                    return;
                }
                boolean abortedByPeer = events.stream()
                        .anyMatch(e -> e instanceof AssociationEvent.Aborted a && a.byPeer());
                assertTrue(abortedByPeer && System.nanoTime() < end,
                        "no association with usrsctp (" + association.state() + ", events " + events + "); its output: " + output());
                events.clear();
                association = newAssociation();
                Thread.sleep(20);
            }
        }

        /** Feeds datagrams and timeouts to the association until {@code done} or the time is up. */
        boolean runUntil(BooleanSupplier done, long millis) throws IOException {
            long end = System.nanoTime() + millis * MS;
            byte[] buf = new byte[65536];
            while (!done.getAsBoolean() && System.nanoTime() < end) {
                long wait = Math.min(association.nextDeadline(), end) - System.nanoTime();
                socket.setSoTimeout((int) Math.max(1, Math.min(50, wait / MS)));
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                try {
                    socket.receive(p);
                    byte[] packet = new byte[p.getLength()];
                    System.arraycopy(buf, 0, packet, 0, packet.length);
                    association.handlePacket(packet, now());
                } catch (SocketTimeoutException e) {
                    // fall through to the timers
                }
                if (association.nextDeadline() <= now()) {
                    association.handleTimeout(now());
                }
                flush();
            }
            return done.getAsBoolean();
        }

        void flush() throws IOException {
            byte[] out;
            while ((out = association.pollPacket()) != null) {
                socket.send(new DatagramPacket(out, out.length, remote));
            }
            AssociationEvent e;
            while ((e = association.pollEvent()) != null) {
                events.add(e);
                if (e instanceof AssociationEvent.MessageReceived m) {
                    received.add(m.message());
                }
            }
        }

        String output() {
            try {
                String s = Files.exists(log) ? Files.readString(log) : "";
                return s.length() > 4000 ? "…" + s.substring(s.length() - 4000) : s;
            } catch (IOException e) {
                return e.toString();
            }
        }

        @Override
        public void close() throws InterruptedException {
            socket.close();
            process.destroy();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    private static long now() {
        return System.nanoTime();
    }

    private static int freeUdpPort() throws IOException {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            return s.getLocalPort();
        }
    }

    private static byte[] content(int index, int size) {
        byte[] b = new byte[size];
        new SplittableRandom(index).nextBytes(b);
        return b;
    }

    @Test
    @Timeout(60)
    void usrsctpEchoServerReturnsEveryMessageOnItsStreamOrderedAndUnordered() throws Exception {
        try (Peer peer = new Peer("echo_server", 7)) {
            peer.connect();
            // echo_server reads into a 10240-byte buffer and echoes a message only when it got
            // all of it, so messages stay below that; several still need fragmenting (RFC 9260 §6.9).
            Map<Integer, List<byte[]>> sent = new HashMap<>();
            List<byte[]> unordered = new ArrayList<>();
            SplittableRandom r = new SplittableRandom(3);
            int count = 60;
            for (int i = 0; i < count; i++) {
                int stream = i % 4;
                byte[] data = content(i, 1 + r.nextInt(10_000));
                boolean isUnordered = stream == 3;
                peer.association.send(new Message(stream, 53, data), SendOptions.reliable(isUnordered), now());
                (isUnordered ? unordered : sent.computeIfAbsent(stream, k -> new ArrayList<>())).add(data);
            }
            peer.flush();
            assertTrue(peer.runUntil(() -> peer.received.size() == count, 20_000),
                    "echoed " + peer.received.size() + " of " + count + "; " + peer.association.metrics()
                            + "; usrsctp said: " + peer.output());

            Map<Integer, List<byte[]>> got = new HashMap<>();
            List<byte[]> gotUnordered = new ArrayList<>();
            for (Message m : peer.received) {
                assertEquals(53, m.ppid(), "the PPID comes back");
                (m.streamId() == 3 ? gotUnordered : got.computeIfAbsent(m.streamId(), k -> new ArrayList<>()))
                        .add(m.payload());
            }
            for (int stream = 0; stream < 3; stream++) {
                List<byte[]> want = sent.get(stream);
                assertEquals(want.size(), got.get(stream).size(), "stream " + stream);
                for (int k = 0; k < want.size(); k++) {
                    assertArrayEquals(want.get(k), got.get(stream).get(k), "stream " + stream + ", message " + k);
                }
            }
            assertEquals(unordered.size(), gotUnordered.size());
            for (byte[] want : unordered) {
                assertTrue(gotUnordered.stream().anyMatch(g -> java.util.Arrays.equals(g, want)), "unordered echo");
            }

            // §9.2 graceful shutdown with usrsctp on the other end.
            peer.association.shutdown(now());
            peer.flush();
            assertTrue(peer.runUntil(() -> peer.events.stream().anyMatch(e -> e instanceof AssociationEvent.Closed),
                    10_000), "shutdown: " + peer.events);
            AssociationMetrics m = peer.association.metrics();
            assertEquals(0, m.badChecksum() + m.badVerificationTag() + m.malformedPackets(), m.toString());
        }
    }

    @Test
    @Timeout(60)
    void usrsctpDiscardServerAcknowledgesFourMegabytesOfLargeMessages() throws Exception {
        try (Peer peer = new Peer("discard_server", 9)) {
            peer.connect();
            int count = 64;
            for (int i = 0; i < count; i++) {
                peer.association.send(new Message(i % 2, 53, content(i, 64 * 1024)), SendOptions.RELIABLE_ORDERED, now());
            }
            peer.flush();
            // A graceful shutdown completes only once every DATA chunk was acknowledged (§9.2).
            peer.association.shutdown(now());
            peer.flush();
            assertTrue(peer.runUntil(() -> peer.events.stream().anyMatch(e -> e instanceof AssociationEvent.Closed),
                    30_000), "not all acknowledged: " + peer.association.metrics() + " " + peer.events
                            + "; usrsctp said: " + peer.output());
            assertEquals(0, peer.association.bufferedAmount(0) + peer.association.bufferedAmount(1));
            assertTrue(peer.association.metrics().dataChunksSent() >= count * (64 * 1024 / 1172));
        }
    }
}
