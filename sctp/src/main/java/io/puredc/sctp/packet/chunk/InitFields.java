package io.puredc.sctp.packet.chunk;

import io.puredc.sctp.packet.ByteReader;
import io.puredc.sctp.packet.ByteWriter;
import io.puredc.sctp.packet.Fields;
import io.puredc.sctp.packet.ParseException;
import io.puredc.sctp.packet.Tlv;
import io.puredc.sctp.packet.param.Parameter;
import io.puredc.sctp.types.Tsn;
import java.util.List;
import java.util.Objects;

/** The layout INIT (§3.3.2) and INIT ACK (§3.3.3) share, decoded and encoded once. */
record InitFields(int initiateTag, int advertisedReceiverWindowCredit, int outboundStreams,
                  int inboundStreams, Tsn initialTsn, List<Parameter> parameters) {
    static final int FIXED_SIZE = 16;

    InitFields {
        Objects.requireNonNull(initialTsn, "initialTsn");
        Fields.checkU16(outboundStreams, "outbound streams");
        Fields.checkU16(inboundStreams, "inbound streams");
        parameters = List.copyOf(parameters);
        Tlv.checkValueSize(FIXED_SIZE + Parameter.listSize(parameters), "INIT parameters");
    }

    static InitFields parse(ByteReader v, String what) throws ParseException {
        v.requireAtLeast(FIXED_SIZE, what);
        int tag = v.u32();
        int arwnd = v.u32();
        int os = v.u16();
        int mis = v.u16();
        Tsn tsn = new Tsn(v.u32());
        return new InitFields(tag, arwnd, os, mis, tsn, Parameter.parseAll(v));
    }

    int valueSize() {
        return FIXED_SIZE + Parameter.listSize(parameters);
    }

    void writeTo(ByteWriter out) {
        out.u32(initiateTag).u32(advertisedReceiverWindowCredit).u16(outboundStreams)
                .u16(inboundStreams).u32(initialTsn.value());
        Parameter.writeAll(parameters, out);
    }
}
