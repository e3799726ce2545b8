package io.puredc.sctp.packet.chunk;

import io.puredc.sctp.packet.ByteWriter;
import io.puredc.sctp.packet.ParseException;
import io.puredc.sctp.packet.RawChunk;
import io.puredc.sctp.packet.param.Parameter;
import io.puredc.sctp.types.Tsn;
import java.util.List;
import java.util.Optional;

/**
 * Initiation (INIT), RFC 9260 §3.3.2, type 1:
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |   Type = 1    |  Chunk Flags  |      Chunk Length             |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                         Initiate Tag                          |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |          Advertised Receiver Window Credit (a_rwnd)           |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  Number of Outbound Streams   |   Number of Inbound Streams   |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                          Initial TSN                          |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * \                                                               \
 * /              Optional/Variable-Length Parameters              /
 * \                                                               \
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 * The codec checks syntax only: semantic rules (a zero Initiate Tag or zero stream counts are
 * discarded or aborted, §3.3.2) belong to the association. 32-bit fields keep unsigned bits.
 */
public record InitChunk(int initiateTag, int advertisedReceiverWindowCredit, int outboundStreams,
                        int inboundStreams, Tsn initialTsn, List<Parameter> parameters)
        implements Chunk {
    public static final int TYPE = 1;

    public InitChunk {
        InitFields f = new InitFields(initiateTag, advertisedReceiverWindowCredit, outboundStreams,
                inboundStreams, initialTsn, parameters);
        parameters = f.parameters();
    }

    public static InitChunk parse(RawChunk raw) throws ParseException {
        InitFields f = InitFields.parse(raw.value(), "Initiation (INIT) chunk");
        return new InitChunk(f.initiateTag(), f.advertisedReceiverWindowCredit(), f.outboundStreams(),
                f.inboundStreams(), f.initialTsn(), f.parameters());
    }

    /** The first parameter of the given class, if any. */
    public <T extends Parameter> Optional<T> parameter(Class<T> type) {
        return Parameter.find(parameters, type);
    }

    private InitFields fields() {
        return new InitFields(initiateTag, advertisedReceiverWindowCredit, outboundStreams,
                inboundStreams, initialTsn, parameters);
    }

    @Override
    public int type() {
        return TYPE;
    }

    @Override
    public int valueSize() {
        return fields().valueSize();
    }

    @Override
    public void writeValueTo(ByteWriter out) {
        fields().writeTo(out);
    }
}
