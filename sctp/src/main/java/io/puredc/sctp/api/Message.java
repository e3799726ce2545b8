package io.puredc.sctp.api;

import java.util.Arrays;
import java.util.Objects;

/**
 * One whole user message on an SCTP stream (RFC 9260 §6.9: the unit the upper layer sends
 * and receives), with its payload protocol identifier (RFC 8831 §8: 50 DCEP, 51 string,
 * 53 binary, 56/57 empty string/binary).
 */
public final class Message {
    private final int streamId;
    private final int ppid;
    private final byte[] payload;

    /** Takes ownership of {@code payload}: the caller must not change it afterwards. */
    public Message(int streamId, int ppid, byte[] payload) {
        if ((streamId & ~0xFFFF) != 0) {
            throw new IllegalArgumentException("stream id must be 0..65535: " + streamId);
        }
        this.streamId = streamId;
        this.ppid = ppid;
        this.payload = Objects.requireNonNull(payload, "payload");
    }

    public int streamId() {
        return streamId;
    }

    /** The PPID's 32 bits. */
    public int ppid() {
        return ppid;
    }

    /** The payload; owned by the message, not to be changed. */
    public byte[] payload() {
        return payload;
    }

    public int size() {
        return payload.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Message m && m.streamId == streamId && m.ppid == ppid && Arrays.equals(m.payload, payload);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * streamId + ppid) + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return "Message[stream=" + streamId + ", ppid=" + Integer.toUnsignedString(ppid) + ", " + payload.length + " bytes]";
    }
}
