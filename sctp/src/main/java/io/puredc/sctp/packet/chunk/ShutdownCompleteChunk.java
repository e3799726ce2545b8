package io.puredc.sctp.packet.chunk;

import io.puredc.sctp.packet.ByteWriter;
import io.puredc.sctp.packet.ParseException;
import io.puredc.sctp.packet.RawChunk;

/**
 * Shutdown Complete (SHUTDOWN COMPLETE), RFC 9260 §3.3.13, type 14; it has no value:
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |   Type = 14   |  Reserved   |T|          Length = 4           |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 * T set: the sender reflected the receiver's verification tag because it had no TCB (§8.5.1).
 */
public record ShutdownCompleteChunk(boolean tagReflected) implements Chunk {
    public static final int TYPE = 14;
    static final int FLAG_T = 0x01;

    public static ShutdownCompleteChunk parse(RawChunk raw) throws ParseException {
        raw.value().requireExactly(0, "SHUTDOWN COMPLETE chunk");
        return new ShutdownCompleteChunk((raw.flags() & FLAG_T) != 0);
    }

    @Override
    public int type() {
        return TYPE;
    }

    @Override
    public int flags() {
        return tagReflected ? FLAG_T : 0;
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
