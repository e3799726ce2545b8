package io.puredc.sctp.packet.chunk;

import io.puredc.sctp.packet.ByteReader;
import io.puredc.sctp.packet.ByteWriter;
import io.puredc.sctp.packet.Fields;
import io.puredc.sctp.packet.ParseException;
import io.puredc.sctp.packet.RawChunk;
import io.puredc.sctp.packet.Tlv;
import io.puredc.sctp.types.Ssn;
import io.puredc.sctp.types.Tsn;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Forward Cumulative TSN (FORWARD TSN), RFC 3758 §3.2, type 192: the sender abandoned every TSN
 * up to New Cumulative TSN; for ordered streams it lists the largest SSN skipped per stream.
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |   Type = 192  |  Flags = 0x00 |        Length = Variable      |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                      New Cumulative TSN                       |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |         Stream-1              |       Stream Sequence-1       |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * \                                                               /
 * /                                                               \
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |         Stream-N              |       Stream Sequence-N       |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public record ForwardTsnChunk(Tsn newCumulativeTsn, List<SkippedStream> skippedStreams)
        implements Chunk {
    public static final int TYPE = 192;

    /** A stream and the largest SSN skipped on it. */
    public record SkippedStream(int streamId, Ssn ssn) {
        public SkippedStream {
            Fields.checkU16(streamId, "stream id");
            Objects.requireNonNull(ssn, "ssn");
        }
    }

    public ForwardTsnChunk {
        Objects.requireNonNull(newCumulativeTsn, "newCumulativeTsn");
        skippedStreams = List.copyOf(skippedStreams);
        Tlv.checkValueSize(4 + 4 * skippedStreams.size(), "FORWARD TSN");
    }

    public static ForwardTsnChunk parse(RawChunk raw) throws ParseException {
        ByteReader v = raw.value();
        v.requireAtLeast(4, "FORWARD TSN chunk");
        Tsn tsn = new Tsn(v.u32());
        if (v.remaining() % 4 != 0) {
            throw new ParseException("FORWARD TSN stream list of " + v.remaining()
                    + " bytes is not a multiple of 4");
        }
        List<SkippedStream> skipped = new ArrayList<>(v.remaining() / 4);
        while (v.hasRemaining()) {
            skipped.add(new SkippedStream(v.u16(), new Ssn(v.u16())));
        }
        return new ForwardTsnChunk(tsn, skipped);
    }

    @Override
    public int type() {
        return TYPE;
    }

    @Override
    public int valueSize() {
        return 4 + 4 * skippedStreams.size();
    }

    @Override
    public void writeValueTo(ByteWriter out) {
        out.u32(newCumulativeTsn.value());
        for (SkippedStream s : skippedStreams) {
            out.u16(s.streamId()).u16(s.ssn().value());
        }
    }
}
