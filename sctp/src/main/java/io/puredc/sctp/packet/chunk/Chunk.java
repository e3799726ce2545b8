package io.puredc.sctp.packet.chunk;

import io.puredc.sctp.packet.ByteReader;
import io.puredc.sctp.packet.ByteWriter;
import io.puredc.sctp.packet.ParseException;
import io.puredc.sctp.packet.RawChunk;
import io.puredc.sctp.packet.SerializableTlv;
import io.puredc.sctp.packet.Tlv;
import java.util.List;

/**
 * A chunk of an SCTP packet (RFC 9260 §3.2): an immutable value that knows its size and writes
 * itself. Each record's static {@code parse(RawChunk)} decodes it after {@link RawChunk} has
 * checked the framing, and throws nothing but {@link ParseException}.
 *
 * <p>Chunk types this codec does not decode become {@link UnknownChunk}, whose type's upper two
 * bits say what the association must do with it.
 */
public sealed interface Chunk extends SerializableTlv
        permits DataChunk, InitChunk, InitAckChunk, SackChunk, HeartbeatRequestChunk,
        HeartbeatAckChunk, AbortChunk, ShutdownChunk, ShutdownAckChunk, ErrorChunk,
        CookieEchoChunk, CookieAckChunk, ShutdownCompleteChunk, ForwardTsnChunk, ReConfigChunk,
        UnknownChunk {

    int type();

    /** The Chunk Flags byte; zero for chunks that define no flags (sent as 0, ignored, §3.2). */
    default int flags() {
        return 0;
    }

    /** The Chunk Length field: header and value, without trailing padding (§3.2). */
    default int length() {
        return Tlv.HEADER_SIZE + valueSize();
    }

    /** Bytes the chunk takes in a packet, padding included. */
    default int paddedSize() {
        return Tlv.paddedLength(length());
    }

    /** Writes header, value and zero padding to a multiple of 4 bytes (§3.2). */
    default void writeTo(ByteWriter out) {
        int length = Tlv.HEADER_SIZE + Tlv.checkValueSizeOfType(valueSize(), type());
        out.u8(type()).u8(flags()).u16(length);
        Tlv.writeValue(this, out);
        out.zeros(Tlv.paddedLength(length) - length);
    }

    default byte[] toBytes() {
        ByteWriter out = new ByteWriter(paddedSize());
        writeTo(out);
        return out.toByteArray();
    }

    static boolean isKnownType(int type) {
        return switch (type) {
            case DataChunk.TYPE, InitChunk.TYPE, InitAckChunk.TYPE, SackChunk.TYPE,
                    HeartbeatRequestChunk.TYPE, HeartbeatAckChunk.TYPE, AbortChunk.TYPE,
                    ShutdownChunk.TYPE, ShutdownAckChunk.TYPE, ErrorChunk.TYPE,
                    CookieEchoChunk.TYPE, CookieAckChunk.TYPE, ShutdownCompleteChunk.TYPE,
                    ForwardTsnChunk.TYPE, ReConfigChunk.TYPE -> true;
            default -> false;
        };
    }

    static Chunk parse(RawChunk raw) throws ParseException {
        return switch (raw.type()) {
            case DataChunk.TYPE -> DataChunk.parse(raw);
            case InitChunk.TYPE -> InitChunk.parse(raw);
            case InitAckChunk.TYPE -> InitAckChunk.parse(raw);
            case SackChunk.TYPE -> SackChunk.parse(raw);
            case HeartbeatRequestChunk.TYPE -> HeartbeatRequestChunk.parse(raw);
            case HeartbeatAckChunk.TYPE -> HeartbeatAckChunk.parse(raw);
            case AbortChunk.TYPE -> AbortChunk.parse(raw);
            case ShutdownChunk.TYPE -> ShutdownChunk.parse(raw);
            case ShutdownAckChunk.TYPE -> ShutdownAckChunk.parse(raw);
            case ErrorChunk.TYPE -> ErrorChunk.parse(raw);
            case CookieEchoChunk.TYPE -> CookieEchoChunk.parse(raw);
            case CookieAckChunk.TYPE -> CookieAckChunk.parse(raw);
            case ShutdownCompleteChunk.TYPE -> ShutdownCompleteChunk.parse(raw);
            case ForwardTsnChunk.TYPE -> ForwardTsnChunk.parse(raw);
            case ReConfigChunk.TYPE -> ReConfigChunk.parse(raw);
            default -> UnknownChunk.parse(raw);
        };
    }

    /** Parses back-to-back chunks filling {@code region} (a packet after its common header). */
    static List<Chunk> parseAll(ByteReader region) throws ParseException {
        List<RawChunk> raws = RawChunk.splitAll(region);
        if (raws.size() == 1) {
            return List.of(parse(raws.get(0))); // most packets: one DATA or one SACK
        }
        Chunk[] out = new Chunk[raws.size()];
        for (int k = 0; k < out.length; k++) {
            out[k] = parse(raws.get(k));
        }
        return List.of(out);
    }

    /** Parses exactly one chunk (with or without its trailing padding) from {@code bytes}. */
    static Chunk parseOne(byte[] bytes) throws ParseException {
        List<RawChunk> raws = RawChunk.splitAll(ByteReader.of(bytes));
        if (raws.size() != 1) {
            throw new ParseException("expected one chunk, found " + raws.size());
        }
        return parse(raws.get(0));
    }
}
