package io.puredc.dtls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.puredc.dtls.CertificateFingerprint.HashFunction;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** RFC 8122 §5 fingerprint text: format, round trip, liberal parsing, refusals, matching. */
class CertificateFingerprintTest {

    @Provide
    Arbitrary<CertificateFingerprint> fingerprints() {
        return Arbitraries.of(HashFunction.class).flatMap(f -> Arbitraries.bytes().array(byte[].class)
                .ofSize(f.length()).map(d -> CertificateFingerprint.ofDigest(f, d)));
    }

    @Property
    void sdpTextRoundTrips(@ForAll("fingerprints") CertificateFingerprint fp) throws Exception {
        String text = fp.toSdpValue();
        assertTrue(text.matches("sha-(1|224|256|384|512) [0-9A-F]{2}(:[0-9A-F]{2})*"), text);
        assertEquals(fp, CertificateFingerprint.parse(text));
    }

    @Property
    void parsingIsCaseInsensitiveAndAcceptsTheAttributePrefix(@ForAll("fingerprints") CertificateFingerprint fp)
            throws Exception {
        String text = fp.toSdpValue();
        assertEquals(fp, CertificateFingerprint.parse(text.toLowerCase()));
        assertEquals(fp, CertificateFingerprint.parse(text.toUpperCase()));
        assertEquals(fp, CertificateFingerprint.parse("a=fingerprint:" + text + "\r\n"));
    }

    @Property
    void arbitraryTextParsesOrThrowsOnlyTheParseException(@ForAll String text) {
        try {
            CertificateFingerprint fp = CertificateFingerprint.parse(text);
            assertEquals(fp, CertificateFingerprint.parse(fp.toSdpValue()));
        } catch (FingerprintParseException expected) {
            // the only failure allowed
        }
    }

    /** A one-character change either fails to parse or parses to another fingerprint. */
    @Property
    void changedTextNeverParsesToTheSameFingerprint(@ForAll("fingerprints") CertificateFingerprint fp,
            @ForAll char replacement, @ForAll("indexes") int index) {
        String text = fp.toSdpValue();
        int at = index % text.length();
        String changed = text.substring(0, at) + replacement + text.substring(at + 1);
        if (changed.equalsIgnoreCase(text)) {
            return; // the same value, perhaps in another case
        }
        try {
            assertNotEquals(fp, CertificateFingerprint.parse(changed), changed);
        } catch (FingerprintParseException expected) {
            // rejected: fine
        }
    }

    @Provide
    Arbitrary<Integer> indexes() {
        return Arbitraries.integers().between(0, 10_000);
    }

    @Example
    void knownValue() throws Exception {
        CertificateFingerprint fp = CertificateFingerprint.parse(
                "sha-256 19:E2:1C:3B:4B:9F:81:E6:B8:5C:F4:A5:A8:D8:73:04:BB:05:2F:70:9F:04:A9:0E:05:E9:26:33:E8:70:88:A2");
        assertEquals(HashFunction.SHA_256, fp.hashFunction());
        assertEquals((byte) 0x19, fp.digest()[0]);
        assertEquals((byte) 0xA2, fp.digest()[31]);
    }

    @Example
    void refusesWeakUnknownAndMalformedValues() {
        String md5 = "md5 00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF";
        assertThrows(FingerprintParseException.class, () -> CertificateFingerprint.parse(md5));
        assertThrows(FingerprintParseException.class, () -> CertificateFingerprint.parse("sha-3 AB"));
        assertThrows(FingerprintParseException.class, () -> CertificateFingerprint.parse("sha-256 AB:CD"));
        assertThrows(FingerprintParseException.class, () -> CertificateFingerprint.parse("sha-256"));
        assertThrows(FingerprintParseException.class, () -> CertificateFingerprint.parse(null));
        String badSeparator = "sha-1 00-11-22-33-44-55-66-77-88-99-AA-BB-CC-DD-EE-FF-00-11-22-33";
        assertThrows(FingerprintParseException.class, () -> CertificateFingerprint.parse(badSeparator));
        // Non-ASCII digits are digits to Character.digit but not UHEX.
        String arabicIndic = "sha-1 \u0660\u0660" + ":00".repeat(19);
        assertThrows(FingerprintParseException.class, () -> CertificateFingerprint.parse(arabicIndic));
    }

    @Example
    void matchingUsesTheStrongestHashFunctionPresent() {
        byte[] der = DtlsTransportTest.CERT_A.der();
        byte[] other = DtlsTransportTest.CERT_B.der();
        CertificateFingerprint sha256 = CertificateFingerprint.of(HashFunction.SHA_256, der);
        CertificateFingerprint sha512Wrong = CertificateFingerprint.of(HashFunction.SHA_512, other);
        CertificateFingerprint sha512Right = CertificateFingerprint.of(HashFunction.SHA_512, der);

        assertTrue(sha256.matches(der));
        assertFalse(sha256.matches(other));
        assertTrue(CertificateFingerprint.anyStrongestMatches(List.of(sha256), der));
        // RFC 8122 §5: with SHA-512 present, a matching SHA-256 alone does not suffice.
        assertFalse(CertificateFingerprint.anyStrongestMatches(List.of(sha256, sha512Wrong), der));
        assertTrue(CertificateFingerprint.anyStrongestMatches(List.of(sha256, sha512Wrong, sha512Right), der));
        assertFalse(CertificateFingerprint.anyStrongestMatches(List.of(), der));
    }

    @Example
    void digestIsDefensivelyCopied() {
        CertificateFingerprint fp = CertificateFingerprint.ofDigest(HashFunction.SHA_1, new byte[20]);
        fp.digest()[0] = 1;
        assertArrayEquals(new byte[20], fp.digest());
        assertThrows(IllegalArgumentException.class, () -> CertificateFingerprint.ofDigest(HashFunction.SHA_1, new byte[19]));
    }
}
