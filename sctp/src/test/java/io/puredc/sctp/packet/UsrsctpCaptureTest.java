package io.puredc.sctp.packet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.puredc.sctp.packet.chunk.Chunk;
import io.puredc.sctp.packet.chunk.CookieAckChunk;
import io.puredc.sctp.packet.chunk.CookieEchoChunk;
import io.puredc.sctp.packet.chunk.DataChunk;
import io.puredc.sctp.packet.chunk.ForwardTsnChunk;
import io.puredc.sctp.packet.chunk.InitAckChunk;
import io.puredc.sctp.packet.chunk.InitChunk;
import io.puredc.sctp.packet.chunk.ReConfigChunk;
import io.puredc.sctp.packet.chunk.SackChunk;
import io.puredc.sctp.packet.chunk.ShutdownAckChunk;
import io.puredc.sctp.packet.chunk.ShutdownChunk;
import io.puredc.sctp.packet.chunk.ShutdownCompleteChunk;
import io.puredc.sctp.packet.param.ForwardTsnSupportedParameter;
import io.puredc.sctp.packet.param.OutgoingSsnResetRequestParameter;
import io.puredc.sctp.packet.param.ReconfigurationResponseParameter;
import io.puredc.sctp.packet.param.StateCookieParameter;
import io.puredc.sctp.packet.param.SupportedExtensionsParameter;
import io.puredc.sctp.packet.param.UnknownParameter;
import io.puredc.sctp.types.Tsn;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Packets written by another implementation (usrsctp, the SCTP stack of Firefox and of older
 * Chrome), recorded from a real association: their checksums must verify with our CRC32c and byte
 * order, they must decode into what the exchange means, and our encoder must reproduce every one
 * byte for byte.
 */
class UsrsctpCaptureTest {

    private static final String ECHO = "usrsctp-echo-capture.txt";
    private static final String RTCWEB = "usrsctp-rtcweb-capture.txt";

    /** The packets of a capture file: one "DIRECTION hex" line per packet, '#' comments. */
    private static List<byte[]> capture(String name) throws IOException {
        List<byte[]> packets = new ArrayList<>();
        try (InputStream in = UsrsctpCaptureTest.class.getResourceAsStream(name)) {
            assertNotNull(in, "capture resource");
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    packets.add(Hex.bytes(line.substring(line.indexOf(' ') + 1)));
                }
            }
        }
        return packets;
    }

    private static List<SctpPacket> parsed(String name) throws Exception {
        List<SctpPacket> packets = new ArrayList<>();
        for (byte[] wire : capture(name)) {
            packets.add(SctpPacket.parse(wire));
        }
        return packets;
    }

    @Test
    void everyPacketVerifiesDecodesAndReEncodesIdentically() throws Exception {
        List<byte[]> packets = new ArrayList<>(capture(ECHO));
        assertEquals(11, packets.size());
        packets.addAll(capture(RTCWEB));
        assertEquals(11 + 23, packets.size());
        for (byte[] wire : packets) {
            SctpPacket p = SctpPacket.parse(wire);
            assertArrayEquals(wire, p.toBytes(), () -> "re-encoding differs for " + p);
        }
    }

    @Test
    void theExchangeMeansWhatItShould_rfc9260_5_1_and_6() throws Exception {
        List<SctpPacket> p = parsed(ECHO);
        SctpPacket initPacket = p.get(0);
        assertEquals(7, initPacket.destinationPort());
        assertEquals(0, initPacket.verificationTag(), "INIT goes out with tag 0 (§8.5.1)");
        InitChunk init = assertInstanceOf(InitChunk.class, only(initPacket));
        assertTrue(init.parameter(ForwardTsnSupportedParameter.class).isPresent());
        assertTrue(init.parameter(SupportedExtensionsParameter.class).orElseThrow().supports(0xC0));
        assertEquals(UnrecognizedAction.SKIP, init.parameters().stream()
                .filter(x -> x instanceof UnknownParameter u && u.type() == 0x8000)
                .map(x -> ((UnknownParameter) x).action()).findFirst().orElseThrow(), "ECN capable");

        InitAckChunk initAck = assertInstanceOf(InitAckChunk.class, only(p.get(1)));
        assertEquals(init.initiateTag(), p.get(1).verificationTag());
        Bytes cookie = initAck.parameter(StateCookieParameter.class).orElseThrow().cookie();

        assertEquals(initAck.initiateTag(), p.get(2).verificationTag());
        assertEquals(cookie, assertInstanceOf(CookieEchoChunk.class, only(p.get(2))).cookie());
        assertInstanceOf(CookieAckChunk.class, only(p.get(3)));

        DataChunk data = assertInstanceOf(DataChunk.class, only(p.get(4)));
        assertEquals(init.initialTsn(), data.tsn());
        assertEquals(Bytes.of("hello\n".getBytes(StandardCharsets.US_ASCII)), data.payload());
        assertTrue(data.beginning() && data.ending());
        SackChunk sack = assertInstanceOf(SackChunk.class, only(p.get(5)));
        assertEquals(data.tsn(), sack.cumulativeTsnAck());

        DataChunk echoed = assertInstanceOf(DataChunk.class, only(p.get(6)));
        assertEquals(data.payload(), echoed.payload());
        assertEquals(initAck.initialTsn(), echoed.tsn());
        Tsn acked = assertInstanceOf(ShutdownChunk.class, only(p.get(8))).cumulativeTsnAck();
        assertEquals(echoed.tsn(), acked);
        assertInstanceOf(ShutdownAckChunk.class, only(p.get(9)));
        assertEquals(new ShutdownCompleteChunk(false), only(p.get(10)));
    }

    @Test
    void partialReliabilityAndStreamResetFromTheRtcwebExchange_rfc3758_rfc6525() throws Exception {
        List<SctpPacket> p = parsed(RTCWEB);
        // A SACK bundled ahead of a DATA chunk in one packet (§6.10).
        assertEquals(2, p.get(6).chunks().size());
        assertInstanceOf(SackChunk.class, p.get(6).chunks().get(0));
        assertInstanceOf(DataChunk.class, p.get(6).chunks().get(1));

        DataChunk dropped = assertInstanceOf(DataChunk.class, only(p.get(11)));
        assertEquals(Bytes.of("DROPME".getBytes(StandardCharsets.US_ASCII)), dropped.payload());
        ForwardTsnChunk forward = assertInstanceOf(ForwardTsnChunk.class, only(p.get(12)));
        assertEquals(dropped.tsn(), forward.newCumulativeTsn());
        assertEquals(List.of(new ForwardTsnChunk.SkippedStream(dropped.streamId(), dropped.ssn())),
                forward.skippedStreams());

        ReConfigChunk request = assertInstanceOf(ReConfigChunk.class, only(p.get(16)));
        OutgoingSsnResetRequestParameter reset =
                assertInstanceOf(OutgoingSsnResetRequestParameter.class, request.parameters().get(0));
        assertEquals(List.of(dropped.streamId()), reset.streamIds());
        DataChunk last = assertInstanceOf(DataChunk.class, only(p.get(14)));
        assertEquals(last.tsn(), reset.senderLastAssignedTsn());

        ReConfigChunk response = assertInstanceOf(ReConfigChunk.class, only(p.get(19)));
        ReconfigurationResponseParameter ok =
                assertInstanceOf(ReconfigurationResponseParameter.class, response.parameters().get(0));
        assertEquals(reset.requestSequenceNumber(), ok.responseSequenceNumber());
        assertEquals(ReconfigurationResponseParameter.SUCCESS_PERFORMED, ok.result());
    }

    private static Chunk only(SctpPacket p) {
        assertEquals(1, p.chunks().size(), () -> "chunks of " + p);
        return p.chunks().get(0);
    }
}
