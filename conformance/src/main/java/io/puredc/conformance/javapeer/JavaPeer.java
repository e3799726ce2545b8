package io.puredc.conformance.javapeer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.puredc.peer.DataChannel;
import io.puredc.peer.IceCandidateInit;
import io.puredc.peer.PeerConfig;
import io.puredc.peer.PeerConnection;
import io.puredc.peer.SessionDescription;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The Java stack's peer program of shared/PEER-PROTOCOL.md:
 * {@code java-peer --role offerer|answerer --scenario NAME [--param k=v ...]}. JSON lines on
 * stdin/stdout, logs on stderr. All scenario logic runs on one control thread, so callbacks
 * from the connection's event loop and lines from stdin never race.
 */
public final class JavaPeer {
    static final String IMPL = "puredc " + version();
    private static final ObjectMapper JSON = new ObjectMapper();

    final String role;
    final String scenario;
    final Map<String, String> params;
    final ScheduledExecutorService ctl = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "java-peer-control");
        t.setDaemon(true);
        return t;
    });
    private final PrintStream out;
    private final long start = System.nanoTime();
    final PeerConnection pc;
    private final Scenarios.Scenario logic;
    private boolean finished;
    private ObjectNode localResult;
    private boolean remoteDone;
    private long setupStart = -1;
    /** Whether {@link StackWarmUp} ran a connection before this one (reported in the result). */
    private static boolean warmProcess;
    private double setupMs = -1;
    private boolean remoteSet;
    private final List<IceCandidateInit> pendingCandidates = new ArrayList<>();
    private int localCandidates;

    JavaPeer(String role, String scenario, Map<String, String> params, PrintStream out) throws Exception {
        this.role = role;
        this.scenario = scenario;
        this.params = params;
        this.out = out;
        String address = System.getenv().getOrDefault("PEER_ADDRESS", "127.0.0.1");
        PeerConfig config = PeerConfig.defaults().withHostAddresses(InetAddress.getByName(address))
                .withRemoteAddressFilter(JavaPeer::remoteAllowed);
        this.pc = PeerConnection.create(config);
        this.logic = Scenarios.create(this);
        pc.onIceCandidate(c -> exec(() -> {
            if (c.isEndOfCandidates()) {
                write(obj("t", "candidate", "candidate", ""));
            } else {
                localCandidates++;
                ObjectNode line = obj("t", "candidate", "candidate", c.candidate(), "sdpMid", c.sdpMid());
                line.put("sdpMLineIndex", c.sdpMLineIndex());
                write(line);
            }
        }));
        // Handlers must be registered inside onDataChannel, on the loop: messages that arrive
        // before a channel has an onMessage handler are not kept (as in the W3C API).
        pc.onDataChannel(ch -> {
            try {
                logic.onChannel(ch);
            } catch (RuntimeException e) {
                exec(() -> fail(e.toString()));
            }
        });
        pc.onConnectionStateChange(s -> exec(() -> {
            log("connection " + s);
            // Once our part is done the other side may finish and close first; its ABORT can then
            // beat its done line (which goes through the coordinator): not a failure of the run.
            if (s == io.puredc.peer.PeerConnectionState.FAILED && localResult == null) {
                fail("the peer connection failed");
            }
        }));
    }

    /** PEER-PROTOCOL.md: remote candidates outside 127.0.0.0/8 and 10.233.0.0/24 are ignored. */
    static boolean remoteAllowed(InetAddress a) {
        byte[] b = a.getAddress();
        return b.length == 4 && (b[0] == 127 || (b[0] == 10 && (b[1] & 0xff) == 233 && b[2] == 0));
    }

    // ------------------------------------------------------------------ protocol

    void begin() {
        write(obj("t", "ready", "impl", IMPL));
        long timeoutMs = Long.parseLong(params.getOrDefault("timeout_ms", "60000"));
        ctl.schedule(() -> fail("timeout after " + timeoutMs + " ms ("
                + (localResult != null ? "waiting for the other side's done" : "part not finished") + ")"),
                timeoutMs, TimeUnit.MILLISECONDS);
        if (role.equals("offerer")) {
            exec(() -> {
                setupStart = System.nanoTime();
                logic.beforeOffer();
                SessionDescription offer = pc.createOffer().get(30, TimeUnit.SECONDS);
                pc.setLocalDescription(offer).get(30, TimeUnit.SECONDS);
                write(obj("t", "sdp", "type", "offer", "sdp", offer.sdp()));
            });
        }
    }

    void onLine(JsonNode msg) throws Exception {
        String t = msg.path("t").asText();
        switch (t) {
            case "sdp" -> {
                String type = msg.path("type").asText();
                SessionDescription d = new SessionDescription(type, msg.path("sdp").asText());
                if (type.equals("offer") && role.equals("answerer")) {
                    setupStart = System.nanoTime();
                    pc.setRemoteDescription(d).get(30, TimeUnit.SECONDS);
                    remoteSet = true;
                    logic.afterRemoteOffer();
                    SessionDescription answer = pc.createAnswer().get(30, TimeUnit.SECONDS);
                    pc.setLocalDescription(answer).get(30, TimeUnit.SECONDS);
                    write(obj("t", "sdp", "type", "answer", "sdp", answer.sdp()));
                } else if (type.equals("answer") && role.equals("offerer")) {
                    pc.setRemoteDescription(d).get(30, TimeUnit.SECONDS);
                    remoteSet = true;
                } else {
                    throw new IllegalStateException("unexpected " + type + " for the " + role);
                }
                for (IceCandidateInit c : pendingCandidates) {
                    pc.addIceCandidate(c).get(30, TimeUnit.SECONDS);
                }
                pendingCandidates.clear();
            }
            case "candidate" -> {
                IceCandidateInit c = new IceCandidateInit(msg.path("candidate").asText(""),
                        msg.path("sdpMid").asText("0"), msg.path("sdpMLineIndex").asInt(0));
                if (remoteSet) {
                    pc.addIceCandidate(c).get(30, TimeUnit.SECONDS);
                } else {
                    pendingCandidates.add(c);
                }
            }
            case "done" -> {
                remoteDone = true;
                logic.onRemoteDone();
                maybeFinish();
            }
            default -> log("ignoring line " + msg);
        }
    }

    // ------------------------------------------------------------------ used by scenarios

    /** Runs scenario code on the control thread; any exception fails the run. */
    void exec(ThrowingRunnable r) {
        try {
            ctl.execute(() -> {
                if (finished) {
                    return;
                }
                try {
                    r.run();
                } catch (Throwable e) {
                    fail(e.toString());
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException ignored) {
            // shutting down
        }
    }

    interface ThrowingRunnable {
        void run() throws Exception;
    }

    double now() {
        return (System.nanoTime() - start) / 1e6;
    }

    void opened(DataChannel ch) {
        if (setupMs < 0 && setupStart >= 0) {
            setupMs = (System.nanoTime() - setupStart) / 1e6;
        }
        event("open", ch.label());
    }

    void event(String name, String label) {
        ObjectNode e = obj("t", "event", "name", name, "label", label);
        e.put("ms", round(now()));
        write(e);
    }

    /** This peer's part is over: tell the other side, and finish once its done came too. */
    void partDone(ObjectNode result) {
        if (finished || localResult != null) {
            return;
        }
        localResult = result;
        write(obj("t", "done"));
        maybeFinish();
    }

    private void maybeFinish() {
        if (finished || localResult == null || !remoteDone) {
            return;
        }
        ObjectNode r = obj("t", "result");
        r.put("ok", true);
        r.put("scenario", scenario);
        r.setAll(localResult);
        if (setupMs >= 0) {
            r.put("setup_ms", round(setupMs));
        } else {
            r.putNull("setup_ms");
        }
        ObjectNode detail = r.has("detail") ? (ObjectNode) r.get("detail") : r.putObject("detail");
        detail.put("local_candidates", localCandidates);
        detail.put("warm_process", warmProcess);
        detail.put("warmup_bytes", warmProcess ? StackWarmUp.bulkBytes() : 0);
        end(r, 0);
    }

    void fail(String message) {
        if (finished) {
            return;
        }
        log("failed: " + message);
        ObjectNode r = obj("t", "result", "scenario", scenario, "error", message);
        r.put("ok", false);
        if (setupMs >= 0) {
            r.put("setup_ms", round(setupMs));
        }
        end(r, 1);
    }

    private void end(ObjectNode result, int code) {
        finished = true;
        write(result);
        pc.close();
        try {
            pc.closeFuture().get(2, TimeUnit.SECONDS);
        } catch (Exception ignored) {
            // exiting anyway
        }
        out.flush();
        System.exit(code);
    }

    synchronized void write(ObjectNode line) {
        try {
            out.println(JSON.writeValueAsString(line));
            out.flush();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static ObjectNode obj(String... kv) {
        ObjectNode n = JSON.createObjectNode();
        for (int i = 0; i < kv.length; i += 2) {
            n.put(kv[i], kv[i + 1]);
        }
        return n;
    }

    static double round(double x) {
        return Math.round(x * 10) / 10.0;
    }

    static void log(String s) {
        System.err.println("java-peer: " + s);
    }

    private static String version() {
        String v = JavaPeer.class.getPackage().getImplementationVersion();
        return v != null ? v : "0.1.0-SNAPSHOT";
    }

    // ------------------------------------------------------------------ main

    public static void main(String[] args) throws Exception {
        String role = null;
        String scenario = null;
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--role" -> role = args[++i];
                case "--scenario" -> scenario = args[++i];
                case "--param" -> {
                    String kv = args[++i];
                    int eq = kv.indexOf('=');
                    if (eq <= 0) {
                        usage("--param needs key=value, got " + kv);
                    }
                    params.put(kv.substring(0, eq), kv.substring(eq + 1));
                }
                default -> usage("unknown argument " + args[i]);
            }
        }
        if (role == null || scenario == null || !(role.equals("offerer") || role.equals("answerer"))) {
            usage("--role offerer|answerer and --scenario NAME are required");
        }
        // Everything but our JSON lines goes to stderr (ice4j and slf4j log there already).
        PrintStream stdout = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), false,
                StandardCharsets.UTF_8);
        System.setOut(System.err);
        if (!Scenarios.NAMES.contains(scenario)) {
            ObjectNode r = obj("t", "result", "scenario", scenario, "error", "unknown scenario " + scenario);
            r.put("ok", false);
            r.put("unsupported", true);
            stdout.println(JSON.writeValueAsString(r));
            stdout.flush();
            System.exit(3);
        }
        // ice4j's one-time configuration start-up (about a second) belongs to the process, not to
        // the connection that setup_ms measures; a daemon pays it once at start too.
        io.puredc.ice.IceAgent.warmUp();
        // The same for the rest of the stack (class loading, crypto set-up, first JIT): see StackWarmUp.
        warmProcess = StackWarmUp.enabled() && StackWarmUp.run();
        JavaPeer peer = new JavaPeer(role, scenario, params, stdout);
        peer.begin();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode msg;
            try {
                msg = JSON.readTree(line);
            } catch (Exception e) {
                log("ignoring a line that is not JSON: " + line);
                continue;
            }
            peer.exec(() -> peer.onLine(msg));
        }
        // stdin closed: the coordinator is gone; the timeout ends us if the scenario does not.
        Thread.sleep(Long.MAX_VALUE);
    }

    private static void usage(String why) {
        System.err.println("java-peer: " + why);
        System.err.println("usage: java-peer --role offerer|answerer --scenario NAME [--param key=value ...]");
        System.exit(2);
    }
}
