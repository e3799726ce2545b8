package io.puredc.sctp.packet.cause;

import io.puredc.sctp.packet.ByteReader;
import io.puredc.sctp.packet.ByteWriter;
import io.puredc.sctp.packet.ParseException;
import io.puredc.sctp.types.Tsn;
import java.util.Objects;

/**
 * No User Data error cause (RFC 9260 §3.3.10.9), code 9: the TSN of a DATA chunk that carried no
 * user data.
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |     Cause Code = 9            |       Cause Length = 8        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * /                  TSN value                                    /
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public record NoUserDataCause(Tsn tsn) implements ErrorCause {
    public static final int CODE = 9;

    public NoUserDataCause {
        Objects.requireNonNull(tsn, "tsn");
    }

    public static NoUserDataCause parse(ByteReader value) throws ParseException {
        value.requireExactly(4, "No User Data cause");
        return new NoUserDataCause(new Tsn(value.u32()));
    }

    @Override
    public int code() {
        return CODE;
    }

    @Override
    public int valueSize() {
        return 4;
    }

    @Override
    public void writeValueTo(ByteWriter out) {
        out.u32(tsn.value());
    }
}
