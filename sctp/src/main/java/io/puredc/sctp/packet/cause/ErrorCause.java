package io.puredc.sctp.packet.cause;

import io.puredc.sctp.packet.ByteReader;
import io.puredc.sctp.packet.ByteWriter;
import io.puredc.sctp.packet.ParseException;
import io.puredc.sctp.packet.RawTlv;
import io.puredc.sctp.packet.SerializableTlv;
import io.puredc.sctp.packet.Tlv;
import java.util.ArrayList;
import java.util.List;

/**
 * An error cause carried by ABORT and ERROR chunks (RFC 9260 §3.3.10), framed as a TLV and padded
 * to 4 bytes like a parameter:
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |           Cause Code          |          Cause Length         |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * /                    Cause-Specific Information                 /
 * \                                                               \
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 * Codes 1–13 have records (§3.3.10.1–§3.3.10.13); any other code becomes {@link UnknownCause}.
 */
public sealed interface ErrorCause extends SerializableTlv
        permits InvalidStreamIdentifierCause, MissingMandatoryParameterCause, StaleCookieCause,
        OutOfResourceCause, UnresolvableAddressCause, UnrecognizedChunkTypeCause,
        InvalidMandatoryParameterCause, UnrecognizedParametersCause, NoUserDataCause,
        CookieReceivedWhileShuttingDownCause, RestartWithNewAddressesCause,
        UserInitiatedAbortCause, ProtocolViolationCause, UnknownCause {

    int code();

    default int paddedSize() {
        return Tlv.paddedLength(Tlv.HEADER_SIZE + valueSize());
    }

    default void writeTo(ByteWriter out) {
        Tlv.writeTlv16(code(), this, out);
    }

    default byte[] toBytes() {
        ByteWriter out = new ByteWriter(paddedSize());
        writeTo(out);
        return out.toByteArray();
    }

    static boolean isKnownCode(int code) {
        return code >= 1 && code <= 13;
    }

    static ErrorCause parse(RawTlv raw) throws ParseException {
        ByteReader v = raw.value();
        return switch (raw.type()) {
            case InvalidStreamIdentifierCause.CODE -> InvalidStreamIdentifierCause.parse(v);
            case MissingMandatoryParameterCause.CODE -> MissingMandatoryParameterCause.parse(v);
            case StaleCookieCause.CODE -> StaleCookieCause.parse(v);
            case OutOfResourceCause.CODE -> OutOfResourceCause.parse(v);
            case UnresolvableAddressCause.CODE -> UnresolvableAddressCause.parse(v);
            case UnrecognizedChunkTypeCause.CODE -> UnrecognizedChunkTypeCause.parse(v);
            case InvalidMandatoryParameterCause.CODE -> InvalidMandatoryParameterCause.parse(v);
            case UnrecognizedParametersCause.CODE -> UnrecognizedParametersCause.parse(v);
            case NoUserDataCause.CODE -> NoUserDataCause.parse(v);
            case CookieReceivedWhileShuttingDownCause.CODE -> CookieReceivedWhileShuttingDownCause.parse(v);
            case RestartWithNewAddressesCause.CODE -> RestartWithNewAddressesCause.parse(v);
            case UserInitiatedAbortCause.CODE -> UserInitiatedAbortCause.parse(v);
            case ProtocolViolationCause.CODE -> ProtocolViolationCause.parse(v);
            default -> UnknownCause.parse(raw.type(), v);
        };
    }

    /** Parses back-to-back causes filling {@code region}. */
    static List<ErrorCause> parseAll(ByteReader region) throws ParseException {
        List<RawTlv> raws = RawTlv.splitAll(region);
        List<ErrorCause> out = new ArrayList<>(raws.size());
        for (RawTlv raw : raws) {
            out.add(parse(raw));
        }
        return List.copyOf(out);
    }

    /** Size of {@code causes} back to back inside a chunk (last one unpadded, RFC 9260 §3.2). */
    static int listSize(List<ErrorCause> causes) {
        return Tlv.listSize(causes);
    }

    static void writeAll(List<ErrorCause> causes, ByteWriter out) {
        Tlv.writeList16(causes, ErrorCause::code, out);
    }
}
