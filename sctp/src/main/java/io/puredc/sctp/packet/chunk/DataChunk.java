package io.puredc.sctp.packet.chunk;

import io.puredc.sctp.packet.ByteReader;
import io.puredc.sctp.packet.ByteWriter;
import io.puredc.sctp.packet.Bytes;
import io.puredc.sctp.packet.Fields;
import io.puredc.sctp.packet.ParseException;
import io.puredc.sctp.packet.RawChunk;
import io.puredc.sctp.packet.Tlv;
import io.puredc.sctp.types.Ssn;
import io.puredc.sctp.types.Tsn;
import java.util.Objects;

/**
 * Payload Data (DATA), RFC 9260 §3.3.1, type 0:
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |   Type = 0    |  Res  |I|U|B|E|            Length             |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                              TSN                              |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |      Stream Identifier S      |   Stream Sequence Number n    |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                  Payload Protocol Identifier                  |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * \                                                               \
 * /                 User Data (seq n of Stream S)                 /
 * \                                                               \
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 * Flags: I = immediately SACK, U = unordered, B = first fragment, E = last fragment. An empty
 * payload parses (the association answers it with a No User Data ABORT, §6.2), so the codec does
 * not reject it. PPIDs are unsigned 32-bit values kept in the int's bits.
 *
 * <p>{@link #parse} does not copy the user data: the payload is a view of the parsed array, which
 * must not change afterwards (the association owns a packet once handed in). That is what lets a
 * payload byte be copied once from the packet into its message; see {@link Bytes}.
 */
public record DataChunk(Tsn tsn, int streamId, Ssn ssn, int ppid, Bytes payload,
                        boolean unordered, boolean beginning, boolean ending, boolean immediate)
        implements Chunk {
    public static final int TYPE = 0;
    public static final int HEADER_SIZE = 16;
    static final int FLAG_END = 0x01;
    static final int FLAG_BEGINNING = 0x02;
    static final int FLAG_UNORDERED = 0x04;
    static final int FLAG_IMMEDIATE = 0x08;
    /** The largest payload whose chunk length fits 16 bits. */
    public static final int MAX_PAYLOAD = Tlv.MAX_LENGTH - HEADER_SIZE;

    public DataChunk {
        Objects.requireNonNull(tsn, "tsn");
        Objects.requireNonNull(ssn, "ssn");
        Fields.checkU16(streamId, "stream id");
        if (payload.length() > MAX_PAYLOAD) {
            throw new IllegalArgumentException("DATA payload over " + MAX_PAYLOAD + " bytes: " + payload.length());
        }
    }

    public static DataChunk parse(RawChunk raw) throws ParseException {
        ByteReader v = raw.value();
        v.requireAtLeast(HEADER_SIZE - Tlv.HEADER_SIZE, "DATA chunk");
        Tsn tsn = new Tsn(v.u32());
        int streamId = v.u16();
        Ssn ssn = new Ssn(v.u16());
        int ppid = v.u32();
        int f = raw.flags();
        return new DataChunk(tsn, streamId, ssn, ppid, v.restShared(), (f & FLAG_UNORDERED) != 0,
                (f & FLAG_BEGINNING) != 0, (f & FLAG_END) != 0, (f & FLAG_IMMEDIATE) != 0);
    }

    @Override
    public int type() {
        return TYPE;
    }

    @Override
    public int flags() {
        return (unordered ? FLAG_UNORDERED : 0) | (beginning ? FLAG_BEGINNING : 0)
                | (ending ? FLAG_END : 0) | (immediate ? FLAG_IMMEDIATE : 0);
    }

    @Override
    public int valueSize() {
        return HEADER_SIZE - Tlv.HEADER_SIZE + payload.length();
    }

    @Override
    public void writeValueTo(ByteWriter out) {
        out.u32(tsn.value()).u16(streamId).u16(ssn.value()).u32(ppid).bytes(payload);
    }
}
