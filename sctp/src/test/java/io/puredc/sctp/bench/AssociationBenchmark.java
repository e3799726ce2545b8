package io.puredc.sctp.bench;

import io.puredc.sctp.api.AssociationEvent;
import io.puredc.sctp.api.Message;
import io.puredc.sctp.api.SctpOptions;
import io.puredc.sctp.api.SendOptions;
import io.puredc.sctp.assoc.Association;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayDeque;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * In-memory throughput of two associations wired back to back on one thread: no DTLS, no
 * sockets, a virtual clock. Packets go straight from one association's {@code pollPacket} to
 * the other's {@code handlePacket} (optionally dropping a fraction at random), both sides run
 * on the calling thread, and the virtual clock only jumps when nothing is in flight and a timer
 * is due. So the numbers are the CPU cost of the SCTP core itself, sender and receiver together
 * on one core: packet encoding and CRC32c, SACK processing, congestion control, reassembly.
 *
 * <p>Run (after {@code mvn -B -q -o -f sctp/pom.xml test-compile}):
 * <pre>
 * java -cp sctp/target/classes:sctp/target/test-classes io.puredc.sctp.bench.AssociationBenchmark [megabytes]
 * </pre>
 * This is a program that prints numbers, not a test: nothing here asserts a speed.
 */
public final class AssociationBenchmark {
    private static final long MS = 1_000_000L;

    /** The outcome of one transfer. */
    record Result(long bytes, long messages, double wallSeconds, double cpuSeconds, long retransmitted, long packets) {}

    private AssociationBenchmark() {}

    public static void main(String[] args) {
        long megabytes = args.length > 0 ? Long.parseLong(args[0]) : 1024;
        System.out.printf(Locale.ROOT, "SCTP association, in memory, sender and receiver on one thread (%s %s, %d CPUs)%n",
                System.getProperty("java.vm.name"), System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors());
        // Warm-up: let the JIT compile the hot paths of both cases.
        for (int i = 0; i < 3; i++) {
            transfer(16 * 1024, 0, 128);
            transfer(64 * 1024, 0.01, 64);
        }
        System.out.printf(Locale.ROOT, "%-9s %-6s %10s %10s %10s %10s %8s %10s%n", "message", "loss", "MB", "wall s",
                "MB/s wall", "MB/s CPU", "CPU %", "rtx chunks");
        for (int size : new int[] {16 * 1024, 64 * 1024}) {
            for (double loss : new double[] {0, 0.01}) {
                Result r = transfer(size, loss, loss == 0 ? megabytes : Math.max(64, megabytes / 4));
                double mb = r.bytes() / 1e6;
                System.out.printf(Locale.ROOT, "%-9s %-6s %10.0f %10.2f %10.0f %10.0f %8.0f %10d%n", size / 1024 + " KiB",
                        loss == 0 ? "none" : (loss * 100) + " %", mb, r.wallSeconds(), mb / r.wallSeconds(),
                        mb / r.cpuSeconds(), 100 * r.cpuSeconds() / r.wallSeconds(), r.retransmitted());
            }
        }
    }

    /** Sends {@code megabytes} MB (10^6) of reliable ordered messages from A to B and measures it. */
    static Result transfer(int messageSize, double loss, long megabytes) {
        SplittableRandom random = new SplittableRandom(1);
        Association a = new Association(SctpOptions.defaults(), random.split());
        Association b = new Association(SctpOptions.defaults(), random.split());
        long[] now = {0};
        ArrayDeque<byte[]> toB = new ArrayDeque<>();
        ArrayDeque<byte[]> toA = new ArrayDeque<>();
        a.connect(now[0]);
        b.connect(now[0]);
        long target = megabytes * 1_000_000L;
        long messages = (target + messageSize - 1) / messageSize;
        byte[] payload = new byte[messageSize];
        random.nextBytes(payload);

        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpu0 = threads.getCurrentThreadCpuTime();
        long wall0 = System.nanoTime();
        long sent = 0;
        long received = 0;
        long receivedBytes = 0;
        boolean connected = false;
        while (received < messages) {
            if (connected) {
                // Keep the sender's queue at about 1 MiB, as a pump with back-pressure would.
                while (sent < messages && a.bufferedAmount(0) < (1 << 20)) {
                    a.send(new Message(0, 53, payload), SendOptions.RELIABLE_ORDERED, now[0]);
                    sent++;
                }
            }
            collect(a, toB, random, loss);
            collect(b, toA, random, loss);
            if (toB.isEmpty() && toA.isEmpty()) {
                // Nothing on the wire: jump to the next timer (delayed SACK, T3-rtx).
                long next = Math.min(a.nextDeadline(), b.nextDeadline());
                if (next == Long.MAX_VALUE) {
                    throw new IllegalStateException("stalled after " + received + " messages");
                }
                now[0] = Math.max(now[0], next);
                a.handleTimeout(now[0]);
                b.handleTimeout(now[0]);
            }
            byte[] p;
            while ((p = toB.poll()) != null) {
                b.handlePacket(p, now[0]);
            }
            while ((p = toA.poll()) != null) {
                a.handlePacket(p, now[0]);
            }
            now[0] += 10_000; // 10 µs of virtual time per round trip through the loop
            AssociationEvent e;
            while ((e = b.pollEvent()) != null) {
                if (e instanceof AssociationEvent.MessageReceived m) {
                    if (m.message().size() != messageSize) {
                        throw new IllegalStateException("message of " + m.message().size() + " bytes");
                    }
                    received++;
                    receivedBytes += messageSize;
                } else if (e instanceof AssociationEvent.Connected) {
                    connected = true;
                }
            }
            while ((e = a.pollEvent()) != null) {
                if (e instanceof AssociationEvent.Aborted x) {
                    throw new IllegalStateException(x.toString());
                }
            }
        }
        double wall = (System.nanoTime() - wall0) / 1e9;
        double cpu = (threads.getCurrentThreadCpuTime() - cpu0) / 1e9;
        return new Result(receivedBytes, received, wall, cpu, a.metrics().retransmittedChunks(), a.metrics().packetsSent());
    }

    private static void collect(Association from, ArrayDeque<byte[]> wire, SplittableRandom random, double loss) {
        byte[] p;
        while ((p = from.pollPacket()) != null) {
            if (loss == 0 || random.nextDouble() >= loss) {
                wire.add(p);
            }
        }
    }
}
