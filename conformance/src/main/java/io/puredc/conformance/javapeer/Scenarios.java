package io.puredc.conformance.javapeer;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.puredc.peer.DataChannel;
import io.puredc.peer.DataChannelInit;
import io.puredc.peer.DataChannelMessage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The scenarios of PEER-PROTOCOL.md for the Java peer, with the same checks as the outside peers'
 * scenarios.js: every byte verified, order and type checked, nothing reported ok unchecked.
 * Everything here runs on the peer's control thread.
 */
final class Scenarios {
    static final Set<String> NAMES = Set.of("echo", "empty", "bulk", "unordered", "partial", "lifetime", "many",
            "negotiated", "large", "close");
    /** Receivers of partial-reliability scenarios wait this long after the sender's done for late messages. */
    static final long PARTIAL_GRACE_MS = 300;

    interface Scenario {
        default void beforeOffer() {
        }

        default void afterRemoteOffer() {
        }

        default void onChannel(DataChannel ch) {
            throw new IllegalStateException("unexpected channel " + ch.label());
        }

        default void onRemoteDone() {
        }
    }

    private Scenarios() {}

    static Scenario create(JavaPeer x) {
        String p = x.scenario;
        return switch (p) {
            case "echo" -> echo(x);
            case "empty" -> empty(x);
            case "bulk" -> FlowScenarios.bulk(x);
            case "unordered" -> FlowScenarios.counted(x, "u", DataChannelInit.defaults().withOrdered(false), true);
            case "partial" -> FlowScenarios.counted(x, "p", DataChannelInit.defaults().withOrdered(false).withMaxRetransmits(0), false);
            case "lifetime" -> FlowScenarios.counted(x, "l",
                    DataChannelInit.defaults().withMaxPacketLifeTime(num(x, "life", 500)), false);
            case "many" -> many(x);
            case "negotiated" -> negotiated(x);
            case "large" -> large(x);
            case "close" -> close(x);
            default -> throw new IllegalArgumentException("unknown scenario " + p);
        };
    }

    static int num(JavaPeer x, String key, int fallback) {
        return Integer.parseInt(x.params.getOrDefault(key, String.valueOf(fallback)));
    }

    static long numLong(JavaPeer x, String key, long fallback) {
        return Long.parseLong(x.params.getOrDefault(key, String.valueOf(fallback)));
    }

    /** Registers callbacks that hop onto the control thread. */
    static void onMessage(JavaPeer x, DataChannel ch, java.util.function.Consumer<DataChannelMessage> c) {
        ch.onMessage(m -> x.exec(() -> c.accept(m)));
    }

    /** The scenario's one channel: any other label fails the run; its opening is reported once. */
    static void openedIfLabelled(JavaPeer x, DataChannel ch, String label) {
        if (!ch.label().equals(label)) {
            throw new IllegalStateException("unexpected channel " + ch.label());
        }
        whenOpen(x, ch, () -> x.opened(ch));
    }

    static void whenOpen(JavaPeer x, DataChannel ch, JavaPeer.ThrowingRunnable r) {
        boolean[] once = {false};
        JavaPeer.ThrowingRunnable guarded = () -> {
            if (!once[0]) {
                once[0] = true;
                r.run();
            }
        };
        ch.onOpen(() -> x.exec(guarded));
        if (ch.readyState() == DataChannel.ReadyState.OPEN) {
            x.exec(guarded);
        }
    }

    static void send(DataChannel ch, boolean binary, byte[] data) {
        if (binary) {
            ch.send(data);
        } else {
            ch.send(new String(data, StandardCharsets.UTF_8));
        }
    }

    static ObjectNode detail(Object... kv) {
        ObjectNode r = JavaPeer.obj();
        ObjectNode d = r.putObject("detail");
        for (int i = 0; i < kv.length; i += 2) {
            Object v = kv[i + 1];
            if (v instanceof Number n) {
                d.put((String) kv[i], n.doubleValue() == n.longValue() ? n.longValue() : n.doubleValue());
            } else {
                d.put((String) kv[i], String.valueOf(v));
            }
        }
        return r;
    }

    // ------------------------------------------------------------------ echo, empty, large

    private static Scenario echo(JavaPeer x) {
        List<Integer> sizes = new ArrayList<>();
        for (String s : x.params.getOrDefault("sizes", "1,100,1200,16384,65536,262144").split(",")) {
            sizes.add(Integer.parseInt(s.trim()));
        }
        List<Object[]> expected = new ArrayList<>(); // {binary, size}
        for (int s : sizes) {
            expected.add(new Object[] {true, s});
            expected.add(new Object[] {false, s});
        }
        return echoOf(x, "echo", expected);
    }

    private static Scenario empty(JavaPeer x) {
        List<Object[]> expected = List.of(new Object[] {true, 0}, new Object[] {false, 0}, new Object[] {false, -1});
        return echoOf(x, "empty", expected);
    }

    /** Size -1 stands for the message "x". */
    private static byte[] content(boolean binary, int size) {
        if (size < 0) {
            return "x".getBytes(StandardCharsets.UTF_8);
        }
        return binary ? Pattern.bytes(0, size) : Pattern.text(size).getBytes(StandardCharsets.UTF_8);
    }

    private static Scenario echoOf(JavaPeer x, String label, List<Object[]> expected) {
        if (x.role.equals("offerer")) {
            return new Scenario() {
                int got;

                @Override
                public void beforeOffer() {
                    DataChannel ch = x.pc.createDataChannel(label, DataChannelInit.defaults());
                    whenOpen(x, ch, () -> {
                        x.opened(ch);
                        for (Object[] e : expected) {
                            send(ch, (boolean) e[0], content((boolean) e[0], (int) e[1]));
                        }
                    });
                    onMessage(x, ch, m -> {
                        if (got >= expected.size()) {
                            throw new IllegalStateException("unexpected extra message " + Pattern.describe(m.binary(), m.data()));
                        }
                        Object[] e = expected.get(got);
                        byte[] want = content((boolean) e[0], (int) e[1]);
                        if (m.binary() != (boolean) e[0] || !java.util.Arrays.equals(want, m.data())) {
                            throw new IllegalStateException("message " + got + ": expected "
                                    + Pattern.describe((boolean) e[0], want) + ", got "
                                    + Pattern.describe(m.binary(), m.data()) + " or different content");
                        }
                        if (++got == expected.size()) {
                            x.partDone(detail("messages", got));
                        }
                    });
                }
            };
        }
        return new Scenario() {
            int n;

            @Override
            public void onChannel(DataChannel ch) {
                openedIfLabelled(x, ch, label);
                onMessage(x, ch, m -> {
                    send(ch, m.binary(), m.data());
                    if (++n == expected.size()) {
                        x.partDone(detail("echoed", n));
                    }
                });
            }
        };
    }

    private static Scenario large(JavaPeer x) {
        int size = num(x, "size", 262144);
        java.util.function.Consumer<DataChannelMessage> check = m -> {
            if (!m.binary() || m.data().length != size) {
                throw new IllegalStateException("expected binary(" + size + "), got " + Pattern.describe(m.binary(), m.data()));
            }
            int at = Pattern.mismatch(m.data(), 0, 0);
            if (at >= 0) {
                throw new IllegalStateException("byte " + at + " differs");
            }
        };
        if (x.role.equals("offerer")) {
            return new Scenario() {
                @Override
                public void beforeOffer() {
                    DataChannel ch = x.pc.createDataChannel("big", DataChannelInit.defaults());
                    whenOpen(x, ch, () -> {
                        x.opened(ch);
                        ch.send(Pattern.bytes(0, size));
                    });
                    onMessage(x, ch, m -> {
                        check.accept(m);
                        ObjectNode r = detail("echoed", "true");
                        r.put("bytes", size);
                        x.partDone(r);
                    });
                }
            };
        }
        return new Scenario() {
            @Override
            public void onChannel(DataChannel ch) {
                whenOpen(x, ch, () -> x.opened(ch));
                onMessage(x, ch, m -> {
                    check.accept(m);
                    ch.send(m.data());
                    ObjectNode r = detail();
                    r.put("bytes", size);
                    x.partDone(r);
                });
            }
        };
    }

    // ------------------------------------------------------------------ many, negotiated, close

    private static Scenario many(JavaPeer x) {
        int n = num(x, "n", 128);
        if (x.role.equals("offerer")) {
            return new Scenario() {
                int echoed;
                int localClosed;

                @Override
                public void beforeOffer() {
                    List<DataChannel> chans = new ArrayList<>();
                    for (int i = 0; i < n; i++) {
                        String label = "c" + i;
                        DataChannel ch = x.pc.createDataChannel(label, DataChannelInit.defaults());
                        chans.add(ch);
                        whenOpen(x, ch, () -> {
                            x.opened(ch);
                            ch.send("ping " + label);
                        });
                        ch.onClose(() -> x.exec(() -> localClosed++));
                        onMessage(x, ch, m -> {
                            if (m.binary() || !m.text().equals("ping " + label)) {
                                throw new IllegalStateException(label + ": unexpected echo " + Pattern.describe(m.binary(), m.data()));
                            }
                            if (++echoed == n) {
                                for (DataChannel c : chans) {
                                    c.close();
                                }
                                x.partDone(detail("channels", n, "closed_locally_at_done", localClosed));
                            }
                        });
                    }
                }
            };
        }
        return new Scenario() {
            final Set<String> labels = java.util.concurrent.ConcurrentHashMap.newKeySet();
            int closed;
            int echoed;

            @Override
            public void onChannel(DataChannel ch) {
                if (!ch.label().matches("c\\d+") || !labels.add(ch.label())) {
                    throw new IllegalStateException("unexpected channel " + ch.label());
                }
                whenOpen(x, ch, () -> x.opened(ch));
                onMessage(x, ch, m -> {
                    echoed++;
                    send(ch, m.binary(), m.data());
                });
                ch.onClose(() -> x.exec(() -> {
                    if (++closed == n) {
                        x.partDone(detail("channels", labels.size(), "echoed", echoed, "closed", closed));
                    }
                }));
            }
        };
    }

    private static Scenario negotiated(JavaPeer x) {
        int id = num(x, "id", 7);
        java.util.function.BiConsumer<String, String[]> make = (send, expectReply) -> {
            DataChannel ch = x.pc.createDataChannel("neg", DataChannelInit.defaults().withNegotiatedId(id));
            whenOpen(x, ch, () -> {
                x.opened(ch);
                if (send != null) {
                    ch.send(send);
                }
            });
            onMessage(x, ch, m -> {
                if (m.binary() || !m.text().equals(expectReply[0])) {
                    throw new IllegalStateException("expected " + expectReply[0] + ", got " + Pattern.describe(m.binary(), m.data()));
                }
                if (expectReply[1] != null) {
                    ch.send(expectReply[1]);
                }
                x.partDone(detail("id", id));
            });
        };
        if (x.role.equals("offerer")) {
            return new Scenario() {
                @Override
                public void beforeOffer() {
                    make.accept("hello", new String[] {"world", null});
                }

                @Override
                public void onChannel(DataChannel ch) {
                    throw new IllegalStateException("negotiated run announced an in-band channel " + ch.label());
                }
            };
        }
        return new Scenario() {
            @Override
            public void afterRemoteOffer() {
                make.accept(null, new String[] {"hello", "world"});
            }

            @Override
            public void onChannel(DataChannel ch) {
                throw new IllegalStateException("negotiated run announced an in-band channel " + ch.label());
            }
        };
    }

    private static Scenario close(JavaPeer x) {
        if (x.role.equals("offerer")) {
            return new Scenario() {
                @Override
                public void beforeOffer() {
                    DataChannel ch = x.pc.createDataChannel("x", DataChannelInit.defaults());
                    whenOpen(x, ch, () -> {
                        x.opened(ch);
                        ch.send("first");
                    });
                    ch.onClose(() -> x.exec(() -> {
                        x.event("closed", "x");
                        DataChannel y = x.pc.createDataChannel("y", DataChannelInit.defaults());
                        whenOpen(x, y, () -> {
                            x.event("open", "y");
                            y.send("again");
                        });
                        onMessage(x, y, m -> {
                            if (m.binary() || !m.text().equals("again")) {
                                throw new IllegalStateException("y: unexpected echo " + Pattern.describe(m.binary(), m.data()));
                            }
                            x.partDone(detail("x_closed", "true", "y_open", "true"));
                        });
                    }));
                }
            };
        }
        return new Scenario() {
            @Override
            public void onChannel(DataChannel ch) {
                if (ch.label().equals("x")) {
                    whenOpen(x, ch, () -> x.opened(ch));
                    onMessage(x, ch, m -> {
                        if (m.binary() || !m.text().equals("first")) {
                            throw new IllegalStateException("x: unexpected " + Pattern.describe(m.binary(), m.data()));
                        }
                        ch.close();
                    });
                } else if (ch.label().equals("y")) {
                    onMessage(x, ch, m -> {
                        send(ch, m.binary(), m.data());
                        x.partDone(detail("y_echoed", "true"));
                    });
                } else {
                    throw new IllegalStateException("unexpected channel " + ch.label());
                }
            }
        };
    }
}
