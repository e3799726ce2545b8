package io.puredc.peer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading remote descriptions and writing ours (RFC 8841 data section, RFC 8839 ICE, RFC 8842 DTLS). */
class SdpTest {
    private static final String FP = "sha-256 " + "AB:".repeat(31) + "AB";

    private static String browserOffer(String extraDataLines) {
        return String.join("\r\n",
                "v=0",
                "o=- 4611731400430051336 2 IN IP4 127.0.0.1",
                "s=-",
                "t=0 0",
                "a=group:BUNDLE 0 1",
                "a=extmap-allow-mixed",
                "m=audio 9 UDP/TLS/RTP/SAVPF 111",
                "c=IN IP4 0.0.0.0",
                "a=mid:0",
                "a=sendrecv",
                "m=application 9 UDP/DTLS/SCTP webrtc-datachannel",
                "c=IN IP4 0.0.0.0",
                "a=ice-ufrag:Ab12",
                "a=ice-pwd:abcdefghijklmnopqrstuv",
                "a=ice-options:trickle",
                "a=fingerprint:" + FP,
                "a=setup:actpass",
                "a=mid:1",
                "a=sctp-port:5000") + "\r\n" + extraDataLines;
    }

    @Test
    void aBrowserOfferIsReadFromItsDataSection() throws Exception {
        RemoteDescription r = RemoteDescription.parse(new SessionDescription("offer", browserOffer(
                "a=max-message-size:262144\r\na=candidate:1 1 udp 2113937151 10.233.0.1 50000 typ host\r\n")));
        assertEquals("1", r.mid());
        assertEquals("Ab12", r.iceUfrag());
        assertEquals(List.of(FP), r.fingerprints());
        assertEquals("actpass", r.setup());
        assertEquals(5000, r.sctpPort());
        assertEquals(262144, r.maxMessageSize());
        assertEquals(List.of("candidate:1 1 udp 2113937151 10.233.0.1 50000 typ host"), r.candidates());
        assertEquals(1, r.otherSections().size());
        assertEquals(1, r.dataSectionIndex());
    }

    @Test
    void maxMessageSizeDefaultsTo64KiBRfc8841Section61() throws Exception {
        assertEquals(65536, RemoteDescription.parse(new SessionDescription("offer", browserOffer(""))).maxMessageSize());
    }

    @Test
    void theAnswerRejectsOtherSectionsInOrderAndKeepsTheMid() throws Exception {
        RemoteDescription offer = RemoteDescription.parse(new SessionDescription("offer", browserOffer("")));
        String answer = LocalDescription.write("answer", 7, offer.mid(), "ufrg", "p".repeat(22), FP, "active", 262144,
                offer);
        int audio = answer.indexOf("m=audio 0 UDP/TLS/RTP/SAVPF 111");
        int data = answer.indexOf("m=application 9 UDP/DTLS/SCTP webrtc-datachannel");
        assertTrue(audio > 0 && data > audio, answer);
        assertTrue(answer.contains("a=group:BUNDLE 1\r\n"));
        assertTrue(answer.contains("a=mid:1\r\n"));
        assertTrue(answer.contains("a=setup:active\r\n"));
        assertTrue(answer.contains("a=max-message-size:262144\r\n"));
        RemoteDescription back = RemoteDescription.parse(new SessionDescription("answer", answer));
        assertEquals("active", back.setup());
        assertEquals("ufrg", back.iceUfrag());
    }

    @Test
    void refusalsNameTheProblem() {
        assertTrue(refusal("offer", "v=1\r\n").contains("line 1"));
        assertTrue(refusal("offer", "v=0\r\ngarbage\r\n").contains("line 2: not a type=value line"));
        assertTrue(refusal("offer", browserOffer("").replace("a=fingerprint:" + FP + "\r\n", ""))
                .contains("no a=fingerprint"));
        assertTrue(refusal("offer", browserOffer("").replace("a=ice-pwd:abcdefghijklmnopqrstuv\r\n", ""))
                .contains("a=ice-ufrag/a=ice-pwd"));
        assertTrue(refusal("offer", "v=0\r\ns=-\r\nm=application 9 DTLS/SCTP 5000\r\na=sctpmap:5000 webrtc-datachannel 1024\r\n")
                .contains("sctpmap"));
        assertTrue(refusal("answer", browserOffer("")).contains("actpass is not allowed in an answer"));
        assertTrue(refusal("offer", browserOffer("").replace("a=setup:actpass", "a=setup:holdconn"))
                .contains("holdconn"));
        assertTrue(refusal("offer", browserOffer("a=max-message-size:lots\r\n")).contains("a=max-message-size:lots"));
    }

    @Test
    void ourOfferIsOneBundledDataSection() throws Exception {
        String offer = LocalDescription.write("offer", 1, "0", "ufrg", "p".repeat(22), FP, "actpass", 262144, null);
        assertFalse(offer.contains("m=audio"));
        RemoteDescription r = RemoteDescription.parse(new SessionDescription("offer", offer));
        assertEquals("0", r.mid());
        assertEquals("actpass", r.setup());
        assertEquals(262144, r.maxMessageSize());
        assertTrue(offer.contains("a=ice-options:trickle\r\n"));
    }

    private static String refusal(String type, String sdp) {
        return assertThrows(SdpException.class, () -> RemoteDescription.parse(new SessionDescription(type, sdp)))
                .getMessage();
    }
}
