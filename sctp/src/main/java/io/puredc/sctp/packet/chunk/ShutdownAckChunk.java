package io.puredc.sctp.packet.chunk;

import io.puredc.sctp.packet.ByteWriter;
import io.puredc.sctp.packet.ParseException;
import io.puredc.sctp.packet.RawChunk;

/**
 * Shutdown Acknowledgement (SHUTDOWN ACK), RFC 9260 §3.3.9, type 8; it has no value:
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |   Type = 8    |Chunk  Flags   |          Length = 4           |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public record ShutdownAckChunk() implements Chunk {
    public static final int TYPE = 8;

    public static ShutdownAckChunk parse(RawChunk raw) throws ParseException {
        raw.value().requireExactly(0, "Shutdown Acknowledgement (SHUTDOWN ACK) chunk");
        return new ShutdownAckChunk();
    }

    @Override
    public int type() {
        return TYPE;
    }

    @Override
    public int valueSize() {
        return 0;
    }

    @Override
    public void writeValueTo(ByteWriter out) {
        // No value.
    }
}
