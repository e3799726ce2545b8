package io.puredc.sctp.packet.param;

import io.puredc.sctp.packet.ByteReader;
import io.puredc.sctp.packet.ByteWriter;
import io.puredc.sctp.packet.Bytes;
import io.puredc.sctp.packet.ParseException;
import io.puredc.sctp.packet.Tlv;
import java.util.Objects;

/**
 * Unrecognized Parameter of INIT ACK (not to be confused with {@link UnknownParameter}): the
 * unrecognized parameter(s) of the INIT, copied whole with their type, length and value (RFC 9260
 * §3.3.3.1), type 8:
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |          Type = 8             |            Length             |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * \                                                               \
 * /                 Unrecognized Parameter(s)                     /
 * \                                                               \
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public record UnrecognizedParameter(Bytes parameters) implements Parameter {
    public static final int TYPE = 8;

    public UnrecognizedParameter {
        Objects.requireNonNull(parameters, "parameters");
        Tlv.checkValueSize(parameters.length(), "parameters");
    }

    public static UnrecognizedParameter parse(ByteReader value) throws ParseException {
        return new UnrecognizedParameter(value.rest());
    }

    @Override
    public int type() {
        return TYPE;
    }

    @Override
    public int valueSize() {
        return parameters.length();
    }

    @Override
    public void writeValueTo(ByteWriter out) {
        out.bytes(parameters);
    }
}
