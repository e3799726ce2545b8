package io.puredc.sctp.packet.chunk;

import io.puredc.sctp.packet.ByteReader;
import io.puredc.sctp.packet.ByteWriter;
import io.puredc.sctp.packet.Fields;
import io.puredc.sctp.packet.ParseException;
import io.puredc.sctp.packet.RawChunk;
import io.puredc.sctp.packet.Tlv;
import io.puredc.sctp.types.Tsn;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Selective Acknowledgement (SACK), RFC 9260 §3.3.4, type 3:
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |   Type = 3    |  Chunk Flags  |         Chunk Length          |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                      Cumulative TSN Ack                       |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |          Advertised Receiver Window Credit (a_rwnd)           |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * | Number of Gap Ack Blocks = N  |  Number of Duplicate TSNs = M |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |    Gap Ack Block #1 Start     |     Gap Ack Block #1 End      |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * /                                                               /
 * \                              ...                              \
 * /                                                               /
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |    Gap Ack Block #N Start     |     Gap Ack Block #N End      |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                        Duplicate TSN 1                        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * /                                                               /
 * \                              ...                              \
 * /                                                               /
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                        Duplicate TSN M                        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 * Gap block offsets are relative to the Cumulative TSN Ack. The peer-declared counts are checked
 * against the chunk length before anything is allocated for them.
 */
public record SackChunk(Tsn cumulativeTsnAck, int advertisedReceiverWindowCredit,
                        List<GapAckBlock> gapAckBlocks, List<Tsn> duplicateTsns) implements Chunk {
    public static final int TYPE = 3;
    private static final int FIXED_SIZE = 12;

    /** A gap ack block: TSNs cumulativeTsnAck + start .. cumulativeTsnAck + end were received. */
    public record GapAckBlock(int start, int end) {
        public GapAckBlock {
            Fields.checkU16(start, "gap block start");
            Fields.checkU16(end, "gap block end");
        }
    }

    public SackChunk {
        Objects.requireNonNull(cumulativeTsnAck, "cumulativeTsnAck");
        gapAckBlocks = List.copyOf(gapAckBlocks);
        duplicateTsns = List.copyOf(duplicateTsns);
        Tlv.checkValueSize(FIXED_SIZE + 4 * gapAckBlocks.size() + 4 * duplicateTsns.size(), "SACK");
    }

    public static SackChunk parse(RawChunk raw) throws ParseException {
        ByteReader v = raw.value();
        v.requireAtLeast(FIXED_SIZE, "SACK chunk");
        Tsn cumAck = new Tsn(v.u32());
        int arwnd = v.u32();
        int gaps = v.u16();
        int dups = v.u16();
        // Both counts are 16-bit, so this cannot overflow; the exact match is required by §3.3.4.
        if (4 * gaps + 4 * dups != v.remaining()) {
            throw new ParseException("SACK declares " + gaps + " gap blocks and " + dups
                    + " duplicate TSNs but has " + v.remaining() + " bytes for them");
        }
        List<GapAckBlock> blocks = new ArrayList<>(gaps);
        for (int i = 0; i < gaps; i++) {
            blocks.add(new GapAckBlock(v.u16(), v.u16()));
        }
        List<Tsn> duplicates = new ArrayList<>(dups);
        for (int i = 0; i < dups; i++) {
            duplicates.add(new Tsn(v.u32()));
        }
        return new SackChunk(cumAck, arwnd, blocks, duplicates);
    }

    @Override
    public int type() {
        return TYPE;
    }

    @Override
    public int valueSize() {
        return FIXED_SIZE + 4 * gapAckBlocks.size() + 4 * duplicateTsns.size();
    }

    @Override
    public void writeValueTo(ByteWriter out) {
        out.u32(cumulativeTsnAck.value()).u32(advertisedReceiverWindowCredit)
                .u16(gapAckBlocks.size()).u16(duplicateTsns.size());
        for (GapAckBlock b : gapAckBlocks) {
            out.u16(b.start()).u16(b.end());
        }
        for (Tsn t : duplicateTsns) {
            out.u32(t.value());
        }
    }
}
