package io.puredc.sctp.packet.cause;

import io.puredc.sctp.packet.ByteReader;
import io.puredc.sctp.packet.ByteWriter;
import io.puredc.sctp.packet.Fields;
import io.puredc.sctp.packet.ParseException;
import io.puredc.sctp.packet.Tlv;
import java.util.List;

/**
 * Missing Mandatory Parameter error cause (RFC 9260 §3.3.10.2), code 2: the types of the
 * mandatory parameters an INIT or INIT ACK lacked.
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |     Cause Code = 2            |      Cause Length = 8 + N * 2 |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                   Number of missing params = N                |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |   Missing Param Type #1       |   Missing Param Type #2       |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |   Missing Param Type #N-1     |   Missing Param Type #N       |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public record MissingMandatoryParameterCause(List<Integer> parameterTypes) implements ErrorCause {
    public static final int CODE = 2;

    public MissingMandatoryParameterCause {
        parameterTypes = Fields.u16List(parameterTypes, "parameter type");
        Tlv.checkValueSize(4 + 2 * parameterTypes.size(), "missing parameter types");
    }

    public static MissingMandatoryParameterCause parse(ByteReader value) throws ParseException {
        value.requireAtLeast(4, "Missing Mandatory Parameter cause");
        long declared = Integer.toUnsignedLong(value.u32());
        // Check the peer's count against the bytes present before allocating anything for it.
        if (declared * 2 != value.remaining()) {
            throw new ParseException("Missing Mandatory Parameter cause declares " + declared
                    + " types in " + value.remaining() + " bytes");
        }
        return new MissingMandatoryParameterCause(Fields.readU16List(value, "missing parameter types"));
    }

    @Override
    public int code() {
        return CODE;
    }

    @Override
    public int valueSize() {
        return 4 + 2 * parameterTypes.size();
    }

    @Override
    public void writeValueTo(ByteWriter out) {
        out.u32(parameterTypes.size());
        Fields.writeU16List(parameterTypes, out);
    }
}
