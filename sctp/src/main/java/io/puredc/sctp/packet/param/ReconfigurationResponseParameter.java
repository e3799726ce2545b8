package io.puredc.sctp.packet.param;

import io.puredc.sctp.packet.ByteReader;
import io.puredc.sctp.packet.ByteWriter;
import io.puredc.sctp.packet.ParseException;
import io.puredc.sctp.types.Tsn;
import java.util.Optional;

/**
 * Re-configuration Response parameter of RE-CONFIG (RFC 6525 §4.4), type 16. The two next-TSN
 * fields are present together or not at all (only an SSN/TSN reset answer carries them), so
 * both are {@code null} or both are set.
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |     Parameter Type = 16       |      Parameter Length         |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |         Re-configuration Response Sequence Number             |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                            Result                             |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                   Sender's Next TSN (optional)                |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                  Receiver's Next TSN (optional)               |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public record ReconfigurationResponseParameter(int responseSequenceNumber, int result,
                                               Tsn senderNextTsn, Tsn receiverNextTsn)
        implements Parameter {
    public static final int TYPE = 16;

    /** Result codes (RFC 6525 §4.4). */
    public static final int SUCCESS_NOTHING_TO_DO = 0;
    public static final int SUCCESS_PERFORMED = 1;
    public static final int DENIED = 2;
    public static final int ERROR_WRONG_SSN = 3;
    public static final int ERROR_REQUEST_ALREADY_IN_PROGRESS = 4;
    public static final int ERROR_BAD_SEQUENCE_NUMBER = 5;
    public static final int IN_PROGRESS = 6;

    public ReconfigurationResponseParameter {
        if ((senderNextTsn == null) != (receiverNextTsn == null)) {
            throw new IllegalArgumentException("sender's and receiver's next TSN come together");
        }
    }

    public ReconfigurationResponseParameter(int responseSequenceNumber, int result) {
        this(responseSequenceNumber, result, null, null);
    }

    public boolean hasNextTsns() {
        return senderNextTsn != null;
    }

    public Optional<Tsn> senderNextTsnIfPresent() {
        return Optional.ofNullable(senderNextTsn);
    }

    public Optional<Tsn> receiverNextTsnIfPresent() {
        return Optional.ofNullable(receiverNextTsn);
    }

    public static ReconfigurationResponseParameter parse(ByteReader value) throws ParseException {
        if (value.remaining() != 8 && value.remaining() != 16) {
            throw new ParseException("Re-configuration Response: value of " + value.remaining()
                    + " bytes, must be 8 or 16");
        }
        int response = value.u32();
        int result = value.u32();
        if (!value.hasRemaining()) {
            return new ReconfigurationResponseParameter(response, result);
        }
        Tsn sender = new Tsn(value.u32());
        Tsn receiver = new Tsn(value.u32());
        return new ReconfigurationResponseParameter(response, result, sender, receiver);
    }

    @Override
    public int type() {
        return TYPE;
    }

    @Override
    public int valueSize() {
        return hasNextTsns() ? 16 : 8;
    }

    @Override
    public void writeValueTo(ByteWriter out) {
        out.u32(responseSequenceNumber).u32(result);
        if (hasNextTsns()) {
            out.u32(senderNextTsn.value()).u32(receiverNextTsn.value());
        }
    }
}
