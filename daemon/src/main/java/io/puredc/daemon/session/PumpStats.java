package io.puredc.daemon.session;

import java.util.concurrent.atomic.LongAdder;

/** What one session's pump did, for its end-of-session log line and for tests. */
final class PumpStats {
    final LongAdder bytes = new LongAdder();
    final LongAdder requests = new LongAdder();
    final LongAdder cancels = new LongAdder();
    final LongAdder busy = new LongAdder();
    final LongAdder ioErrors = new LongAdder();
    /** Frames refused: not binary, malformed, a browser-bound type, or a repeated open id. */
    final LongAdder malformed = new LongAdder();
    final LongAdder pauses = new LongAdder();

    @Override
    public String toString() {
        return bytes.sum() + " bytes in " + requests.sum() + " requests (" + cancels.sum() + " cancelled, "
                + busy.sum() + " busy, " + ioErrors.sum() + " failed), " + malformed.sum() + " malformed frames, "
                + pauses.sum() + " back-pressure pauses";
    }
}
