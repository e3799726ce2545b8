package io.puredc.sctp.packet.chunk;

import io.puredc.sctp.packet.ByteWriter;
import io.puredc.sctp.packet.Bytes;
import io.puredc.sctp.packet.Fields;
import io.puredc.sctp.packet.RawChunk;
import io.puredc.sctp.packet.Tlv;
import io.puredc.sctp.packet.UnrecognizedAction;

/**
 * A chunk of a type this codec does not decode (I-DATA, ASCONF, AUTH, PAD, ECNE…), kept whole
 * so the association can report it in an Unrecognized Chunk Type cause ({@link #toBytes()}).
 * What to do with it is encoded in the upper two bits of its type (RFC 9260 §3.2): see
 * {@link #action()}.
 */
public record UnknownChunk(int type, int flags, Bytes value) implements Chunk {
    public UnknownChunk {
        Fields.checkU8(type, "chunk type");
        Fields.checkU8(flags, "chunk flags");
        if (Chunk.isKnownType(type)) {
            throw new IllegalArgumentException("chunk type " + type + " has its own record");
        }
        Tlv.checkValueSize(value.length(), "unknown chunk value");
    }

    public static UnknownChunk parse(RawChunk raw) {
        return new UnknownChunk(raw.type(), raw.flags(), raw.value().rest());
    }

    public UnrecognizedAction action() {
        return UnrecognizedAction.ofChunkType(type);
    }

    @Override
    public int valueSize() {
        return value.length();
    }

    @Override
    public void writeValueTo(ByteWriter out) {
        out.bytes(value);
    }
}
