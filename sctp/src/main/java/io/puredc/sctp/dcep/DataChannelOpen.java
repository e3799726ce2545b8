package io.puredc.sctp.dcep;

import io.puredc.sctp.packet.ByteReader;
import io.puredc.sctp.packet.ByteWriter;
import io.puredc.sctp.packet.ParseException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * DATA_CHANNEL_OPEN (RFC 8832 §5.1):
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  Message Type |  Channel Type |            Priority           |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                    Reliability Parameter                      |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |         Label Length          |       Protocol Length         |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * \                                                               /
 * |                             Label                             |
 * /                                                               \
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * \                                                               /
 * |                            Protocol                           |
 * /                                                               \
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 * Every field is read unsigned; label and protocol are UTF-8, decoded strictly (malformed bytes
 * are a {@link ParseException}, never replacement characters), and may be empty. The message must
 * end exactly after the protocol. For reliable channel types the Reliability Parameter is sent as
 * 0 and ignored on receipt (§5.1), so such a record always holds 0.
 */
public record DataChannelOpen(ChannelType channelType, int priority, long reliabilityParameter,
                              String label, String protocol) implements DcepMessage {
    public static final int MESSAGE_TYPE = 0x03;
    private static final int FIXED_SIZE = 12;

    public DataChannelOpen {
        Objects.requireNonNull(channelType, "channelType");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(protocol, "protocol");
        if ((priority & ~0xFFFF) != 0) {
            throw new IllegalArgumentException("priority out of 0..65535: " + priority);
        }
        if (reliabilityParameter < 0 || reliabilityParameter > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("reliability parameter out of 32 bits: " + reliabilityParameter);
        }
        if (channelType.reliable() && reliabilityParameter != 0) {
            throw new IllegalArgumentException("reliable channels have reliability parameter 0");
        }
        checkLength(encode(label, "label"), "label");
        checkLength(encode(protocol, "protocol"), "protocol");
    }

    static DataChannelOpen parseBody(ByteReader r) throws ParseException {
        r.requireAtLeast(FIXED_SIZE - 1, "DATA_CHANNEL_OPEN");
        int typeCode = r.u8();
        ChannelType type = ChannelType.ofCode(typeCode);
        if (type == null) {
            throw new ParseException("unknown DCEP channel type 0x" + Integer.toHexString(typeCode));
        }
        int priority = r.u16();
        long reliability = Integer.toUnsignedLong(r.u32());
        int labelLength = r.u16();
        int protocolLength = r.u16();
        if (labelLength + protocolLength != r.remaining()) {
            throw new ParseException("DATA_CHANNEL_OPEN declares " + labelLength + "+" + protocolLength
                    + " bytes of label and protocol, has " + r.remaining());
        }
        String label = decode(r.byteArray(labelLength), "label");
        String protocol = decode(r.byteArray(protocolLength), "protocol");
        return new DataChannelOpen(type, priority, type.reliable() ? 0 : reliability, label, protocol);
    }

    @Override
    public int messageType() {
        return MESSAGE_TYPE;
    }

    @Override
    public int size() {
        return FIXED_SIZE + encode(label, "label").length + encode(protocol, "protocol").length;
    }

    @Override
    public void writeTo(ByteWriter out) {
        byte[] l = encode(label, "label");
        byte[] p = encode(protocol, "protocol");
        out.u8(MESSAGE_TYPE).u8(channelType.code()).u16(priority).u32((int) reliabilityParameter)
                .u16(l.length).u16(p.length).bytes(l).bytes(p);
    }

    private static void checkLength(byte[] utf8, String what) {
        if (utf8.length > 0xFFFF) {
            throw new IllegalArgumentException(what + " over 65535 UTF-8 bytes: " + utf8.length);
        }
    }

    /** Strict UTF-8: a string with unpaired surrogates has no UTF-8 form and is refused. */
    private static byte[] encode(String s, String what) {
        try {
            ByteBuffer b = StandardCharsets.UTF_8.newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .encode(CharBuffer.wrap(s));
            byte[] out = new byte[b.remaining()];
            b.get(out);
            return out;
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException(what + " is not valid Unicode text", e);
        }
    }

    private static String decode(byte[] utf8, String what) throws ParseException {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(utf8))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new ParseException("DATA_CHANNEL_OPEN " + what + " is not valid UTF-8");
        }
    }
}
