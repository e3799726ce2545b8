package io.puredc.sctp.packet.param;

import io.puredc.sctp.packet.ByteReader;
import io.puredc.sctp.packet.ByteWriter;
import io.puredc.sctp.packet.ParseException;
import io.puredc.sctp.packet.RawTlv;
import io.puredc.sctp.packet.SerializableTlv;
import io.puredc.sctp.packet.Tlv;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A parameter of an INIT, INIT ACK, HEARTBEAT or RE-CONFIG chunk, framed as a TLV
 * (RFC 9260 §3.2.1):
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |        Parameter Type         |       Parameter Length        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * \                                                               \
 * /                       Parameter Value                         /
 * \                                                               \
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 * Types this codec does not decode (ECN Capable 0x8000 among them) become
 * {@link UnknownParameter}, which keeps the bytes and the action of the type's upper two bits.
 */
public sealed interface Parameter extends SerializableTlv
        permits HeartbeatInfoParameter, Ipv4AddressParameter, Ipv6AddressParameter,
        StateCookieParameter, UnrecognizedParameter, CookiePreservativeParameter,
        HostNameAddressParameter, SupportedAddressTypesParameter, SupportedExtensionsParameter,
        ForwardTsnSupportedParameter, OutgoingSsnResetRequestParameter,
        IncomingSsnResetRequestParameter, SsnTsnResetRequestParameter,
        ReconfigurationResponseParameter, AddOutgoingStreamsParameter,
        AddIncomingStreamsParameter, UnknownParameter {

    int type();

    /** Bytes of the whole parameter including padding. */
    default int paddedSize() {
        return Tlv.paddedLength(Tlv.HEADER_SIZE + valueSize());
    }

    /** Writes header, value and padding. */
    default void writeTo(ByteWriter out) {
        Tlv.writeTlv16(type(), this, out);
    }

    default byte[] toBytes() {
        ByteWriter out = new ByteWriter(paddedSize());
        writeTo(out);
        return out.toByteArray();
    }

    /** Whether {@code type} is one this codec decodes into its own record. */
    static boolean isKnownType(int type) {
        return switch (type) {
            case HeartbeatInfoParameter.TYPE, Ipv4AddressParameter.TYPE, Ipv6AddressParameter.TYPE,
                    StateCookieParameter.TYPE, UnrecognizedParameter.TYPE,
                    CookiePreservativeParameter.TYPE, HostNameAddressParameter.TYPE,
                    SupportedAddressTypesParameter.TYPE, SupportedExtensionsParameter.TYPE,
                    ForwardTsnSupportedParameter.TYPE, OutgoingSsnResetRequestParameter.TYPE,
                    IncomingSsnResetRequestParameter.TYPE, SsnTsnResetRequestParameter.TYPE,
                    ReconfigurationResponseParameter.TYPE, AddOutgoingStreamsParameter.TYPE,
                    AddIncomingStreamsParameter.TYPE -> true;
            default -> false;
        };
    }

    static Parameter parse(RawTlv raw) throws ParseException {
        ByteReader v = raw.value();
        return switch (raw.type()) {
            case HeartbeatInfoParameter.TYPE -> HeartbeatInfoParameter.parse(v);
            case Ipv4AddressParameter.TYPE -> Ipv4AddressParameter.parse(v);
            case Ipv6AddressParameter.TYPE -> Ipv6AddressParameter.parse(v);
            case StateCookieParameter.TYPE -> StateCookieParameter.parse(v);
            case UnrecognizedParameter.TYPE -> UnrecognizedParameter.parse(v);
            case CookiePreservativeParameter.TYPE -> CookiePreservativeParameter.parse(v);
            case HostNameAddressParameter.TYPE -> HostNameAddressParameter.parse(v);
            case SupportedAddressTypesParameter.TYPE -> SupportedAddressTypesParameter.parse(v);
            case SupportedExtensionsParameter.TYPE -> SupportedExtensionsParameter.parse(v);
            case ForwardTsnSupportedParameter.TYPE -> ForwardTsnSupportedParameter.parse(v);
            case OutgoingSsnResetRequestParameter.TYPE -> OutgoingSsnResetRequestParameter.parse(v);
            case IncomingSsnResetRequestParameter.TYPE -> IncomingSsnResetRequestParameter.parse(v);
            case SsnTsnResetRequestParameter.TYPE -> SsnTsnResetRequestParameter.parse(v);
            case ReconfigurationResponseParameter.TYPE -> ReconfigurationResponseParameter.parse(v);
            case AddOutgoingStreamsParameter.TYPE -> AddOutgoingStreamsParameter.parse(v);
            case AddIncomingStreamsParameter.TYPE -> AddIncomingStreamsParameter.parse(v);
            default -> UnknownParameter.parse(raw.type(), v);
        };
    }

    /** Parses back-to-back parameters filling {@code region}. */
    static List<Parameter> parseAll(ByteReader region) throws ParseException {
        List<RawTlv> raws = RawTlv.splitAll(region);
        List<Parameter> out = new ArrayList<>(raws.size());
        for (RawTlv raw : raws) {
            out.add(parse(raw));
        }
        return List.copyOf(out);
    }

    /** Size of {@code params} written back to back inside a chunk (last one unpadded). */
    static int listSize(List<Parameter> params) {
        return Tlv.listSize(params);
    }

    static void writeAll(List<Parameter> params, ByteWriter out) {
        Tlv.writeList16(params, Parameter::type, out);
    }

    /** The first parameter of the given class, if any. */
    static <T extends Parameter> Optional<T> find(List<Parameter> params, Class<T> type) {
        for (Parameter p : params) {
            if (type.isInstance(p)) {
                return Optional.of(type.cast(p));
            }
        }
        return Optional.empty();
    }
}
