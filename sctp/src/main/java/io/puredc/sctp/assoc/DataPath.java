package io.puredc.sctp.assoc;

import io.puredc.sctp.api.AssociationEvent;
import io.puredc.sctp.api.SctpOptions;
import io.puredc.sctp.packet.chunk.DataChunk;
import io.puredc.sctp.packet.chunk.ForwardTsnChunk;
import io.puredc.sctp.packet.chunk.SackChunk;
import io.puredc.sctp.rx.DataTracker;
import io.puredc.sctp.rx.ReassemblyQueue;
import io.puredc.sctp.timer.Timer;
import io.puredc.sctp.tx.CongestionControl;
import io.puredc.sctp.tx.OutgoingFragment;
import io.puredc.sctp.tx.OutstandingData;
import io.puredc.sctp.tx.RtoEstimator;
import io.puredc.sctp.tx.SendQueue;
import io.puredc.sctp.types.Ssn;
import io.puredc.sctp.types.Tsn;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The data transfer half of an established association's TCB: receiving DATA and answering
 * with SACKs (RFC 9260 §6.2), sending DATA under the congestion and receiver windows (§6.1,
 * §7.2), retransmitting on T3-rtx (§6.3.3) and fast retransmit (§7.2.4), and partial
 * reliability with FORWARD TSN (RFC 3758 §3.5–§3.6).
 */
final class DataPath {
    /** A DATA chunk's header rounded to chunk alignment: what a fragment costs besides its payload. */
    private static final int DATA_OVERHEAD = DataChunk.HEADER_SIZE;
    /** Don't start a fragment in a nearly full packet: it would be tiny. */
    private static final int MIN_FRAGMENT = 64;

    private final SctpOptions options;
    private final AssociationMetrics metrics;
    private final SendQueue sendQueue;
    private final Consumer<AssociationEvent> events;
    private final LongSupplier unreadBytes;
    private final int inboundStreams;
    private final boolean peerForwardTsn;
    private final ErrorCounter errors;

    final DataTracker received;
    final ReassemblyQueue reassembly;
    final OutstandingData outstanding;
    private final CongestionControl congestion;
    private final RtoEstimator rto;
    private final Timer t3;
    private final long maxBackoff;
    private long peerReceiveWindow;
    /** In fast recovery while the cumulative ack is below this TSN (§7.2.4); -1 when not. */
    private long fastRecoveryExit = -1;
    private boolean fastRetransmitPending;
    private boolean forwardTsnDue;
    private final List<Integer> invalidStreams = new ArrayList<>();

    DataPath(SctpOptions options, AssociationMetrics metrics, SendQueue sendQueue, Consumer<AssociationEvent> events,
            Consumer<io.puredc.sctp.api.Message> deliver, LongSupplier unreadBytes, int localInitialTsn,
            int peerInitialTsn, int peerReceiveWindow, int inboundStreams, boolean peerForwardTsn,
            ErrorCounter errors) {
        this.options = options;
        this.metrics = metrics;
        this.sendQueue = sendQueue;
        this.events = events;
        this.unreadBytes = unreadBytes;
        this.inboundStreams = inboundStreams;
        this.peerForwardTsn = peerForwardTsn;
        this.errors = errors;
        this.received = new DataTracker(peerInitialTsn, options.delayedAckTimeout());
        this.reassembly = new ReassemblyQueue(deliver);
        this.outstanding = new OutstandingData(Integer.toUnsignedLong(localInitialTsn), this::onAbandoned);
        this.congestion = new CongestionControl(options.mtu(), Integer.toUnsignedLong(peerReceiveWindow));
        this.rto = new RtoEstimator(options.rtoInitial(), options.rtoMin(), options.rtoMax());
        // Its expiries are counted by the association's error counter (§8.1), not by the timer, and
        // backed off in the RTO itself (§6.3.3 E2, see RtoEstimator.backOff), not in the timer.
        this.t3 = Timer.fixed("t3-rtx", rto.rto(), Timer.UNLIMITED);
        this.maxBackoff = Math.min(options.rtoMax(), options.maxTimerBackoff());
        this.peerReceiveWindow = Integer.toUnsignedLong(peerReceiveWindow);
    }

    // ------------------------------------------------------------------ receiving

    /**
     * §6.2: a DATA chunk. Returns false when the chunk is refused as a protocol violation
     * (empty user data, §6.2): the caller aborts.
     */
    boolean handleData(DataChunk c) {
        metrics.dataChunksReceived++;
        if (c.payload().isEmpty()) {
            return false;
        }
        int tsn = c.tsn().value();
        if (!received.isNew(tsn)) {
            if (received.observe(tsn) == DataTracker.Verdict.OUT_OF_WINDOW) {
                metrics.outOfWindowTsns++;
            } else {
                metrics.duplicateTsns++;
            }
            return true;
        }
        long buffered = reassembly.bufferedBytes() + unreadBytes.getAsLong();
        if (buffered + c.payload().length() > options.receiveWindow() && !received.isNextInSequence(tsn)) {
            // Not acknowledged, so the peer retransmits it once we have room; the chunk that
            // fills the cumulative TSN is always taken so the window can never deadlock.
            metrics.dataDroppedNoBuffer++;
            return true;
        }
        received.observe(tsn);
        if (c.streamId() >= inboundStreams) {
            // §6.5: acknowledge the TSN, discard the data, report the stream.
            metrics.invalidStreamData++;
            invalidStreams.add(c.streamId());
            return true;
        }
        reassembly.add(new ReassemblyQueue.Fragment(received.unwrap(tsn), c.streamId(), c.ssn().value(), c.ppid(),
                c.unordered(), c.beginning(), c.ending(), c.payload())); // a view of the packet, copied once on delivery
        return true;
    }

    /** Stream ids of DATA refused since the last call, to report in an ERROR chunk (§6.5). */
    List<Integer> takeInvalidStreams() {
        if (invalidStreams.isEmpty()) {
            return List.of(); // every packet with DATA asks: don't allocate for the common answer
        }
        List<Integer> out = List.copyOf(invalidStreams);
        invalidStreams.clear();
        return out;
    }

    void endOfPacketWithData(long now, boolean immediate) {
        received.onPacketWithData(now, immediate);
    }

    /** RFC 3758 §3.6: the peer abandoned messages up to the new cumulative TSN. */
    void handleForwardTsn(ForwardTsnChunk f) {
        long forwardTo = received.unwrap(f.newCumulativeTsn().value());
        long outOfWindowBefore = received.outOfWindowCount();
        received.handleForwardTsn(f.newCumulativeTsn().value());
        if (received.outOfWindowCount() != outOfWindowBefore) {
            metrics.outOfWindowTsns++;
            return;
        }
        // Even when the cumulative TSN did not move (every fragment sent of an abandoned
        // message had arrived), the listed streams must skip the abandoned SSNs.
        Map<Integer, Integer> skipped = new HashMap<>();
        for (ForwardTsnChunk.SkippedStream s : f.skippedStreams()) {
            skipped.merge(s.streamId(), s.ssn().value(),
                    (a, b) -> io.puredc.sctp.types.SerialNumbers.greaterThan16(a, b) ? a : b);
        }
        reassembly.handleForwardTsn(forwardTo, received.cumulativeUnwrapped(), skipped);
    }

    /** Our advertised receiver window: what is left after what we hold and the application has not read. */
    long advertisedWindow() {
        return Math.max(0, options.receiveWindow() - reassembly.bufferedBytes() - unreadBytes.getAsLong());
    }

    SackChunk createSack() {
        DataTracker.SackInfo info = received.createSack();
        List<SackChunk.GapAckBlock> gaps = new ArrayList<>(info.gaps().size());
        for (DataTracker.GapBlock g : info.gaps()) {
            gaps.add(new SackChunk.GapAckBlock(g.start(), g.end()));
        }
        List<Tsn> dups = new ArrayList<>(info.duplicates().size());
        for (int d : info.duplicates()) {
            dups.add(Tsn.of(d));
        }
        return new SackChunk(Tsn.of(info.cumulativeTsn()), (int) Math.min(advertisedWindow(), 0xFFFF_FFFFL), gaps, dups);
    }

    // ------------------------------------------------------------------ acknowledgements

    /** Widens a TSN of ours from the wire, relative to the cumulative ack point. */
    private long unwrapOwn(int tsn) {
        long ref = outstanding.cumulativeAck();
        return ref + (tsn - (int) ref);
    }

    /** §6.2.1: a SACK from the peer. */
    void handleSack(SackChunk s, long now) {
        long cum = unwrapOwn(s.cumulativeTsnAck().value());
        List<long[]> ranges = new ArrayList<>(s.gapAckBlocks().size());
        for (SackChunk.GapAckBlock g : s.gapAckBlocks()) {
            ranges.add(new long[] {cum + g.start(), cum + g.end()});
        }
        processAck(cum, ranges, Integer.toUnsignedLong(s.advertisedReceiverWindowCredit()), now);
    }

    /**
     * §9.2: a SHUTDOWN carries a cumulative TSN ack that counts like a SACK; it has no gap
     * blocks, and their absence is not reneging.
     */
    void handleShutdownAck(Tsn cumulativeTsnAck, long now) {
        processAck(unwrapOwn(cumulativeTsnAck.value()), null, peerReceiveWindow, now);
    }

    /** {@code ranges}: the SACK's gap blocks as absolute TSN ranges, or null for a SHUTDOWN. */
    private void processAck(long cum, List<long[]> ranges, long advertisedWindow, long now) {
        long flightBefore = outstanding.bytesInFlight();
        boolean fullyUtilized = congestion.isFullyUtilized(flightBefore);
        OutstandingData.AckResult r = ranges == null ? outstanding.handleShutdownAck(cum, now)
                : outstanding.handleSack(cum, ranges, now);
        if (r == OutstandingData.AckResult.STALE) {
            return;
        }
        if (r.highestNewlyAcked() >= 0) {
            errors.reset(); // §8.1: DATA was acknowledged, the peer is reachable
        }
        if (r.rttSample() >= 0) {
            rto.observe(r.rttSample());
            t3.setDuration(rto.rto());
        }
        peerReceiveWindow = advertisedWindow;
        if (fastRecoveryExit >= 0 && outstanding.cumulativeAck() >= fastRecoveryExit) {
            fastRecoveryExit = -1; // §7.2.4: leave fast recovery once everything outstanding at entry is acked
        }
        if (r.cumulativeAdvanced()) {
            congestion.onCumulativeAckAdvanced(r.bytesAcked(), fullyUtilized, fastRecoveryExit >= 0);
        }
        if (r.fastRetransmitNeeded()) {
            metrics.fastRetransmits++;
            if (fastRecoveryExit < 0) {
                congestion.onFastRetransmit();
                fastRecoveryExit = outstanding.nextTsn() - 1;
            }
            fastRetransmitPending = true;
        }
        if (!outstanding.hasUnackedData()) {
            t3.stop(); // §6.3.2 R2
            congestion.onAllDataAcked();
        } else if (r.cumulativeAdvanced()) {
            t3.start(now); // §6.3.2 R3
        }
        checkForwardTsn(now);
    }

    private void checkForwardTsn(long now) {
        if (!peerForwardTsn) {
            return;
        }
        outstanding.expireLifetimes(now);
        OutstandingData.ForwardTsn f = outstanding.forwardTsn();
        // RFC 3758 §3.5 C2/C3: send it when the ack point moves, again while the peer lags.
        forwardTsnDue = f != null && f.newCumulativeTsn() > outstanding.cumulativeAck();
    }

    private void onAbandoned(long messageId) {
        metrics.abandonedMessages++;
        sendQueue.discardRemainder(messageId);
    }

    // ------------------------------------------------------------------ timers

    long nextDeadline() {
        return Math.min(t3.expiry(), received.nextDeadline());
    }

    /**
     * Returns false when a T3-rtx expiry took the error counter past Association.Max.Retrans
     * (§8.1): the peer is unreachable and the caller closes the association.
     */
    boolean handleTimeout(long now) {
        received.handleTimeout(now);
        Timer.Outcome o = t3.poll(now);
        if (o == Timer.Outcome.EXPIRED) {
            metrics.t3Expirations++;
            if (errors.increment()) {
                t3.stop();
                return false;
            }
            // §6.3.3 E1–E3: collapse the window, back off the RTO, resend from the lowest TSN.
            congestion.onRetransmissionTimeout();
            rto.backOff(maxBackoff);
            t3.setDuration(rto.rto());
            t3.start(now);
            fastRecoveryExit = -1;
            outstanding.markAllForRetransmission(now);
            checkForwardTsn(now);
            if (!outstanding.hasUnackedData()) {
                t3.stop();
            }
        }
        return true;
    }

    // ------------------------------------------------------------------ sending

    boolean sackDue() {
        return received.shouldSendSackNow();
    }

    /**
     * Fills packets with what may be sent now: retransmissions first (a fast retransmit's
     * first packet regardless of cwnd, §7.2.4 item 3), then a FORWARD TSN, then new DATA while
     * the congestion window (§6.1 B) and the peer's receiver window (§6.1 A) allow.
     */
    void fill(PacketSink sink, long now) {
        if (fastRetransmitPending) {
            fastRetransmitPending = false;
            sendRetransmissions(sink, now, sink.emptyPacketCapacity());
        }
        long cwndRoom = congestion.cwnd() - outstanding.bytesInFlight();
        if (outstanding.hasRetransmissions() && cwndRoom > 0) {
            sendRetransmissions(sink, now, (int) Math.min(Integer.MAX_VALUE, cwndRoom));
        }
        if (forwardTsnDue) {
            forwardTsnDue = false;
            OutstandingData.ForwardTsn f = outstanding.forwardTsn();
            if (f != null) {
                List<ForwardTsnChunk.SkippedStream> streams = new ArrayList<>();
                f.skippedSsnByStream().forEach((sid, ssn) -> streams.add(new ForwardTsnChunk.SkippedStream(sid, Ssn.of(ssn))));
                sink.add(new ForwardTsnChunk(Tsn.of((int) f.newCumulativeTsn()), streams));
                t3.startIfStopped(now); // RFC 3758 §3.5 C4
            }
        }
        if (outstanding.hasRetransmissions()) {
            return; // retransmissions go before new data
        }
        while (sendQueue.hasDataToSend()) {
            long inFlight = outstanding.bytesInFlight();
            if (inFlight >= congestion.cwnd()) {
                return;
            }
            long rwnd = Math.max(0, peerReceiveWindow - inFlight);
            if (sink.bytesRemaining() < DATA_OVERHEAD + MIN_FRAGMENT) {
                sink.finishPacket();
            }
            int maxPayload = (sink.bytesRemaining() - DATA_OVERHEAD) & ~3;
            if (rwnd < maxPayload) {
                // §6.1 A: no new data beyond the peer's window, except one probe when nothing is in flight.
                if (inFlight > 0) {
                    return;
                }
                maxPayload = Math.max(Math.min(maxPayload, (int) rwnd) & ~3, Math.min(maxPayload, MIN_FRAGMENT));
            }
            OutgoingFragment f = sendQueue.next(now, maxPayload);
            if (f == null) {
                return;
            }
            long tsn = outstanding.nextTsn();
            DataChunk chunk = new DataChunk(Tsn.of((int) tsn), f.streamId(), Ssn.of(f.ssn()), f.ppid(),
                    f.payload(), f.unordered(), f.beginning(), f.end(), false);
            sink.add(chunk);
            outstanding.sent(f, chunk.paddedSize(), now);
            metrics.dataChunksSent++;
            t3.setDuration(rto.rto());
            t3.startIfStopped(now); // §6.3.2 R1
            if (rwnd < maxPayload) {
                return; // the zero-window probe goes alone
            }
        }
    }

    private void sendRetransmissions(PacketSink sink, long now, int budget) {
        for (OutstandingData.Item i : outstanding.takeRetransmissions(budget, now)) {
            OutgoingFragment f = i.fragment();
            sink.add(new DataChunk(Tsn.of((int) i.tsn()), f.streamId(), Ssn.of(f.ssn()), f.ppid(),
                    f.payload(), f.unordered(), f.beginning(), f.end(), false));
            metrics.retransmittedChunks++;
        }
        if (outstanding.hasUnackedData()) {
            t3.startIfStopped(now);
        }
    }

    // ------------------------------------------------------------------ state

    /** Nothing outstanding and nothing queued: shutdown may proceed (§9.2). */
    boolean isDrained() {
        return outstanding.isEmpty() && !sendQueue.hasDataToSend();
    }

    long cwnd() {
        return congestion.cwnd();
    }

    long bytesInFlight() {
        return outstanding.bytesInFlight();
    }

    long rto() {
        return rto.rto();
    }

    void observeRtt(long rtt) {
        rto.observe(rtt);
        t3.setDuration(rto.rto());
    }
}
