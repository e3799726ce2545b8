package io.puredc.ice;

/**
 * The connection states the agent reports, named as in W3C {@code RTCIceConnectionState}.
 * <ul>
 * <li>{@code CHECKING}: connectivity checks run (ice4j RUNNING).</li>
 * <li>{@code CONNECTED}: a pair is selected and the transport is usable (ice4j COMPLETED); also
 *     re-entered from {@code DISCONNECTED} when consent is confirmed again.</li>
 * <li>{@code COMPLETED}: checking is over, unused candidates are released (ice4j TERMINATED).</li>
 * <li>{@code DISCONNECTED}: no consent response for {@link IceConfig#disconnectedTimeout()} (RFC 7675).</li>
 * <li>{@code FAILED}: checks failed, or consent expired ({@link IceConfig#consentTimeout()}, RFC 7675 §5.1);
 *     sockets are released at once; only {@code close()} leaves it (to CLOSED).</li>
 * <li>{@code CLOSED}: {@link IceAgent#close()} was called; final.</li>
 * </ul>
 */
public enum IceState {
    NEW,
    CHECKING,
    CONNECTED,
    COMPLETED,
    DISCONNECTED,
    FAILED,
    CLOSED;

    /** No data flows in FAILED or CLOSED, and neither leads back to a working state. */
    public boolean isFinal() {
        return this == FAILED || this == CLOSED;
    }

    /** The moves the agent makes (W3C RTCIceConnectionState); anything else is ignored. */
    static boolean canMove(IceState from, IceState to) {
        if (from == to || from == CLOSED) {
            return false;
        }
        return switch (to) {
            case CLOSED -> true;
            case FAILED -> from != FAILED;
            case CHECKING -> from == NEW;
            case CONNECTED -> from == NEW || from == CHECKING || from == DISCONNECTED;
            case COMPLETED -> from == CONNECTED || from == DISCONNECTED;
            case DISCONNECTED -> from == CONNECTED || from == COMPLETED;
            default -> false;
        };
    }
}
