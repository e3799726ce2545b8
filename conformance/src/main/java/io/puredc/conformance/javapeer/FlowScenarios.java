package io.puredc.conformance.javapeer;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.puredc.peer.DataChannel;
import io.puredc.peer.DataChannelInit;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * The flow scenarios of PEER-PROTOCOL.md for the Java peer: {@code bulk} (back-pressure, every byte
 * checked, SHA-256) and the counted ones ({@code unordered}, {@code partial}, {@code lifetime}:
 * indexed messages, each checked, none twice). Split from {@link Scenarios}, whose helpers they use;
 * everything here runs on the peer's control thread.
 */
final class FlowScenarios {
    /**
     * {@code PUREDC_BULK_PROGRESS=1}: the bulk receiver logs (stderr) every 32 MiB with its time,
     * which shows how the rate changes within one transfer (the JIT's warm-up, see conformance/README).
     */
    private static final boolean LOG_PROGRESS = System.getenv("PUREDC_BULK_PROGRESS") != null;

    private FlowScenarios() {}

    /**
     * Sends {@code total} bytes in {@code msg}-byte messages, pausing above {@code high} and
     * resuming on the low-threshold event (with a 250 ms safety poll, counted).
     */
    private static void pump(JavaPeer x, DataChannel ch, long total, int msg, long high, long low,
            IntFunction<byte[]> make, java.util.function.BiConsumer<Double, Integer> done) {
        long[] off = {0};
        int[] k = {0};
        int[] polls = {0};
        double[] t0 = {-1};
        boolean[] finished = {false};
        ScheduledFuture<?>[] poll = {null};
        ch.setBufferedAmountLowThreshold(low);
        java.util.function.Consumer<Boolean> step = fromPoll -> {
            if (finished[0]) {
                return;
            }
            if (t0[0] < 0) {
                t0[0] = x.now();
            }
            boolean sent = false;
            while (off[0] < total && ch.bufferedAmount() <= high) {
                int n = (int) Math.min(msg, total - off[0]);
                ch.send(make != null ? make.apply(k[0]) : Pattern.bytes(off[0], n));
                off[0] += n;
                k[0]++;
                sent = true;
            }
            if (fromPoll && sent) {
                polls[0]++;
            }
            if (off[0] >= total) {
                finished[0] = true;
                poll[0].cancel(false);
                done.accept(x.now() - t0[0], polls[0]);
            }
        };
        ch.onBufferedAmountLow(() -> x.exec(() -> step.accept(false)));
        poll[0] = x.ctl.scheduleWithFixedDelay(() -> x.exec(() -> step.accept(true)), 250, 250, TimeUnit.MILLISECONDS);
        step.accept(false);
    }

    static Scenarios.Scenario bulk(JavaPeer x) {
        long total = Scenarios.numLong(x, "bytes", 67108864);
        int msg = Scenarios.num(x, "msg", 16384);
        long high = Scenarios.numLong(x, "high", 8388608);
        long low = Scenarios.numLong(x, "low", 1048576);
        String sender = x.params.getOrDefault("sender", "answerer");
        if (!sender.equals("offerer") && !sender.equals("answerer")) {
            throw new IllegalArgumentException("sender must be offerer or answerer");
        }
        boolean sending = sender.equals(x.role);
        Scenarios.Scenario use = new Scenarios.Scenario() {
            long off;
            double t0 = -1;
            MessageDigest hash;

            @Override
            public void onChannel(DataChannel ch) {
                Scenarios.whenOpen(x, ch, () -> {
                    x.opened(ch);
                    if (t0 < 0) {
                        t0 = x.now();
                    }
                    if (sending) {
                        pump(x, ch, total, msg, high, low, null, (ms, polls) -> {
                            ObjectNode r = Scenarios.detail("role", "sender", "resumed_by_poll", polls);
                            r.put("bytes", total);
                            r.put("ms", JavaPeer.round(ms));
                            x.partDone(r);
                        });
                    }
                });
                if (!sending) {
                    Scenarios.onMessage(x, ch, m -> {
                        if (!m.binary()) {
                            throw new IllegalStateException("string message in bulk at offset " + off);
                        }
                        if (t0 < 0) {
                            t0 = x.now();
                        }
                        int at = Pattern.mismatch(m.data(), off, 0);
                        if (at >= 0) {
                            throw new IllegalStateException("byte " + (off + at) + " differs");
                        }
                        if (hash == null) {
                            hash = sha256();
                        }
                        hash.update(m.data());
                        long before = off;
                        off += m.data().length;
                        if (LOG_PROGRESS && (before >> 25) != (off >> 25)) {
                            JavaPeer.log("bulk: " + (off >> 20) + " MiB received at " + JavaPeer.round(x.now() - t0) + " ms");
                        }
                        if (off > total) {
                            throw new IllegalStateException("received " + off + " bytes, more than " + total);
                        }
                        if (off == total) {
                            double ms = x.now() - t0;
                            ObjectNode r = Scenarios.detail("role", "receiver", "mb_per_s", Math.round(total / 1000.0 / ms * 10) / 10.0);
                            r.put("bytes", total);
                            r.put("ms", JavaPeer.round(ms));
                            r.put("sha256", HexFormat.of().formatHex(hash.digest()));
                            x.partDone(r);
                        }
                    });
                }
            }
        };
        if (x.role.equals("offerer")) {
            return new Scenarios.Scenario() {
                @Override
                public void beforeOffer() {
                    use.onChannel(x.pc.createDataChannel("bulk", DataChannelInit.defaults()));
                }
            };
        }
        return use;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** unordered (reliable), partial and lifetime: indexed messages, each checked, none twice. */
    static Scenarios.Scenario counted(JavaPeer x, String label, DataChannelInit init, boolean reliable) {
        int count = Scenarios.num(x, "count", 2000);
        int msg = Scenarios.num(x, "msg", 1024);
        if (msg < 4) {
            throw new IllegalArgumentException("msg must be at least 4 bytes");
        }
        if (x.role.equals("offerer")) {
            return new Scenarios.Scenario() {
                @Override
                public void beforeOffer() {
                    DataChannel ch = x.pc.createDataChannel(label, init);
                    Scenarios.whenOpen(x, ch, () -> {
                        x.opened(ch);
                        pump(x, ch, (long) count * msg, msg, 1048576, 262144, k -> Pattern.indexed(k, msg), (ms, polls) -> {
                            if (reliable) {
                                x.partDone(Scenarios.detail("sent", count));
                            } else {
                                // The receiver learns the end from our done: send it once everything left.
                                ScheduledFuture<?>[] f = {null};
                                f[0] = x.ctl.scheduleWithFixedDelay(() -> x.exec(() -> {
                                    if (ch.bufferedAmount() == 0) {
                                        f[0].cancel(false);
                                        x.partDone(Scenarios.detail("sent", count));
                                    }
                                }), 10, 10, TimeUnit.MILLISECONDS);
                            }
                        });
                    });
                }
            };
        }
        boolean ordered = init.ordered();
        return new Scenarios.Scenario() {
            final boolean[] seen = new boolean[count];
            int received;
            int outOfOrder;
            int last = -1;

            @Override
            public void onChannel(DataChannel ch) {
                Scenarios.openedIfLabelled(x, ch, label);
                Scenarios.onMessage(x, ch, m -> {
                    if (!m.binary() || m.data().length != msg) {
                        throw new IllegalStateException("expected binary(" + msg + "), got " + Pattern.describe(m.binary(), m.data()));
                    }
                    int k = Pattern.index(m.data());
                    if (k < 0 || k >= count) {
                        throw new IllegalStateException("index " + k + " out of range");
                    }
                    if (seen[k]) {
                        throw new IllegalStateException("index " + k + " arrived twice");
                    }
                    int at = Pattern.mismatch(m.data(), (long) k * msg, 4);
                    if (at >= 0) {
                        throw new IllegalStateException("message " + k + ": byte " + at + " differs");
                    }
                    seen[k] = true;
                    received++;
                    if (k < last) {
                        outOfOrder++;
                    }
                    last = k;
                    if (reliable && received == count) {
                        x.partDone(Scenarios.detail("received", received, "out_of_order", outOfOrder));
                    }
                });
            }

            @Override
            public void onRemoteDone() {
                if (!reliable) {
                    x.ctl.schedule(() -> x.exec(() -> {
                        if (ordered && outOfOrder > 0) {
                            throw new IllegalStateException(outOfOrder + " messages out of order on an ordered channel");
                        }
                        x.partDone(Scenarios.detail("received", received, "lost", count - received, "out_of_order", outOfOrder));
                    }), Scenarios.PARTIAL_GRACE_MS, TimeUnit.MILLISECONDS);
                }
            }
        };
    }
}
