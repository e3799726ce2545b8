package io.puredc.dtls;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Collection;
import java.util.Locale;

/**
 * A certificate fingerprint as carried by the SDP {@code a=fingerprint} attribute (RFC 8122 §5).
 *
 * <pre>
 * fingerprint-attribute = "fingerprint" ":" hash-func SP fingerprint
 * hash-func             = "sha-1" / "sha-224" / "sha-256" / "sha-384" / "sha-512" / "md5" / "md2" / token
 * fingerprint           = 2UHEX *(":" 2UHEX)   ; UHEX: 0-9, A-F uppercase
 * </pre>
 *
 * <p>We write the strict form (lower-case hash name, upper-case hex) and parse liberally (any
 * case, optional {@code a=fingerprint:} prefix, surrounding blanks). MD2 and MD5 are refused:
 * RFC 8122 §5 forbids them for new uses and a collision would defeat the pinning.
 */
public final class CertificateFingerprint {

    /** A hash function usable in {@code a=fingerprint}, strongest last. */
    public enum HashFunction {
        SHA_1("sha-1", "SHA-1", 20),
        SHA_224("sha-224", "SHA-224", 28),
        SHA_256("sha-256", "SHA-256", 32),
        SHA_384("sha-384", "SHA-384", 48),
        SHA_512("sha-512", "SHA-512", 64);

        private final String sdpName;
        private final String jcaName;
        private final int length;

        HashFunction(String sdpName, String jcaName, int length) {
            this.sdpName = sdpName;
            this.jcaName = jcaName;
            this.length = length;
        }

        /** The token as written in SDP, for example {@code sha-256}. */
        public String sdpName() {
            return sdpName;
        }

        /** Digest length in bytes. */
        public int length() {
            return length;
        }

        byte[] digest(byte[] data) {
            try {
                return MessageDigest.getInstance(jcaName).digest(data);
            } catch (NoSuchAlgorithmException e) {
                // Every Java SE platform must provide SHA-1 and the SHA-2 family.
                throw new IllegalStateException(jcaName + " missing from the JDK", e);
            }
        }

        static HashFunction fromSdpName(String token) throws FingerprintParseException {
            String lower = token.toLowerCase(Locale.ROOT);
            for (HashFunction f : values()) {
                if (f.sdpName.equals(lower)) {
                    return f;
                }
            }
            if (lower.equals("md5") || lower.equals("md2")) {
                throw new FingerprintParseException("refused insecure hash function " + token);
            }
            throw new FingerprintParseException("unknown hash function " + token);
        }
    }

    private static final int MAX_TEXT_LENGTH = 1024;

    private final HashFunction hashFunction;
    private final byte[] digest;

    private CertificateFingerprint(HashFunction hashFunction, byte[] digest) {
        this.hashFunction = hashFunction;
        this.digest = digest;
    }

    /** The fingerprint of a DER-encoded certificate with the given hash function. */
    public static CertificateFingerprint of(HashFunction hashFunction, byte[] certificateDer) {
        return new CertificateFingerprint(hashFunction, hashFunction.digest(certificateDer));
    }

    /** A fingerprint from its hash function and raw digest bytes (length must fit the function). */
    public static CertificateFingerprint ofDigest(HashFunction hashFunction, byte[] digest) {
        if (digest.length != hashFunction.length()) {
            throw new IllegalArgumentException(
                    hashFunction.sdpName() + " digest must be " + hashFunction.length() + " bytes");
        }
        return new CertificateFingerprint(hashFunction, digest.clone());
    }

    /**
     * Parses an {@code a=fingerprint} value such as {@code sha-256 AB:CD:...}.
     *
     * @throws FingerprintParseException if it is not of the RFC 8122 §5 form, names an unknown or
     *     refused hash function, or has the wrong number of bytes for its hash function
     */
    public static CertificateFingerprint parse(String text) throws FingerprintParseException {
        if (text == null) {
            throw new FingerprintParseException("no fingerprint");
        }
        if (text.length() > MAX_TEXT_LENGTH) {
            throw new FingerprintParseException("fingerprint text too long");
        }
        String s = text.strip();
        if (s.regionMatches(true, 0, "a=", 0, 2)) {
            s = s.substring(2);
        }
        if (s.regionMatches(true, 0, "fingerprint:", 0, 12)) {
            s = s.substring(12).strip();
        }
        int space = s.indexOf(' ');
        if (space <= 0) {
            throw new FingerprintParseException("expected '<hash-func> <hex>': " + text);
        }
        HashFunction f = HashFunction.fromSdpName(s.substring(0, space));
        String hex = s.substring(space + 1).strip();
        // 2 hex digits per byte plus a colon between bytes.
        if (hex.length() != f.length() * 3 - 1) {
            throw new FingerprintParseException(
                    f.sdpName() + " fingerprint must have " + f.length() + " colon-separated bytes");
        }
        byte[] digest = new byte[f.length()];
        for (int i = 0; i < digest.length; i++) {
            int at = i * 3;
            if (i > 0 && hex.charAt(at - 1) != ':') {
                throw new FingerprintParseException("expected ':' at offset " + (at - 1));
            }
            int hi = hexValue(hex.charAt(at));
            int lo = hexValue(hex.charAt(at + 1));
            if (hi < 0 || lo < 0) {
                throw new FingerprintParseException("not a hex byte at offset " + at);
            }
            digest[i] = (byte) (hi << 4 | lo);
        }
        return new CertificateFingerprint(f, digest);
    }

    /** ASCII hex only: Character.digit would also accept non-ASCII digits. */
    private static int hexValue(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        return -1;
    }

    public HashFunction hashFunction() {
        return hashFunction;
    }

    /** A copy of the digest bytes. */
    public byte[] digest() {
        return digest.clone();
    }

    /** Whether this is the fingerprint of the DER-encoded certificate. Constant time in the digest. */
    public boolean matches(byte[] certificateDer) {
        return MessageDigest.isEqual(digest, hashFunction.digest(certificateDer));
    }

    /**
     * Whether a certificate is acceptable given every {@code a=fingerprint} of the remote SDP.
     *
     * <p>RFC 8122 §5: use the fingerprints with the most secure hash function present; when
     * several share it, the certificate must match one of them. An empty set accepts nothing.
     */
    public static boolean anyStrongestMatches(Collection<CertificateFingerprint> expected, byte[] der) {
        HashFunction strongest = null;
        for (CertificateFingerprint fp : expected) {
            if (strongest == null || fp.hashFunction.compareTo(strongest) > 0) {
                strongest = fp.hashFunction;
            }
        }
        if (strongest == null) {
            return false;
        }
        byte[] actual = strongest.digest(der);
        boolean match = false;
        for (CertificateFingerprint fp : expected) {
            // No early exit: the comparison work does not depend on which entry matches.
            match |= fp.hashFunction == strongest && MessageDigest.isEqual(fp.digest, actual);
        }
        return match;
    }

    /** The attribute value in RFC 8122 form, for example {@code sha-256 AB:CD:...}. */
    public String toSdpValue() {
        StringBuilder sb = new StringBuilder(hashFunction.sdpName().length() + 1 + digest.length * 3);
        sb.append(hashFunction.sdpName()).append(' ');
        for (int i = 0; i < digest.length; i++) {
            if (i > 0) {
                sb.append(':');
            }
            sb.append(Character.toUpperCase(Character.forDigit((digest[i] >> 4) & 0xf, 16)));
            sb.append(Character.toUpperCase(Character.forDigit(digest[i] & 0xf, 16)));
        }
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CertificateFingerprint
                && ((CertificateFingerprint) o).hashFunction == hashFunction
                && Arrays.equals(((CertificateFingerprint) o).digest, digest);
    }

    @Override
    public int hashCode() {
        return hashFunction.hashCode() * 31 + Arrays.hashCode(digest);
    }

    @Override
    public String toString() {
        return toSdpValue();
    }
}
