package io.puredc.sctp.assoc;

import io.puredc.sctp.packet.Bytes;
import io.puredc.sctp.packet.chunk.HeartbeatAckChunk;
import io.puredc.sctp.packet.chunk.HeartbeatRequestChunk;
import io.puredc.sctp.packet.param.HeartbeatInfoParameter;
import io.puredc.sctp.timer.Timer;
import java.util.random.RandomGenerator;

/**
 * Heartbeats of RFC 9260 §8.3: one HEARTBEAT per interval, whose info (ours to define) carries
 * the send time, so the HEARTBEAT ACK gives an RTT measurement. A HEARTBEAT still unanswered
 * when the next one is due (an interval is far longer than an RTO) counts as one error of the
 * association's error counter (§8.3, §8.1); with the default unlimited Association.Max.Retrans
 * path failure is left to ICE consent, as in Chrome.
 */
final class Heartbeats {
    private static final int INFO_SIZE = 16;
    private final Timer timer;
    private final RandomGenerator random;
    private long sentAt = -1;
    private boolean previousUnanswered;

    Heartbeats(long interval, RandomGenerator random) {
        this.timer = Timer.fixed("heartbeat", interval, Timer.UNLIMITED);
        this.random = random;
    }

    void start(long now) {
        timer.start(now);
    }

    void stop() {
        timer.stop();
    }

    long expiry() {
        return timer.expiry();
    }

    /**
     * The HEARTBEAT to send when the interval passed, else null; after a non-null answer,
     * {@link #previousUnanswered()} says whether the one before it was never acknowledged.
     */
    HeartbeatRequestChunk poll(long now) {
        if (timer.poll(now) != Timer.Outcome.EXPIRED) {
            return null;
        }
        previousUnanswered = sentAt >= 0;
        byte[] info = new byte[INFO_SIZE];
        long nonce = random.nextLong();
        for (int i = 0; i < 8; i++) {
            info[i] = (byte) (now >>> (56 - 8 * i));
            info[8 + i] = (byte) (nonce >>> (56 - 8 * i));
        }
        sentAt = now;
        return new HeartbeatRequestChunk(new HeartbeatInfoParameter(Bytes.of(info)));
    }

    /** Whether the HEARTBEAT before the one {@link #poll} just returned went unanswered (§8.3). */
    boolean previousUnanswered() {
        return previousUnanswered;
    }

    /** The RTT the ACK of our last HEARTBEAT measures, or -1 when it is not that ACK. */
    long onAck(HeartbeatAckChunk ack, long now) {
        Bytes info = ack.info().info();
        if (info.length() != INFO_SIZE || sentAt < 0) {
            return -1;
        }
        long echoed = 0;
        for (int i = 0; i < 8; i++) {
            echoed = (echoed << 8) | (info.get(i) & 0xFF);
        }
        if (echoed != sentAt) {
            return -1;
        }
        sentAt = -1;
        return now - echoed;
    }
}
