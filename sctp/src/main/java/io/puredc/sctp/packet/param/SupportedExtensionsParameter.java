package io.puredc.sctp.packet.param;

import io.puredc.sctp.packet.ByteReader;
import io.puredc.sctp.packet.ByteWriter;
import io.puredc.sctp.packet.Fields;
import io.puredc.sctp.packet.ParseException;
import io.puredc.sctp.packet.Tlv;
import java.util.ArrayList;
import java.util.List;

/**
 * Supported Extensions parameter of INIT and INIT ACK (RFC 5061 §4.2.7), type 0x8008: the chunk
 * types beyond RFC 9260 the sender understands, one byte each (WebRTC lists RE-CONFIG 130 and
 * FORWARD-TSN 192).
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |     Parameter Type = 0x8008   |      Parameter Length         |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * | CHUNK TYPE 1  |  CHUNK TYPE 2 |  CHUNK TYPE 3 |  CHUNK TYPE 4 |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                             ....                              |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public record SupportedExtensionsParameter(List<Integer> chunkTypes) implements Parameter {
    public static final int TYPE = 0x8008;

    public SupportedExtensionsParameter {
        chunkTypes = List.copyOf(chunkTypes);
        for (int t : chunkTypes) {
            Fields.checkU8(t, "chunk type");
        }
        Tlv.checkValueSize(chunkTypes.size(), "chunk types");
    }

    public boolean supports(int chunkType) {
        return chunkTypes.contains(chunkType);
    }

    public static SupportedExtensionsParameter parse(ByteReader value) throws ParseException {
        List<Integer> types = new ArrayList<>(value.remaining());
        while (value.hasRemaining()) {
            types.add(value.u8());
        }
        return new SupportedExtensionsParameter(types);
    }

    @Override
    public int type() {
        return TYPE;
    }

    @Override
    public int valueSize() {
        return chunkTypes.size();
    }

    @Override
    public void writeValueTo(ByteWriter out) {
        for (int t : chunkTypes) {
            out.u8(t);
        }
    }
}
