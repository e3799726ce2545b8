package io.puredc.daemon.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.puredc.daemon.client.SseReader;
import io.puredc.peer.DataChannel;
import io.puredc.peer.DataChannelInit;
import io.puredc.peer.IceCandidateInit;
import io.puredc.peer.PeerConfig;
import io.puredc.peer.PeerConnection;
import io.puredc.peer.SessionDescription;
import io.puredc.wire.Frame;
import io.puredc.wire.FrameCodec;
import io.puredc.wire.FrameFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The browser's half of PROTOCOL.md, played by our own Java peer connection over the daemon's real
 * HTTP API: creates a session, offers with one {@code stream} channel, trickles, follows the
 * {@code to=browser} SSE stream, and collects the frames the daemon sends. Bounded everywhere.
 */
public final class JavaBrowser implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final PeerConfig CONFIG = PeerConfig.defaults().withHostAddresses(InetAddress.getLoopbackAddress());

    private final HttpClient http;
    private final URI base;
    public final String sessionId;
    private final String token;
    public final PeerConnection pc;
    public final DataChannel channel;
    public final BlockingQueue<Frame> frames = new LinkedBlockingQueue<>();
    public final CountDownLatch bye = new CountDownLatch(1);
    public final CountDownLatch channelClosed = new CountDownLatch(1);
    private final List<IceCandidateInit> unsent = new ArrayList<>();
    private final List<String> remoteCandidates = new java.util.concurrent.CopyOnWriteArrayList<>();
    private boolean offerSent;
    private final Thread follower;
    private volatile boolean closed;

    private JavaBrowser(HttpClient http, URI base, String sessionId, String token) {
        this.http = http;
        this.base = base;
        this.sessionId = sessionId;
        this.token = token;
        pc = PeerConnection.create(CONFIG);
        pc.onIceCandidate(this::candidate);
        channel = pc.createDataChannel("stream", DataChannelInit.defaults());
        channel.onMessage(m -> {
            try {
                frames.add(FrameCodec.decode(ByteBuffer.wrap(m.data())));
            } catch (FrameFormatException e) {
                throw new AssertionError("the daemon sent a malformed frame: " + e.getMessage());
            }
        });
        channel.onClose(channelClosed::countDown);
        follower = new Thread(this::follow, "test-browser-sse");
        follower.setDaemon(true);
    }

    /** Opens a session for {@code path} and waits (≤ 20 s) for the channel and its HELLO. */
    public static JavaBrowser open(String base, String path) throws Exception {
        return open(base, path, HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build());
    }

    /** The same through a given client (an HTTPS one, say). */
    public static JavaBrowser open(String base, String path, HttpClient h) throws Exception {
        HttpResponse<String> r = h.send(HttpRequest.newBuilder(URI.create(base + "api/sessions"))
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("path", path)))).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 201) {
            throw new IllegalStateException("POST /api/sessions: " + r.statusCode() + " " + r.body());
        }
        JsonNode s = JSON.readTree(r.body());
        JavaBrowser b = new JavaBrowser(h, URI.create(base), s.get("sessionId").asText(), s.get("token").asText());
        b.follower.start();
        SessionDescription offer = b.pc.createOffer().get(10, TimeUnit.SECONDS);
        b.pc.setLocalDescription(offer).get(10, TimeUnit.SECONDS);
        b.signal("offer", JSON.writeValueAsString(Map.of("type", "offer", "sdp", offer.sdp())));
        synchronized (b) {
            b.offerSent = true;
            for (IceCandidateInit c : b.unsent) {
                b.sendCandidate(c);
            }
            b.unsent.clear();
        }
        return b;
    }

    /** The next frame, or an AssertionError after {@code seconds}. */
    public Frame next(int seconds) throws InterruptedException {
        Frame f = frames.poll(seconds, TimeUnit.SECONDS);
        if (f == null) {
            throw new AssertionError("no frame from the daemon within " + seconds + " s");
        }
        return f;
    }

    /** The {@code candidate:} lines the daemon trickled so far. */
    public List<String> remoteCandidates() {
        return List.copyOf(remoteCandidates);
    }

    /**
     * Sends RANGE_REQ {@code id} for the whole file and collects its RANGE_DATA until RANGE_END,
     * which must say OK; any other frame in between fails.
     */
    public byte[] fetchWhole(long id) throws InterruptedException {
        send(new Frame.RangeReq(id, 0, 0));
        java.io.ByteArrayOutputStream got = new java.io.ByteArrayOutputStream();
        for (Frame f = next(20); !(f instanceof Frame.RangeEnd); f = next(20)) {
            if (!(f instanceof Frame.RangeData d) || d.streamId() != id) {
                throw new AssertionError("expected RANGE_DATA for " + id + ", got " + f);
            }
            byte[] p = new byte[d.payload().remaining()];
            d.payload().get(p);
            got.writeBytes(p);
        }
        return got.toByteArray();
    }

    public void send(Frame f) {
        channel.send(FrameCodec.encode(f));
    }

    public void sendRaw(byte[] message) {
        channel.send(message);
    }

    public void signal(String type, String payload) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve("api/sessions/" + sessionId + "/signal?from=browser"))
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("type", type, "payload", payload))))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 204) {
            throw new IllegalStateException("signal " + type + ": " + r.statusCode() + " " + r.body());
        }
    }

    private synchronized void candidate(IceCandidateInit c) {
        if (!offerSent) {
            unsent.add(c);
        } else {
            sendCandidate(c);
        }
    }

    private void sendCandidate(IceCandidateInit c) {
        try {
            if (c.isEndOfCandidates()) {
                signal("candidate-end", "");
            } else {
                signal("candidate", JSON.writeValueAsString(Map.of("candidate", c.candidate(),
                        "sdpMid", c.sdpMid(), "sdpMLineIndex", c.sdpMLineIndex())));
            }
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private void follow() {
        long[] last = {0};
        for (int attempt = 0; attempt < 200 && !closed; attempt++) {
            try {
                HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve("api/sessions/" + sessionId + "/signal?to=browser"))
                        .header("Authorization", "Bearer " + token);
                if (last[0] > 0) {
                    b.header("Last-Event-ID", Long.toString(last[0]));
                }
                HttpResponse<InputStream> r = http.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
                if (r.statusCode() != 200) {
                    return; // the session is gone
                }
                try (InputStream in = r.body()) {
                    SseReader.read(in, last[0], (id, data) -> {
                        handle(data);
                        last[0] = id;
                    });
                }
            } catch (IOException | InterruptedException e) {
                if (closed) {
                    return;
                }
            }
        }
    }

    private void handle(String data) {
        try {
            JsonNode m = JSON.readTree(data);
            String payload = m.get("payload").asText();
            switch (m.get("type").asText()) {
                case "answer" -> {
                    JsonNode d = JSON.readTree(payload);
                    pc.setRemoteDescription(new SessionDescription("answer", d.get("sdp").asText()));
                }
                case "candidate" -> {
                    JsonNode c = JSON.readTree(payload);
                    remoteCandidates.add(c.get("candidate").asText());
                    pc.addIceCandidate(new IceCandidateInit(c.get("candidate").asText(), c.get("sdpMid").asText(),
                            c.get("sdpMLineIndex").asInt()));
                }
                case "candidate-end" -> pc.addIceCandidate(IceCandidateInit.endOfCandidates("0"));
                case "bye" -> bye.countDown();
                default -> throw new AssertionError("unexpected signalling message " + data);
            }
        } catch (IOException e) {
            throw new AssertionError("unreadable signalling message " + data, e);
        }
    }

    @Override
    public void close() {
        closed = true;
        follower.interrupt();
        pc.close();
    }
}
