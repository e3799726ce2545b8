package io.puredc.sctp.packet.chunk;

import static io.puredc.sctp.packet.Hex.bytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.puredc.sctp.packet.Bytes;
import io.puredc.sctp.packet.Hex;
import io.puredc.sctp.packet.ParseException;
import io.puredc.sctp.packet.UnrecognizedAction;
import io.puredc.sctp.packet.cause.InvalidStreamIdentifierCause;
import io.puredc.sctp.packet.cause.NoUserDataCause;
import io.puredc.sctp.packet.cause.StaleCookieCause;
import io.puredc.sctp.packet.cause.UnrecognizedChunkTypeCause;
import io.puredc.sctp.packet.cause.UserInitiatedAbortCause;
import io.puredc.sctp.packet.param.ForwardTsnSupportedParameter;
import io.puredc.sctp.packet.param.HeartbeatInfoParameter;
import io.puredc.sctp.packet.param.IncomingSsnResetRequestParameter;
import io.puredc.sctp.packet.param.Ipv4AddressParameter;
import io.puredc.sctp.packet.param.OutgoingSsnResetRequestParameter;
import io.puredc.sctp.packet.param.ReconfigurationResponseParameter;
import io.puredc.sctp.packet.param.StateCookieParameter;
import io.puredc.sctp.packet.param.SupportedExtensionsParameter;
import io.puredc.sctp.packet.param.UnknownParameter;
import io.puredc.sctp.types.Ssn;
import io.puredc.sctp.types.Tsn;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * One hand-written byte layout per chunk type, from the RFC diagrams, so the wire format is
 * pinned independently of the encoder: each vector must decode to the expected record and the
 * record must encode back to exactly these bytes.
 */
class ChunkGoldenTest {

    private static void assertGolden(String hex, Chunk expected) throws ParseException {
        byte[] wire = bytes(hex);
        assertEquals(expected, Chunk.parseOne(wire), "decode");
        assertArrayEquals(wire, expected.toBytes(), () -> "encode: " + Hex.of(expected.toBytes()));
    }

    private static Bytes ascii(String s) {
        return Bytes.of(s.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void dataWithBeginningAndEndFlags_rfc9260_3_3_1() throws ParseException {
        assertGolden("""
                00 03 00 15
                00 00 00 2a
                00 01 00 07
                00 00 00 33
                68 65 6c 6c 6f 00 00 00
                """, new DataChunk(new Tsn(42), 1, new Ssn(7), 51, ascii("hello"),
                false, true, true, false));
    }

    @Test
    void dataUnorderedImmediateLastFragment_rfc9260_3_3_1() throws ParseException {
        assertGolden("""
                00 0d 00 14
                ff ff ff ff
                ff ff 00 00
                00 00 00 35
                01 02 03 04
                """, new DataChunk(new Tsn(-1), 65535, new Ssn(0), 53, Bytes.of(new byte[] {1, 2, 3, 4}),
                true, false, true, true));
    }

    @Test
    void initWithExtensionsAndAnUnknownParameter_rfc9260_3_3_2() throws ParseException {
        // Chunk Length 34 leaves out the last parameter's 2 padding bytes (§3.2).
        assertGolden("""
                01 00 00 22
                12 34 56 78
                00 02 00 00
                03 ff 03 ff
                ab cd ef 01
                c0 00 00 04
                80 00 00 04
                80 08 00 06 82 c0 00 00
                """, new InitChunk(0x12345678, 0x20000, 1023, 1023, new Tsn(0xABCDEF01), List.of(
                new ForwardTsnSupportedParameter(),
                new UnknownParameter(0x8000, Bytes.EMPTY),
                new SupportedExtensionsParameter(List.of(130, 192)))));
    }

    @Test
    void ecnCapableIsToleratedAsAnUnknownParameterToSkip() throws ParseException {
        InitChunk init = (InitChunk) Chunk.parseOne(bytes(
                "01 00 00 18 00 00 00 01 00 00 10 00 00 01 00 01 00 00 00 01 80 00 00 04"));
        UnknownParameter ecn = init.parameter(UnknownParameter.class).orElseThrow();
        assertEquals(0x8000, ecn.type());
        assertEquals(UnrecognizedAction.SKIP, ecn.action());
    }

    @Test
    void initAckWithAddressAndStateCookie_rfc9260_3_3_3() throws ParseException {
        InitAckChunk expected = new InitAckChunk(1, -1, 65535, 0, new Tsn(0), List.of(
                new Ipv4AddressParameter(Bytes.of(new byte[] {(byte) 192, (byte) 168, 0, 1})),
                new StateCookieParameter(ascii("cookie!"))));
        assertGolden("""
                02 00 00 27
                00 00 00 01
                ff ff ff ff
                ff ff 00 00
                00 00 00 00
                00 05 00 08 c0 a8 00 01
                00 07 00 0b 63 6f 6f 6b 69 65 21 00
                """, expected);
        assertEquals(ascii("cookie!"), expected.parameter(StateCookieParameter.class).orElseThrow().cookie());
    }

    @Test
    void sackWithGapBlocksAndADuplicate_rfc9260_3_3_4() throws ParseException {
        assertGolden("""
                03 00 00 1c
                00 00 00 64
                00 01 00 00
                00 02 00 01
                00 02 00 03
                00 05 00 05
                00 00 00 66
                """, new SackChunk(new Tsn(100), 65536,
                List.of(new SackChunk.GapAckBlock(2, 3), new SackChunk.GapAckBlock(5, 5)),
                List.of(new Tsn(102))));
    }

    @Test
    void sackCountsAreCheckedAgainstTheLengthBeforeAllocating() {
        // 65535 gap blocks and 65535 duplicates declared in a 16-byte chunk.
        assertThrows(ParseException.class, () -> Chunk.parseOne(bytes(
                "03 00 00 10 00 00 00 64 00 01 00 00 ff ff ff ff")));
        // One block too few for the bytes present.
        assertThrows(ParseException.class, () -> Chunk.parseOne(bytes(
                "03 00 00 14 00 00 00 64 00 01 00 00 00 00 00 00 00 02 00 03")));
    }

    @Test
    void heartbeat_rfc9260_3_3_5() throws ParseException {
        assertGolden("""
                04 00 00 10
                00 01 00 0c 01 02 03 04 05 06 07 08
                """, new HeartbeatRequestChunk(new HeartbeatInfoParameter(
                Bytes.of(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}))));
    }

    @Test
    void heartbeatAck_rfc9260_3_3_6() throws ParseException {
        assertGolden("05 00 00 0b 00 01 00 07 aa bb cc 00", new HeartbeatAckChunk(
                new HeartbeatInfoParameter(Bytes.of(new byte[] {(byte) 0xAA, (byte) 0xBB, (byte) 0xCC}))));
    }

    @Test
    void heartbeatWithoutHeartbeatInfoIsRejected() {
        assertThrows(ParseException.class, () -> Chunk.parseOne(bytes("04 00 00 04")));
        assertThrows(ParseException.class, () -> Chunk.parseOne(bytes("04 00 00 08 00 07 00 04")));
    }

    @Test
    void abortWithTagReflectedAndUserReason_rfc9260_3_3_7() throws ParseException {
        assertGolden("06 01 00 0b 00 0c 00 07 62 79 65 00",
                new AbortChunk(true, List.of(new UserInitiatedAbortCause(ascii("bye")))));
    }

    @Test
    void abortWithTwoCauses_rfc9260_3_3_7() throws ParseException {
        assertGolden("""
                06 00 00 14
                00 01 00 08 00 05 00 00
                00 09 00 08 00 00 00 09
                """, new AbortChunk(false, List.of(new InvalidStreamIdentifierCause(5),
                new NoUserDataCause(new Tsn(9)))));
    }

    @Test
    void shutdown_rfc9260_3_3_8() throws ParseException {
        assertGolden("07 00 00 08 ff ff ff fe", new ShutdownChunk(new Tsn(-2)));
    }

    @Test
    void shutdownAck_rfc9260_3_3_9() throws ParseException {
        assertGolden("08 00 00 04", new ShutdownAckChunk());
    }

    @Test
    void errorWithUnrecognizedChunkAndStaleCookie_rfc9260_3_3_10() throws ParseException {
        assertGolden("""
                09 00 00 18
                00 06 00 0c c1 00 00 08 01 02 03 04
                00 03 00 08 00 00 03 e8
                """, new ErrorChunk(List.of(
                new UnrecognizedChunkTypeCause(Bytes.of(bytes("c1 00 00 08 01 02 03 04"))),
                new StaleCookieCause(1000))));
    }

    @Test
    void cookieEcho_rfc9260_3_3_11() throws ParseException {
        assertGolden("0a 00 00 0a 63 6f 6f 6b 69 65 00 00", new CookieEchoChunk(ascii("cookie")));
    }

    @Test
    void cookieAck_rfc9260_3_3_12() throws ParseException {
        assertGolden("0b 00 00 04", new CookieAckChunk());
    }

    @Test
    void shutdownCompleteWithTagReflected_rfc9260_3_3_13() throws ParseException {
        assertGolden("0e 01 00 04", new ShutdownCompleteChunk(true));
        assertGolden("0e 00 00 04", new ShutdownCompleteChunk(false));
    }

    @Test
    void forwardTsn_rfc3758_3_2() throws ParseException {
        assertGolden("""
                c0 00 00 10
                00 00 00 0a
                00 01 00 05
                00 02 ff ff
                """, new ForwardTsnChunk(new Tsn(10), List.of(
                new ForwardTsnChunk.SkippedStream(1, new Ssn(5)),
                new ForwardTsnChunk.SkippedStream(2, new Ssn(65535)))));
    }

    @Test
    void reConfigOutgoingResetRequest_rfc6525_3_1_and_4_1() throws ParseException {
        assertGolden("""
                82 00 00 16
                00 0d 00 12
                00 00 00 01
                00 00 00 00
                00 00 00 63
                00 03 00 00
                """, new ReConfigChunk(List.of(
                new OutgoingSsnResetRequestParameter(1, 0, new Tsn(99), List.of(3)))));
    }

    @Test
    void reConfigWithTwoParameters_rfc6525_3_1() throws ParseException {
        // Outgoing + Incoming reset together, the first padded inside the chunk (§3.2).
        assertGolden("""
                82 00 00 22
                00 0d 00 12 00 00 00 07 00 00 00 03 00 00 01 00 00 01 00 00
                00 0e 00 0a 00 00 00 08 00 01 00 00
                """, new ReConfigChunk(List.of(
                new OutgoingSsnResetRequestParameter(7, 3, new Tsn(256), List.of(1)),
                new IncomingSsnResetRequestParameter(8, List.of(1)))));
    }

    @Test
    void reConfigResponse_rfc6525_4_4() throws ParseException {
        assertGolden("82 00 00 10 00 10 00 0c 00 00 00 01 00 00 00 01", new ReConfigChunk(List.of(
                new ReconfigurationResponseParameter(1, ReconfigurationResponseParameter.SUCCESS_PERFORMED))));
    }

    @Test
    void reConfigMustHoldOneOrTwoParameters() {
        assertThrows(ParseException.class, () -> Chunk.parseOne(bytes("82 00 00 04")));
        assertThrows(ParseException.class, () -> Chunk.parseOne(bytes(
                "82 00 00 1c 00 0f 00 08 00 00 00 01 00 0f 00 08 00 00 00 02 00 0f 00 08 00 00 00 03")));
    }

    @Test
    void unknownChunksKeepTheirBytesAndActOnTheirUpperTwoBits_rfc9260_3_2() throws ParseException {
        // AUTH (15) 00: stop and discard.
        assertGolden("0f 00 00 04", new UnknownChunk(0x0F, 0, Bytes.EMPTY));
        // I-DATA (64) 01: stop, discard and report.
        assertGolden("40 07 00 06 ab cd 00 00", new UnknownChunk(0x40, 7, Bytes.of(bytes("ab cd"))));
        // PAD (132) 10: skip.
        assertGolden("84 00 00 08 00 00 00 00", new UnknownChunk(0x84, 0, Bytes.of(new byte[4])));
        // ASCONF (193) 11: skip and report.
        assertGolden("c1 00 00 05 01 00 00 00", new UnknownChunk(0xC1, 0, Bytes.of(new byte[] {1})));

        assertEquals(UnrecognizedAction.STOP_AND_DISCARD, new UnknownChunk(0x0F, 0, Bytes.EMPTY).action());
        assertEquals(UnrecognizedAction.STOP_DISCARD_AND_REPORT, new UnknownChunk(0x40, 0, Bytes.EMPTY).action());
        assertEquals(UnrecognizedAction.SKIP, new UnknownChunk(0x84, 0, Bytes.EMPTY).action());
        assertEquals(UnrecognizedAction.SKIP_AND_REPORT, new UnknownChunk(0xC1, 0, Bytes.EMPTY).action());
        // What a report copies: the whole chunk.
        assertArrayEquals(bytes("c1 00 00 05 01 00 00 00"),
                new UnknownChunk(0xC1, 0, Bytes.of(new byte[] {1})).toBytes());
    }

    @Test
    void fixedSizeChunksWithTheWrongLengthAreRejected() {
        assertThrows(ParseException.class, () -> Chunk.parseOne(bytes("07 00 00 04")));
        assertThrows(ParseException.class, () -> Chunk.parseOne(bytes("07 00 00 0c 00 00 00 01 00 00 00 02")));
        assertThrows(ParseException.class, () -> Chunk.parseOne(bytes("0b 00 00 08 00 00 00 00")));
        assertThrows(ParseException.class, () -> Chunk.parseOne(bytes("00 03 00 0c 00 00 00 01 00 01 00 00")));
        assertThrows(ParseException.class, () -> Chunk.parseOne(bytes("c0 00 00 0a 00 00 00 01 00 01")));
    }

    @Test
    void framingErrorsAreRejected() {
        // Length below the header, length past the end, a dangling partial header.
        assertThrows(ParseException.class, () -> Chunk.parseOne(bytes("0b 00 00 03")));
        assertThrows(ParseException.class, () -> Chunk.parseOne(bytes("0a 00 00 10 00 00")));
        assertThrows(ParseException.class, () -> Chunk.parseAll(io.puredc.sctp.packet.ByteReader.of(
                bytes("0b 00 00 04 0b 00"))));
    }
}
