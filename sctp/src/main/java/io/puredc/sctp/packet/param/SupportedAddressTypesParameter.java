package io.puredc.sctp.packet.param;

import io.puredc.sctp.packet.ByteReader;
import io.puredc.sctp.packet.ByteWriter;
import io.puredc.sctp.packet.Fields;
import io.puredc.sctp.packet.ParseException;
import io.puredc.sctp.packet.Tlv;
import java.util.List;

/**
 * Supported Address Types parameter of INIT (RFC 9260 §3.3.2.1), type 12: the address parameter
 * types (5 IPv4, 6 IPv6, 11 Host Name) the sender can use, 16 bits each.
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |          Type = 12            |            Length             |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |        Address Type #1        |        Address Type #2        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                            ......                             |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public record SupportedAddressTypesParameter(List<Integer> addressTypes) implements Parameter {
    public static final int TYPE = 12;

    public SupportedAddressTypesParameter {
        addressTypes = Fields.u16List(addressTypes, "address type");
        Tlv.checkValueSize(2 * addressTypes.size(), "address types");
    }

    public static SupportedAddressTypesParameter parse(ByteReader value) throws ParseException {
        return new SupportedAddressTypesParameter(Fields.readU16List(value, "Supported Address Types"));
    }

    @Override
    public int type() {
        return TYPE;
    }

    @Override
    public int valueSize() {
        return 2 * addressTypes.size();
    }

    @Override
    public void writeValueTo(ByteWriter out) {
        Fields.writeU16List(addressTypes, out);
    }
}
