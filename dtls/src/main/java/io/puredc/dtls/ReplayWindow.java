package io.puredc.dtls;

/**
 * The anti-replay window of RFC 6347 §4.1.2.6 for the records of one epoch: a record whose
 * sequence number was already received, or lies more than {@link #SIZE} below the highest one
 * received, is discarded. The window moves only for records that passed authentication, so a
 * forged sequence number cannot push genuine records out of it.
 *
 * <p>Use: {@link #shouldDiscard} before decrypting (cheap, rejects duplicates without crypto),
 * {@link #markAuthenticated} after the record's tag verified. Not thread-safe; the owner
 * serialises calls.
 */
final class ReplayWindow {

    /** Width of the window in records: the RFC requires 32 at least and prefers 64. */
    static final int SIZE = 64;

    /** Highest authenticated sequence number so far; -1 before the first. */
    private long highest = -1;

    /** Bit {@code i} is set when {@code highest - i} was received; bit 0 is {@code highest}. */
    private long bitmap;

    /** Whether a record with this sequence number is a duplicate or too old to tell. */
    boolean shouldDiscard(long sequenceNumber) {
        if (sequenceNumber > highest) {
            return false;
        }
        long behind = highest - sequenceNumber;
        return behind >= SIZE || (bitmap & 1L << behind) != 0;
    }

    /** Records an authenticated record; call only after {@link #shouldDiscard} said false. */
    void markAuthenticated(long sequenceNumber) {
        if (sequenceNumber > highest) {
            long shift = sequenceNumber - highest;
            bitmap = shift >= SIZE ? 1L : bitmap << shift | 1L;
            highest = sequenceNumber;
        } else {
            bitmap |= 1L << (highest - sequenceNumber);
        }
    }

    /** The highest authenticated sequence number, or -1. */
    long highest() {
        return highest;
    }
}
