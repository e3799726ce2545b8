package io.puredc.daemon.session;

import com.fasterxml.jackson.databind.JsonNode;
import io.puredc.daemon.relay.Json;
import io.puredc.daemon.relay.SessionListener.SessionInfo;
import io.puredc.peer.DataChannel;
import io.puredc.peer.IceCandidateInit;
import io.puredc.peer.PeerConnection;
import io.puredc.peer.PeerConnectionState;
import io.puredc.peer.SessionDescription;
import io.puredc.transcode.StreamSource;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One browser session (PROTOCOL.md): answers the browser's offer with a {@link PeerConnection},
 * trickles candidates both ways, serves the {@code stream} channel with a {@link RangePump}, and
 * ends on channel close, ICE {@code failed}, the connection closing, {@code bye}, the relay
 * dropping the session, or daemon shutdown; {@code disconnected} is transient and ignored.
 *
 * <p>All state lives on one serial executor: signalling messages, peer-connection callbacks and
 * the pump's turns are tasks on it, so nothing here needs a lock.
 */
final class StreamSession {
    private static final Logger LOG = LoggerFactory.getLogger(StreamSession.class);
    static final String CHANNEL_LABEL = "stream";

    private final SessionInfo info;
    private final SessionContext ctx;
    private final SignalLink link;
    private final SerialExecutor serial;
    private final PumpStats stats = new PumpStats();
    private final long startNanos = System.nanoTime();
    private final CompletableFuture<Void> ended = new CompletableFuture<>();
    private CompletableFuture<StreamSource> source;
    private PeerConnection pc;
    private DataChannel channel;
    private boolean channelCounted;
    private RangePump pump;
    /** Browser messages that arrive before the source is open (a probe takes a moment). */
    private final List<byte[]> earlyFrames = new ArrayList<>();
    /** Our candidates wait until the answer went out: a browser refuses candidates before it. */
    private final List<IceCandidateInit> earlyCandidates = new ArrayList<>();
    private boolean answerSent;
    private boolean done;

    StreamSession(SessionInfo info, SessionContext ctx, SignalLink link, SerialExecutor serial) {
        this.info = info;
        this.ctx = ctx;
        this.link = link;
        this.serial = serial;
    }

    String id() {
        return info.sessionId();
    }

    /** Completes once the session has ended and released its connection and source. */
    CompletableFuture<Void> endedFuture() {
        return ended;
    }

    PumpStats stats() {
        return stats;
    }

    void start() {
        LOG.info("session {} started: {}{}", shortId(), info.path(), info.quality() == null ? "" : " at " + info.quality());
        source = CompletableFuture.supplyAsync(() -> {
            try {
                return ctx.sources().open(info.file(), info.quality());
            } catch (IOException e) {
                throw new CompletionException(e);
            }
        }, ctx.workers());
        link.start(new SignalLink.Receiver() {
            @Override
            public void message(String type, String payload) {
                serial.execute(() -> onSignal(type, payload));
            }

            @Override
            public void ended(String why) {
                serial.execute(() -> end(why));
            }
        });
    }

    /** Ends the session from outside (relay expiry, daemon shutdown). */
    void stop(String why) {
        serial.execute(() -> end(why));
    }

    // ------------------------------------------------------------------ signalling (PROTOCOL.md §2)

    private void onSignal(String type, String payload) {
        if (done) {
            return;
        }
        switch (type) {
            case "offer" -> onOffer(payload);
            case "candidate" -> onCandidate(payload);
            case "candidate-end" -> {
                if (pc != null) {
                    pc.addIceCandidate(IceCandidateInit.endOfCandidates("0"));
                }
            }
            case "bye" -> end("the browser said bye");
            default -> LOG.warn("session {}: ignored a signalling message of type {}", shortId(), type);
        }
    }

    private void onOffer(String payload) {
        if (pc != null) {
            LOG.warn("session {}: ignored a second offer (renegotiation is not supported)", shortId());
            return;
        }
        SessionDescription offer;
        try {
            JsonNode d = Json.MAPPER.readTree(payload);
            offer = new SessionDescription(d.path("type").asText(), d.path("sdp").asText());
        } catch (IOException | IllegalArgumentException e) {
            refuse("the offer is not an RTCSessionDescriptionInit: " + e.getMessage());
            return;
        }
        if (!offer.isOffer()) {
            refuse("expected an offer, got " + offer.type());
            return;
        }
        pc = PeerConnection.create(ctx.peerConfig());
        pc.onIceCandidate(c -> serial.execute(() -> sendCandidate(c)));
        pc.onConnectionStateChange(s -> serial.execute(() -> onState(s)));
        pc.onDataChannel(ch -> serial.execute(() -> onDataChannel(ch)));
        PeerConnection p = pc;
        p.setRemoteDescription(offer)
                .thenCompose(v -> p.createAnswer())
                .thenCompose(a -> p.setLocalDescription(a).thenApply(v -> a))
                .whenComplete((answer, err) -> serial.execute(() -> {
                    if (err != null) {
                        Throwable cause = err instanceof CompletionException && err.getCause() != null ? err.getCause() : err;
                        refuse("the offer was refused: " + cause.getMessage());
                        return;
                    }
                    if (done) {
                        return;
                    }
                    link.send("answer", Json.write(Map.of("type", answer.type(), "sdp", answer.sdp())));
                    answerSent = true;
                    earlyCandidates.forEach(this::sendCandidate);
                    earlyCandidates.clear();
                }));
    }

    private void onCandidate(String payload) {
        if (pc == null) {
            LOG.warn("session {}: a candidate before the offer was ignored", shortId());
            return;
        }
        IceCandidateInit c;
        try {
            JsonNode n = Json.MAPPER.readTree(payload);
            c = new IceCandidateInit(n.path("candidate").asText(""),
                    n.hasNonNull("sdpMid") ? n.get("sdpMid").asText() : null, n.path("sdpMLineIndex").asInt(0));
        } catch (IOException e) {
            LOG.warn("session {}: ignored a malformed candidate: {}", shortId(), e.getMessage());
            return;
        }
        pc.addIceCandidate(c).exceptionally(e -> {
            LOG.debug("session {}: candidate refused: {}", shortId(), e.getMessage());
            return null;
        });
    }

    private void sendCandidate(IceCandidateInit c) {
        if (done) {
            return;
        }
        if (!answerSent) {
            earlyCandidates.add(c);
            return;
        }
        if (c.isEndOfCandidates()) {
            link.send("candidate-end", "");
            return;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("candidate", c.candidate());
        m.put("sdpMid", c.sdpMid());
        m.put("sdpMLineIndex", c.sdpMLineIndex());
        link.send("candidate", Json.write(m));
    }

    /** An offer we cannot answer: the browser hears {@code bye}, the log says why. */
    private void refuse(String why) {
        LOG.warn("session {}: {}", shortId(), why);
        end(why);
    }

    // ------------------------------------------------------------------ the peer connection

    private void onState(PeerConnectionState s) {
        LOG.debug("session {}: connection {}", shortId(), s);
        if (s == PeerConnectionState.FAILED) {
            end("ICE failed");
        } else if (s == PeerConnectionState.CLOSED) {
            end("the peer connection closed");
        }
    }

    private void onDataChannel(DataChannel ch) {
        if (done || channel != null || !CHANNEL_LABEL.equals(ch.label())) {
            LOG.warn("session {}: closed an unexpected data channel '{}'", shortId(), ch.label());
            ch.close();
            return;
        }
        channel = ch;
        ch.setBufferedAmountLowThreshold(RangePump.RESUME_BELOW);
        ch.onMessage(m -> serial.execute(() -> onFrame(m.binary(), m.data())));
        ch.onBufferedAmountLow(() -> serial.execute(() -> {
            if (pump != null) {
                pump.onBufferedAmountLow();
            }
        }));
        ch.onClose(() -> serial.execute(() -> end("the channel closed")));
        ch.onOpen(() -> serial.execute(this::onChannelOpen));
        if (ch.readyState() == DataChannel.ReadyState.OPEN) {
            onChannelOpen();
        }
    }

    private void onChannelOpen() {
        if (done || channelCounted) {
            return;
        }
        channelCounted = true;
        ctx.hooks().channelOpened(info.sessionId());
        source.whenComplete((src, err) -> serial.execute(() -> startPump(src, err)));
    }

    private void startPump(StreamSource src, Throwable err) {
        if (done) {
            return;
        }
        if (err != null) {
            Throwable cause = err instanceof CompletionException && err.getCause() != null ? err.getCause() : err;
            LOG.warn("session {}: cannot open {}: {}", shortId(), info.path(), cause.getMessage());
            end("the file cannot be opened");
            return;
        }
        DataChannel ch = channel;
        pump = new RangePump(src, info.file().getFileName().toString(), new RangePump.Output() {
            @Override
            public void send(byte[] frame) {
                try {
                    ch.sendTransferred(frame);
                } catch (IllegalStateException e) {
                    serial.execute(() -> end("the channel closed"));
                }
            }

            @Override
            public long bufferedAmount() {
                return ch.bufferedAmount();
            }
        }, new RangePump.Scheduler() {
            @Override
            public void runSoon(Runnable task) {
                serial.execute(task);
            }

            @Override
            public void runAfter(Duration delay, Runnable task) {
                ctx.timers().schedule(() -> serial.execute(task), delay.toMillis(), TimeUnit.MILLISECONDS);
            }
        }, stats);
        pump.sendHello();
        if (!src.isFinal()) {
            // §1: once the transcode's size is exact, HELLO again without TRANSCODING.
            src.whenFinal().thenAccept(size -> serial.execute(() -> {
                if (!done && pump != null) {
                    pump.sendHello();
                }
            }));
        }
        for (byte[] f : earlyFrames) {
            pump.onMessage(true, f);
        }
        earlyFrames.clear();
    }

    private void onFrame(boolean binary, byte[] data) {
        if (done) {
            return;
        }
        if (pump != null) {
            pump.onMessage(binary, data);
        } else if (binary && earlyFrames.size() < 64) {
            earlyFrames.add(data);
        } else {
            stats.malformed.increment();
        }
    }

    // ------------------------------------------------------------------ the end

    private void end(String why) {
        if (done) {
            return;
        }
        done = true;
        if (pump != null) {
            pump.close();
        }
        if (channelCounted) {
            ctx.hooks().channelClosed(info.sessionId());
        }
        if (!why.equals("the browser said bye")) {
            link.send("bye", "");
        }
        link.close();
        CompletableFuture<Void> closed = CompletableFuture.completedFuture(null);
        if (pc != null) {
            pc.close();
            closed = pc.closeFuture();
        }
        source.whenComplete((src, err) -> {
            if (src != null) {
                src.close(); // kills a transcode and deletes its file
            }
        });
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        LOG.info("session {} ended ({}) after {} s: served {}", shortId(), why, String.format("%.1f", seconds), stats);
        closed.whenComplete((v, e) -> ended.complete(null));
    }

    private String shortId() {
        String id = info.sessionId();
        return id.length() > 8 ? id.substring(0, 8) : id;
    }
}
