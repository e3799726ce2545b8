package io.puredc.sctp.packet.cause;

import io.puredc.sctp.packet.ByteReader;
import io.puredc.sctp.packet.ByteWriter;
import io.puredc.sctp.packet.Bytes;
import io.puredc.sctp.packet.Fields;
import io.puredc.sctp.packet.ParseException;
import io.puredc.sctp.packet.Tlv;

/**
 * An error cause whose code is not one of RFC 9260's 1–13 (extensions such as RFC 5061's or
 * RFC 4895's), kept as raw bytes: causes are informational, so an unknown one is carried, not
 * rejected.
 */
public record UnknownCause(int code, Bytes information) implements ErrorCause {
    public UnknownCause {
        Fields.checkU16(code, "cause code");
        if (ErrorCause.isKnownCode(code)) {
            throw new IllegalArgumentException("cause code " + code + " has its own record");
        }
        Tlv.checkValueSize(information.length(), "cause information");
    }

    public static UnknownCause parse(int code, ByteReader value) throws ParseException {
        return new UnknownCause(code, value.rest());
    }

    @Override
    public int valueSize() {
        return information.length();
    }

    @Override
    public void writeValueTo(ByteWriter out) {
        out.bytes(information);
    }
}
