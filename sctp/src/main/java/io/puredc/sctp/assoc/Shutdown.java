package io.puredc.sctp.assoc;

import io.puredc.sctp.api.AssociationEvent;
import io.puredc.sctp.api.AssociationState;
import io.puredc.sctp.api.SctpOptions;
import io.puredc.sctp.packet.ParseException;
import io.puredc.sctp.packet.SctpPacket;
import io.puredc.sctp.packet.chunk.ShutdownAckChunk;
import io.puredc.sctp.packet.chunk.ShutdownChunk;
import io.puredc.sctp.packet.chunk.ShutdownCompleteChunk;
import io.puredc.sctp.timer.Timer;
import io.puredc.sctp.types.Tsn;

/**
 * The graceful shutdown of RFC 9260 §9.2 (SHUTDOWN, SHUTDOWN ACK, SHUTDOWN COMPLETE, the
 * T2-shutdown timer and the shutdown collision), and the §8.4 answer to a SHUTDOWN ACK that
 * arrives after the association closed.
 */
final class Shutdown {
    private final Association a;
    private final Timer t2;

    Shutdown(Association association, SctpOptions options) {
        this.a = association;
        long backoffCap = Math.min(options.rtoMax(), options.maxTimerBackoff());
        this.t2 = Timer.exponential("t2-shutdown", options.rtoInitial(), backoffCap, 10);
    }

    long expiry() {
        return t2.expiry();
    }

    void stop() {
        t2.stop();
    }

    /** §9.2: SHUTDOWN or SHUTDOWN ACK go out once everything outstanding is acknowledged. */
    void progress(DataPath data, long now) {
        if (data == null || !data.isDrained()) {
            return;
        }
        if (a.state() == AssociationState.SHUTDOWN_PENDING) {
            a.setState(AssociationState.SHUTDOWN_SENT);
            a.queueControl(new ShutdownChunk(Tsn.of(data.received.cumulativeTsn())));
            t2.setDuration(data.rto());
            t2.start(now);
        } else if (a.state() == AssociationState.SHUTDOWN_RECEIVED) {
            a.setState(AssociationState.SHUTDOWN_ACK_SENT);
            a.queueControl(new ShutdownAckChunk());
            t2.setDuration(data.rto());
            t2.start(now);
        }
    }

    /** §9.2: the peer's SHUTDOWN acknowledges our DATA up to its cumulative TSN. */
    void handleShutdown(ShutdownChunk s, DataPath data, long now) {
        if (data == null) {
            a.counters().unexpectedChunks++;
            return;
        }
        data.handleShutdownAck(s.cumulativeTsnAck(), now);
        switch (a.state()) {
            case ESTABLISHED, SHUTDOWN_PENDING -> a.setState(AssociationState.SHUTDOWN_RECEIVED);
            case SHUTDOWN_SENT -> {
                // §9.2 shutdown collision: answer with SHUTDOWN ACK.
                a.setState(AssociationState.SHUTDOWN_ACK_SENT);
                a.queueControl(new ShutdownAckChunk());
                t2.start(now);
            }
            default -> { }
        }
    }

    void handleShutdownAck() {
        AssociationState s = a.state();
        if (s == AssociationState.SHUTDOWN_SENT || s == AssociationState.SHUTDOWN_ACK_SENT) {
            a.sendAlone(new ShutdownCompleteChunk(false), a.peerTag());
            a.closeWith(new AssociationEvent.Closed());
        } else {
            a.counters().unexpectedChunks++;
        }
    }

    /**
     * T2-shutdown (§9.2): resends SHUTDOWN or SHUTDOWN ACK; false when it expired too often
     * and the caller aborts.
     */
    boolean handleTimeout(DataPath data, long now) {
        Timer.Outcome o = t2.poll(now);
        if (o == Timer.Outcome.EXHAUSTED) {
            return false;
        }
        if (o == Timer.Outcome.EXPIRED) {
            a.queueControl(a.state() == AssociationState.SHUTDOWN_SENT
                    ? new ShutdownChunk(Tsn.of(data.received.cumulativeTsn()))
                    : new ShutdownAckChunk());
        }
        return true;
    }

    /** §8.4 item 5: a SHUTDOWN ACK after we closed gets a SHUTDOWN COMPLETE with the T bit. */
    void answerAfterClose(byte[] bytes) {
        try {
            SctpPacket p = SctpPacket.parse(bytes);
            if (p.chunks().stream().anyMatch(c -> c instanceof ShutdownAckChunk)) {
                a.sendAlone(new ShutdownCompleteChunk(true), p.verificationTag());
            } else {
                a.counters().unexpectedChunks++;
            }
        } catch (ParseException e) {
            a.counters().malformedPackets++;
        }
    }
}
