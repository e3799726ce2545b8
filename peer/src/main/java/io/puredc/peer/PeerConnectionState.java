package io.puredc.peer;

/** W3C RTCPeerConnectionState. {@code DISCONNECTED} is transient; {@code FAILED} and {@code CLOSED} are final. */
public enum PeerConnectionState {
    NEW, CONNECTING, CONNECTED, DISCONNECTED, FAILED, CLOSED;

    public boolean isFinal() {
        return this == FAILED || this == CLOSED;
    }
}
