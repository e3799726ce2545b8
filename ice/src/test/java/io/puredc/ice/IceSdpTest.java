package io.puredc.ice;

import java.util.ArrayList;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** RFC 8839 §5.1/§5.4/§5.6 and RFC 8840 attribute text. */
class IceSdpTest {

    @Property(tries = 500)
    void formattedCandidatesParseBackToTheSameCandidate(@ForAll("candidates") IceCandidate c) throws Exception {
        assertEquals(c, IceSdp.parseCandidate(IceSdp.formatCandidate(c)));
        assertEquals(c, IceSdp.parseCandidate(IceSdp.candidateLine(c) + "\r\n"));
    }

    @Property(tries = 1000)
    void arbitraryTextEitherParsesOrIsRefusedWithTheCodecsError(@ForAll("candidateLike") String line) {
        try {
            IceCandidate c = IceSdp.parseCandidate(line);
            // Whatever parses must format to something that parses to the same value.
            assertEquals(c, IceSdp.parseCandidate(IceSdp.formatCandidate(c)));
        } catch (CandidateParseException refused) {
            assertFalse(refused.getMessage().isEmpty());
        }
    }

    @Test
    void browserStyleServerReflexiveLineKeepsEveryField() throws Exception {
        IceCandidate c = IceSdp.parseCandidate("a=candidate:3471623853 1 UDP 1686052607 198.51.100.7 61665 typ srflx"
                + " raddr 10.233.0.20 rport 61665 generation 0 ufrag kX9q network-id 1 network-cost 10");
        assertEquals("3471623853", c.foundation());
        assertEquals(1, c.component());
        assertEquals("udp", c.transport());
        assertEquals(1686052607L, c.priority());
        assertEquals("198.51.100.7", c.address());
        assertEquals(61665, c.port());
        assertEquals(IceCandidate.SRFLX, c.type());
        assertEquals("10.233.0.20", c.relatedAddress());
        assertEquals(61665, c.relatedPort());
        assertEquals(0, c.generation().getAsInt());
        assertEquals(List.of(new IceCandidate.Extension("generation", "0"), new IceCandidate.Extension("ufrag", "kX9q"),
                new IceCandidate.Extension("network-id", "1"), new IceCandidate.Extension("network-cost", "10")),
                c.extensions());
    }

    @Test
    void mdnsHostCandidateParsesAndIsRecognised() throws Exception {
        IceCandidate c = IceSdp.parseCandidate("candidate:1 1 udp 2122260223 0b1f7c2e-5a3d-4e8f-9b61-7d2c4a8e1f03.local"
                + " 50123 typ host generation 0");
        assertTrue(c.isMdnsName());
        assertNull(c.relatedAddress());
        assertEquals(-1, c.relatedPort());
        assertFalse(IceSdp.parseCandidate("candidate:1 1 udp 1 10.233.0.2 9 typ host").isMdnsName());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', ignoreLeadingAndTrailingWhitespace = false, value = {
        "candidate:1 1 udp 2122260223 127.0.0.1 5000 typ|too few fields",
        "candidate:1 1 udp 2122260223 127.0.0.1 5000|too few fields",
        "c=candidate:1 1 udp 1 127.0.0.1 5000 typ host|not a candidate attribute",
        "candidate:1  1 udp 1 127.0.0.1 5000 typ host|empty field 2",
        "candidate:1 1 udp 1 127.0.0.1 5000 typ host |empty field 9",
        "candidate:f@o 1 udp 1 127.0.0.1 5000 typ host|foundation",
        "candidate:123456789012345678901234567890123 1 udp 1 127.0.0.1 5000 typ host|foundation",
        "candidate:1 0 udp 1 127.0.0.1 5000 typ host|component-id out of 1..256",
        "candidate:1 257 udp 1 127.0.0.1 5000 typ host|component-id out of 1..256",
        "candidate:1 1x udp 1 127.0.0.1 5000 typ host|component-id is not a decimal number",
        "candidate:1 1 u(p 1 127.0.0.1 5000 typ host|transport is not a token",
        "candidate:1 1 udp 0 127.0.0.1 5000 typ host|priority out of 1..2^31-1",
        "candidate:1 1 udp 2147483648 127.0.0.1 5000 typ host|priority out of 1..2^31-1",
        "candidate:1 1 udp 12345678901 127.0.0.1 5000 typ host|priority has more than 10 digits",
        "candidate:1 1 udp -5 127.0.0.1 5000 typ host|priority is not a decimal number",
        "candidate:1 1 udp 1 127.0.0.1/8 5000 typ host|connection-address",
        "candidate:1 1 udp 1 127.0.0.1 65536 typ host|port out of 0..65535",
        "candidate:1 1 udp 1 127.0.0.1 50x typ host|port is not a decimal number",
        "candidate:1 1 udp 1 127.0.0.1 5000 type host|expected 'typ'",
        "candidate:1 1 udp 1 127.0.0.1 5000 typ h@st|candidate type is not a token",
        "candidate:1 1 udp 1 127.0.0.1 5000 typ srflx raddr|'raddr' has no value",
        "candidate:1 1 udp 1 127.0.0.1 5000 typ srflx raddr 10.0.0.1 rport 99999|rport out of 0..65535",
        "candidate:1 1 udp 1 127.0.0.1 5000 typ host generation|'generation' has no value",
        "candidate:1 1 udp 1 127.0.0.1 5000 typ host generation 0 raddr 10.0.0.1|raddr must come right after",
        "candidate:1 1 udp 1 127.0.0.1 5000 typ host na(me value|extension name is not a token",
    })
    void malformedCandidateLinesAreRefusedNamingTheProblem(String line, String problem) {
        CandidateParseException e = assertThrows(CandidateParseException.class, () -> IceSdp.parseCandidate(line));
        assertTrue(e.getMessage().contains(problem), "'" + e.getMessage() + "' should mention '" + problem + "'");
    }

    @Test
    void nonAsciiExtensionValueIsRefused() {
        CandidateParseException e = assertThrows(CandidateParseException.class,
                () -> IceSdp.parseCandidate("candidate:1 1 udp 1 127.0.0.1 5000 typ host label caf\u00e9"));
        assertTrue(e.getMessage().contains("not VCHARs"), e.getMessage());
    }

    @Test
    void credentialsOptionsAndEndOfCandidates() throws Exception {
        assertEquals("a=ice-ufrag:aB3+", IceSdp.ufragLine("aB3+"));
        assertEquals("aB3+", IceSdp.parseUfrag("a=ice-ufrag:aB3+\r\n"));
        String pwd = "abcdefghijklmnopqrstuv";
        assertEquals(pwd, IceSdp.parsePwd(IceSdp.pwdLine(pwd)));
        assertEquals("a=ice-options:trickle", IceSdp.optionsLine(List.of(IceSdp.TRICKLE)));
        assertEquals(List.of("trickle", "ice2"), IceSdp.parseOptions("a=ice-options:trickle ice2"));
        assertTrue(IceSdp.isEndOfCandidates("a=end-of-candidates\r\n"));
        assertTrue(IceSdp.isEndOfCandidates("end-of-candidates"));
        assertFalse(IceSdp.isEndOfCandidates("a=end-of-candidate"));

        assertTrue(assertThrows(CandidateParseException.class, () -> IceSdp.parseUfrag("a=ice-ufrag:abc"))
                .getMessage().contains("4-256 ice-chars"));
        assertTrue(assertThrows(CandidateParseException.class, () -> IceSdp.parseUfrag("a=ice-ufrag:ab-cd"))
                .getMessage().contains("4-256 ice-chars"));
        assertTrue(assertThrows(CandidateParseException.class, () -> IceSdp.parsePwd("a=ice-pwd:short"))
                .getMessage().contains("22-256 ice-chars"));
        assertTrue(assertThrows(CandidateParseException.class, () -> IceSdp.parseOptions("a=ice-options:trickle  x"))
                .getMessage().contains("ice-option tag"));
        assertThrows(CandidateParseException.class, () -> IceSdp.parsePwd("a=ice-ufrag:abcdefghijklmnopqrstuvwxyz"));
        assertThrows(IllegalArgumentException.class, () -> IceSdp.ufragLine("ab"));
    }

    @Provide
    Arbitrary<IceCandidate> candidates() {
        Arbitrary<String> foundation = Arbitraries.strings().withChars(iceChars()).ofMinLength(1).ofMaxLength(32);
        Arbitrary<Integer> component = Arbitraries.integers().between(1, 256);
        Arbitrary<String> transport = Arbitraries.oneOf(Arbitraries.of("udp", "tcp"), token());
        Arbitrary<Long> priority = Arbitraries.longs().between(1, 0x7fff_ffffL);
        Arbitrary<Integer> port = Arbitraries.integers().between(0, 65535);
        Arbitrary<String> type = Arbitraries.oneOf(Arbitraries.of("host", "srflx", "prflx", "relay"), token());
        Arbitrary<String> related = Arbitraries.oneOf(address(), Arbitraries.just(null));
        Arbitrary<Integer> relatedPort = Arbitraries.oneOf(port, Arbitraries.just(-1));
        Arbitrary<IceCandidate.Extension> extension = Combinators.combine(
                token().filter(n -> !n.equalsIgnoreCase("raddr") && !n.equalsIgnoreCase("rport")),
                Arbitraries.strings().withCharRange('!', '~').ofMinLength(1).ofMaxLength(12))
                .as(IceCandidate.Extension::new);
        Arbitrary<List<IceCandidate.Extension>> extensions = extension.list().ofMaxSize(4);
        return Combinators.combine(foundation, component, transport, priority, address(), port, type, related)
                .flatAs((f, c, t, p, a, po, ty, r) -> Combinators.combine(relatedPort, extensions)
                        .as((rp, ex) -> new IceCandidate(f, c, t, p, a, po, ty, r, rp, ex)));
    }

    @Provide
    Arbitrary<String> candidateLike() {
        Arbitrary<String> noise = Arbitraries.strings().withChars(" .:-abcdefhlorstuvxyz0123456789/@\u00e9")
                .ofMaxLength(80);
        Arbitrary<String> fieldsFromValid = candidates().map(IceSdp::formatCandidate)
                .flatMap(line -> Arbitraries.integers().between(0, line.length()).map(cut -> mutate(line, cut)));
        return Arbitraries.oneOf(noise, noise.map(s -> "candidate:" + s), noise.map(s -> "a=candidate:" + s),
                fieldsFromValid);
    }

    /** Drops or duplicates a slice of a valid line to reach deep parser branches. */
    private static String mutate(String line, int cut) {
        String[] parts = line.split(" ");
        List<String> out = new ArrayList<>(List.of(parts));
        int i = cut % parts.length;
        if (cut % 2 == 0) {
            out.remove(i);
        } else {
            out.add(i, parts[i]);
        }
        return String.join(" ", out);
    }

    private static Arbitrary<String> address() {
        Arbitrary<String> v4 = Arbitraries.integers().between(0, 255).list().ofSize(4)
                .map(l -> l.get(0) + "." + l.get(1) + "." + l.get(2) + "." + l.get(3));
        Arbitrary<String> v6 = Arbitraries.integers().between(0, 0xffff).list().ofSize(8)
                .map(l -> String.join(":", l.stream().map(Integer::toHexString).toList()));
        Arbitrary<String> mdns = Arbitraries.strings().withChars("0123456789abcdef-").ofMinLength(1).ofMaxLength(36)
                .map(s -> s + ".local");
        return Arbitraries.oneOf(v4, v6, mdns);
    }

    private static Arbitrary<String> token() {
        return Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz0123456789-.!%*_+`'~")
                .ofMinLength(1).ofMaxLength(10);
    }

    private static char[] iceChars() {
        return "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+/".toCharArray();
    }
}
