package io.puredc.sctp.assoc;

import io.puredc.sctp.api.AssociationEvent;
import io.puredc.sctp.packet.chunk.Chunk;
import io.puredc.sctp.packet.chunk.ReConfigChunk;
import io.puredc.sctp.packet.param.OutgoingSsnResetRequestParameter;
import io.puredc.sctp.packet.param.Parameter;
import io.puredc.sctp.packet.param.ReconfigurationResponseParameter;
import io.puredc.sctp.timer.Timer;
import io.puredc.sctp.tx.SendQueue;
import io.puredc.sctp.types.Tsn;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Stream reconfiguration (RFC 6525) as WebRTC uses it: resetting outgoing streams closes data
 * channels (RFC 8831 §6.7). One request of ours is in flight at a time (§5.1.1); streams asked
 * to close meanwhile wait, and each waits until its queued messages are sent. Incoming
 * requests are performed only once every TSN up to the sender's last assigned one has
 * arrived (§5.2.2, "deferred reset"), so data sent before a close is always delivered first.
 */
final class StreamResets {
    private final SendQueue sendQueue;
    private final DataPath data;
    private final Consumer<AssociationEvent> events;
    private final Consumer<Chunk> control;
    private final Timer timer;

    /** Streams the user asked to reset, not yet in a request. */
    private final Set<Integer> pending = new LinkedHashSet<>();
    private OutgoingSsnResetRequestParameter inFlight;
    private int nextRequestSequence;

    /** The peer's next expected request sequence number (§5.2.1: starts at its initial TSN). */
    private int peerNextRequestSequence;
    private ReconfigurationResponseParameter lastResponse;
    private OutgoingSsnResetRequestParameter deferred;

    StreamResets(SendQueue sendQueue, DataPath data, Consumer<AssociationEvent> events, Consumer<Chunk> control,
            int localInitialTsn, int peerInitialTsn, long rto) {
        this.sendQueue = sendQueue;
        this.data = data;
        this.events = events;
        this.control = control;
        this.nextRequestSequence = localInitialTsn; // §5.1.1: initialised to the initial TSN
        this.peerNextRequestSequence = peerInitialTsn;
        this.timer = Timer.exponential("reconfig", rto, 60_000_000_000L, Timer.UNLIMITED);
    }

    /** The user closes these outgoing streams: no new messages; queued ones are still sent. */
    void request(List<Integer> streamIds) {
        for (int id : streamIds) {
            if (!sendQueue.isResetPending(id)) {
                sendQueue.beginReset(id);
                pending.add(id);
            }
        }
    }

    /** Sends a request when none is in flight and the streams it names have drained (§5.1.2). */
    void maybeSendRequest(long now) {
        if (inFlight != null || pending.isEmpty()) {
            return;
        }
        List<Integer> ready = new ArrayList<>();
        for (int id : pending) {
            if (sendQueue.isDrained(id)) {
                ready.add(id);
            }
        }
        if (ready.isEmpty()) {
            return;
        }
        pending.removeAll(ready);
        int lastAssigned = (int) (data.outstanding.nextTsn() - 1);
        inFlight = new OutgoingSsnResetRequestParameter(nextRequestSequence, peerNextRequestSequence - 1,
                Tsn.of(lastAssigned), ready);
        send(inFlight);
        timer.setDuration(data.rto());
        timer.start(now);
    }

    void handle(ReConfigChunk chunk, long now) {
        List<Parameter> responses = new ArrayList<>();
        for (Parameter p : chunk.parameters()) {
            if (p instanceof OutgoingSsnResetRequestParameter req) {
                responses.add(handleRequest(req));
            } else if (p instanceof ReconfigurationResponseParameter resp) {
                handleResponse(resp, now);
            } else if (p instanceof io.puredc.sctp.packet.param.IncomingSsnResetRequestParameter req) {
                // §5.2.3: we do not reset on the peer's behalf; WebRTC closes by outgoing resets only.
                responses.add(deny(req.requestSequenceNumber()));
            } else if (p instanceof io.puredc.sctp.packet.param.SsnTsnResetRequestParameter req) {
                responses.add(deny(req.requestSequenceNumber()));
            } else if (p instanceof io.puredc.sctp.packet.param.AddOutgoingStreamsParameter req) {
                responses.add(deny(req.requestSequenceNumber()));
            } else if (p instanceof io.puredc.sctp.packet.param.AddIncomingStreamsParameter req) {
                responses.add(deny(req.requestSequenceNumber()));
            }
        }
        if (!responses.isEmpty()) {
            control.accept(new ReConfigChunk(responses));
        }
    }

    private ReconfigurationResponseParameter deny(int requestSequence) {
        ReconfigurationResponseParameter r = new ReconfigurationResponseParameter(requestSequence,
                ReconfigurationResponseParameter.DENIED);
        if (requestSequence == peerNextRequestSequence) {
            peerNextRequestSequence++;
            lastResponse = r;
        }
        return r;
    }

    /** §5.2.2: an Outgoing SSN Reset Request from the peer. */
    private ReconfigurationResponseParameter handleRequest(OutgoingSsnResetRequestParameter req) {
        int seq = req.requestSequenceNumber();
        if (seq == peerNextRequestSequence - 1 && lastResponse != null
                && lastResponse.responseSequenceNumber() == seq) {
            return lastResponse; // a retransmission: answer the same (§5.2.1)
        }
        if (seq != peerNextRequestSequence) {
            if (deferred != null && deferred.requestSequenceNumber() == seq) {
                return tryPerform(deferred);
            }
            return new ReconfigurationResponseParameter(seq, ReconfigurationResponseParameter.ERROR_BAD_SEQUENCE_NUMBER);
        }
        return tryPerform(req);
    }

    private ReconfigurationResponseParameter tryPerform(OutgoingSsnResetRequestParameter req) {
        long lastAssigned = data.received.unwrap(req.senderLastAssignedTsn().value());
        if (lastAssigned > data.received.cumulativeUnwrapped()) {
            deferred = req;
            return new ReconfigurationResponseParameter(req.requestSequenceNumber(),
                    ReconfigurationResponseParameter.IN_PROGRESS);
        }
        perform(req);
        return lastResponse;
    }

    private void perform(OutgoingSsnResetRequestParameter req) {
        deferred = null;
        List<Integer> streams = req.streamIds();
        if (streams.isEmpty()) {
            data.reassembly.resetAllStreams();
        } else {
            data.reassembly.resetStreams(streams);
        }
        peerNextRequestSequence = req.requestSequenceNumber() + 1;
        lastResponse = new ReconfigurationResponseParameter(req.requestSequenceNumber(),
                ReconfigurationResponseParameter.SUCCESS_PERFORMED);
        events.accept(new AssociationEvent.IncomingStreamsReset(List.copyOf(streams)));
    }

    /** Called after DATA or FORWARD TSN moved the cumulative TSN: a deferred reset may now be due. */
    void onCumulativeTsnAdvanced() {
        if (deferred != null
                && data.received.unwrap(deferred.senderLastAssignedTsn().value()) <= data.received.cumulativeUnwrapped()) {
            perform(deferred);
        }
    }

    /** §5.2.4 / §5.2.7: the peer's answer to our request. */
    private void handleResponse(ReconfigurationResponseParameter resp, long now) {
        if (inFlight == null || resp.responseSequenceNumber() != inFlight.requestSequenceNumber()) {
            return;
        }
        switch (resp.result()) {
            case ReconfigurationResponseParameter.IN_PROGRESS -> timer.start(now); // ask again later
            case ReconfigurationResponseParameter.SUCCESS_PERFORMED,
                    ReconfigurationResponseParameter.SUCCESS_NOTHING_TO_DO -> {
                for (int id : inFlight.streamIds()) {
                    sendQueue.completeReset(id);
                }
                events.accept(new AssociationEvent.OutgoingStreamsReset(List.copyOf(inFlight.streamIds())));
                finishRequest();
            }
            default -> {
                for (int id : inFlight.streamIds()) {
                    sendQueue.completeReset(id);
                }
                events.accept(new AssociationEvent.StreamResetFailed(List.copyOf(inFlight.streamIds()),
                        "peer answered result " + resp.result()));
                finishRequest();
            }
        }
    }

    private void finishRequest() {
        inFlight = null;
        nextRequestSequence++;
        timer.stop();
    }

    long nextDeadline() {
        return timer.expiry();
    }

    void handleTimeout(long now) {
        if (timer.poll(now) == Timer.Outcome.EXPIRED && inFlight != null) {
            send(inFlight); // §5.1.1: retransmit the same request
        }
    }

    private void send(OutgoingSsnResetRequestParameter req) {
        control.accept(new ReConfigChunk(List.of(req)));
    }
}
