package io.puredc.sctp.packet.param;

import io.puredc.sctp.packet.ByteReader;
import io.puredc.sctp.packet.ByteWriter;
import io.puredc.sctp.packet.Bytes;
import io.puredc.sctp.packet.Fields;
import io.puredc.sctp.packet.ParseException;
import io.puredc.sctp.packet.Tlv;
import io.puredc.sctp.packet.UnrecognizedAction;

/**
 * A parameter of a type this codec does not decode (ECN Capable 0x8000 is one), kept as raw bytes
 * so it can be reported back whole in an Unrecognized Parameter. What to do with it is encoded in
 * the upper two bits of its type (RFC 9260 §3.2.1): see {@link #action()}.
 */
public record UnknownParameter(int type, Bytes value) implements Parameter {
    public UnknownParameter {
        Fields.checkU16(type, "parameter type");
        if (Parameter.isKnownType(type)) {
            throw new IllegalArgumentException("parameter type " + type + " has its own record");
        }
        Tlv.checkValueSize(value.length(), "unknown parameter value");
    }

    public static UnknownParameter parse(int type, ByteReader value) throws ParseException {
        return new UnknownParameter(type, value.rest());
    }

    public UnrecognizedAction action() {
        return UnrecognizedAction.ofParameterType(type);
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
