package io.puredc.peer;

import java.util.Objects;

/** W3C RTCSessionDescriptionInit: {@code type} is "offer" or "answer". */
public record SessionDescription(String type, String sdp) {
    public SessionDescription {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(sdp, "sdp");
        if (!type.equals("offer") && !type.equals("answer")) {
            throw new IllegalArgumentException("description type must be offer or answer, got " + type);
        }
    }

    public boolean isOffer() {
        return type.equals("offer");
    }
}
