package io.puredc.sctp.channel;

import static io.puredc.sctp.sim.AssociationPair.MS;
import static io.puredc.sctp.sim.ChannelPair.of;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.puredc.sctp.sim.ChannelPair;
import io.puredc.sctp.sim.SimNetwork;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.statistics.Statistics;

/**
 * Randomized transfers over the simulated network (RFC 9260 §6–§7, RFC 3758, RFC 8831): jqwik
 * draws the link (loss 0–20 %, reordering, duplication, delay and jitter, bandwidth), a mix of
 * data channels (reliable ordered and unordered, partial-reliable by retransmission count and
 * by lifetime, ordered or not) and the messages each side sends. The whole run is a function of
 * the drawn {@link Scenario}, whose {@code seed} seeds both associations and the network, so a
 * failure printed by jqwik (with its seed) replays exactly.
 *
 * <p>Every reliable message arrives exactly once, in order on ordered channels;
 * partial-reliable messages arrive at most once, in order on ordered channels, and never
 * corrupt. Every message carries its channel, number and size in its first 9 bytes and bytes
 * derived from them after, and is compared byte for byte with what was sent.
 */
class SimulatedTransferProperties {
    private static final long SECOND = 1000 * MS;
    private static final int HEADER = 9;

    /** The link both ways; bandwidth in bytes/s, 0 = unlimited. */
    record Link(long seed, double loss, double reorder, double duplicate, int delayMs, int jitterMs, long bandwidth) {
        SimNetwork.Conditions conditions() {
            return new SimNetwork.Conditions(loss, duplicate, reorder, delayMs * MS, jitterMs * MS, bandwidth, 1200);
        }
    }

    enum Kind { RELIABLE, MAX_RETRANSMITS, LIFETIME }

    /** A data channel: {@code limit} is the retransmission count or the lifetime in ms. */
    record ChannelSpec(Kind kind, boolean ordered, int limit) {
        ChannelOptions options() {
            return switch (kind) {
                case RELIABLE -> ChannelOptions.of(ordered, -1, -1);
                case MAX_RETRANSMITS -> ChannelOptions.of(ordered, limit, -1);
                case LIFETIME -> ChannelOptions.of(ordered, -1, limit);
            };
        }

        boolean reliable() {
            return kind == Kind.RELIABLE;
        }
    }

    /** One message: on which channel (modulo the channel count), its size, and who sends it. */
    record Send(int channel, int size, boolean fromB) {}

    record Scenario(Link link, List<ChannelSpec> channels, List<Send> sends) {}

    @Property(tries = 300, shrinking = ShrinkingMode.BOUNDED, edgeCases = EdgeCasesMode.NONE)
    void reliableMessagesArriveExactlyOnceInOrderAndPartialReliableOnesAtMostOnceIntact(
            @ForAll("scenarios") Scenario s) {
        ChannelPair p = new ChannelPair(s.link().seed(), s.link().conditions(), 256 * 1024, 256 * 1024);
        p.connectBoth();
        assertTrue(p.runUntil(() -> !of(p.eventsA, ChannelEvent.Connected.class).isEmpty()
                && !of(p.eventsB, ChannelEvent.Connected.class).isEmpty(), 600 * SECOND), "handshake");

        List<Channel> atA = new ArrayList<>();
        for (ChannelSpec spec : s.channels()) {
            atA.add(p.a.create("c" + atA.size(), spec.options(), p.now()));
        }
        p.drain();
        assertTrue(p.runUntil(() -> of(p.eventsB, ChannelEvent.Opened.class).size() == atA.size(), 600 * SECOND),
                "every DCEP OPEN arrives");
        Map<Integer, Channel> atB = new HashMap<>();
        for (ChannelEvent.Opened o : of(p.eventsB, ChannelEvent.Opened.class)) {
            atB.put(o.channel().id(), o.channel());
        }

        // Sent messages by direction (0: A to B, 1: B to A) and channel index.
        List<List<List<Integer>>> sent = List.of(perChannel(s), perChannel(s));
        int[] next = new int[s.channels().size()];
        for (int k = 0; k < s.sends().size(); k++) {
            Send send = s.sends().get(k);
            int c = send.channel() % s.channels().size();
            int number = next[c]++;
            byte[] data = payload(c, number, send.size());
            if (send.fromB()) {
                p.b.send(atB.get(atA.get(c).id()), data, true, p.now());
            } else {
                p.a.send(atA.get(c), data, true, p.now());
            }
            sent.get(send.fromB() ? 1 : 0).get(c).add(number);
            if (k % 7 == 6) {
                p.drain();
                p.runUntil(() -> false, 5 * MS); // let the network interleave with the sending
            }
        }
        p.drain();

        Map<Integer, Integer> indexById = new HashMap<>();
        for (int c = 0; c < atA.size(); c++) {
            indexById.put(atA.get(c).id(), c);
        }
        boolean done = p.runUntil(() -> reliableDone(s, sent.get(0), p.eventsB, indexById)
                && reliableDone(s, sent.get(1), p.eventsA, indexById), 3600 * SECOND);
        assertTrue(done, () -> "reliable messages still missing after an hour; sent " + sent + ", B got "
                + numbers(p.eventsB, indexById) + ", A got " + numbers(p.eventsA, indexById) + "; A "
                + p.a.association().metrics() + ", B " + p.b.association().metrics());
        p.runUntil(() -> false, 30 * SECOND); // late duplicates and retransmissions must change nothing

        check(s, sent.get(0), p.eventsB, indexById, "A->B");
        check(s, sent.get(1), p.eventsA, indexById, "B->A");
        assertTrue(of(p.eventsA, ChannelEvent.AssociationEnded.class).isEmpty());
        assertTrue(of(p.eventsB, ChannelEvent.AssociationEnded.class).isEmpty());
        assertEquals(0, p.a.droppedMessages());
        assertEquals(0, p.b.droppedMessages());
        Statistics.label("loss").collect(s.link().loss() == 0 ? "none" : s.link().loss() < 0.1 ? "<10%" : ">=10%");
    }

    /** "channel:number" of every message received, for failure messages. */
    private static List<String> numbers(List<ChannelEvent> received, Map<Integer, Integer> indexById) {
        return of(received, ChannelEvent.Message.class).stream()
                .map(m -> indexById.get(m.channel().id()) + ":" + readInt(m.data(), 1)).toList();
    }

    private static List<List<Integer>> perChannel(Scenario s) {
        List<List<Integer>> l = new ArrayList<>();
        for (int c = 0; c < s.channels().size(); c++) {
            l.add(new ArrayList<>());
        }
        return l;
    }

    private static boolean reliableDone(Scenario s, List<List<Integer>> sent, List<ChannelEvent> received,
            Map<Integer, Integer> indexById) {
        int expected = 0;
        for (int c = 0; c < s.channels().size(); c++) {
            if (s.channels().get(c).reliable()) {
                expected += sent.get(c).size();
            }
        }
        int got = 0;
        for (ChannelEvent.Message m : of(received, ChannelEvent.Message.class)) {
            if (s.channels().get(indexById.get(m.channel().id())).reliable()) {
                got++;
            }
        }
        return got >= expected;
    }

    private static void check(Scenario s, List<List<Integer>> sent, List<ChannelEvent> received,
            Map<Integer, Integer> indexById, String direction) {
        List<List<Integer>> got = perChannel(s);
        Set<Long> seen = new HashSet<>();
        for (ChannelEvent.Message m : of(received, ChannelEvent.Message.class)) {
            int c = indexById.get(m.channel().id());
            byte[] d = m.data();
            assertTrue(d.length >= HEADER, direction + ": a message shorter than its header");
            int number = readInt(d, 1);
            assertEquals(c, d[0], direction + ": message of channel " + d[0] + " arrived on channel " + c);
            assertEquals(d.length, readInt(d, 5), direction + ": size of message " + c + "/" + number);
            assertTrue(Arrays.equals(payload(c, number, d.length), d), direction + ": content of " + c + "/" + number);
            assertTrue(seen.add((long) c << 32 | number), direction + ": " + c + "/" + number + " delivered twice");
            got.get(c).add(number);
        }
        for (int c = 0; c < s.channels().size(); c++) {
            ChannelSpec spec = s.channels().get(c);
            List<Integer> g = got.get(c);
            if (spec.ordered()) {
                for (int k = 1; k < g.size(); k++) {
                    assertTrue(g.get(k) > g.get(k - 1), direction + ": ordered channel " + c + " out of order: " + g);
                }
            }
            if (spec.reliable()) {
                assertEquals(new HashSet<>(sent.get(c)), new HashSet<>(g), direction + ": reliable channel " + c);
            } else {
                assertTrue(sent.get(c).containsAll(g), direction + ": channel " + c + " delivered unsent messages");
            }
        }
    }

    /** Channel (1 byte), number and size (4 bytes each), then bytes seeded by all three. */
    static byte[] payload(int channel, int number, int size) {
        byte[] b = new byte[size];
        new SplittableRandom(((long) channel << 40) ^ ((long) number << 20) ^ size).nextBytes(b);
        b[0] = (byte) channel;
        writeInt(b, 1, number);
        writeInt(b, 5, size);
        return b;
    }

    private static void writeInt(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }

    private static int readInt(byte[] b, int at) {
        return (b[at] & 0xFF) << 24 | (b[at + 1] & 0xFF) << 16 | (b[at + 2] & 0xFF) << 8 | (b[at + 3] & 0xFF);
    }

    // ------------------------------------------------------------------ generators

    @Provide
    Arbitrary<Scenario> scenarios() {
        Arbitrary<Link> link = Combinators.combine(
                Arbitraries.longs(),
                Arbitraries.frequencyOf(
                        net.jqwik.api.Tuple.of(1, Arbitraries.just(0.0)),
                        net.jqwik.api.Tuple.of(4, Arbitraries.doubles().between(0, 0.2).ofScale(3).withDistribution(RandomDistribution.uniform()))),
                Arbitraries.doubles().between(0, 0.2).ofScale(3).withDistribution(RandomDistribution.uniform()),
                Arbitraries.doubles().between(0, 0.1).ofScale(3).withDistribution(RandomDistribution.uniform()),
                Arbitraries.integers().between(1, 150).withDistribution(RandomDistribution.uniform()),
                Arbitraries.integers().between(0, 30).withDistribution(RandomDistribution.uniform()),
                Arbitraries.frequencyOf(
                        net.jqwik.api.Tuple.of(1, Arbitraries.just(0L)),
                        net.jqwik.api.Tuple.of(3, Arbitraries.longs().between(200_000, 50_000_000).withDistribution(RandomDistribution.uniform()))))
                .as(Link::new);
        Arbitrary<ChannelSpec> channel = Arbitraries.of(Kind.class).flatMap(kind -> Combinators.combine(
                Arbitraries.of(true, false),
                kind == Kind.MAX_RETRANSMITS ? Arbitraries.integers().between(0, 4)
                        : kind == Kind.LIFETIME ? Arbitraries.integers().between(10, 3000).withDistribution(RandomDistribution.uniform()) : Arbitraries.just(-1))
                .as((ordered, limit) -> new ChannelSpec(kind, ordered, limit)));
        Arbitrary<Integer> size = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(12, Arbitraries.integers().between(HEADER, 1200).withDistribution(RandomDistribution.uniform())),
                net.jqwik.api.Tuple.of(6, Arbitraries.integers().between(1200, 20_000).withDistribution(RandomDistribution.uniform())),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(20_000, 64 * 1024).withDistribution(RandomDistribution.uniform())));
        Arbitrary<Send> send = Combinators.combine(Arbitraries.integers().between(0, 99), size,
                Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(4, Arbitraries.just(false)),
                        net.jqwik.api.Tuple.of(1, Arbitraries.just(true))))
                .as(Send::new);
        return Combinators.combine(link, channel.list().ofMinSize(1).ofMaxSize(5).withSizeDistribution(RandomDistribution.uniform()),
                send.list().ofMinSize(1).ofMaxSize(150).withSizeDistribution(RandomDistribution.uniform())).as(Scenario::new);
    }
}
