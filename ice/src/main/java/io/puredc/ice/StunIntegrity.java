package io.puredc.ice;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * MESSAGE-INTEGRITY of a STUN message (RFC 8489 §14.5) with a short-term credential (§9.1: the key is
 * the password). ice4j matches a response to its request by transaction id only; a check whose success
 * makes us send to a new address (see {@link IceAgent}) also proves the response came from the peer that
 * knows its own {@code ice-pwd} (RFC 8445 §7.2.5.2, §7.3).
 */
final class StunIntegrity {
    static final int HEADER = 20;
    static final int MESSAGE_INTEGRITY = 0x0008;
    private static final int HMAC_LENGTH = 20;

    private StunIntegrity() {
    }

    /**
     * Whether {@code message} carries a MESSAGE-INTEGRITY attribute that is valid for {@code password}.
     * The HMAC-SHA1 covers the message up to that attribute, with the header's length field set as if the
     * message ended right after it (RFC 8489 §14.5).
     */
    static boolean verify(byte[] message, int length, String password) {
        int at = find(message, length, MESSAGE_INTEGRITY);
        if (at < 0 || readU16(message, at + 2) != HMAC_LENGTH) {
            return false;
        }
        byte[] expected = hmac(message, at, password);
        byte[] actual = new byte[HMAC_LENGTH];
        System.arraycopy(message, at + 4, actual, 0, HMAC_LENGTH);
        return MessageDigest.isEqual(expected, actual);
    }

    /**
     * HMAC-SHA1 for a MESSAGE-INTEGRITY attribute that starts at {@code attributeOffset} of {@code message}
     * (the bytes before it are covered; the length field counts up to the attribute's end).
     */
    static byte[] hmac(byte[] message, int attributeOffset, String password) {
        byte[] covered = new byte[attributeOffset];
        System.arraycopy(message, 0, covered, 0, attributeOffset);
        int lengthThroughAttribute = attributeOffset - HEADER + 4 + HMAC_LENGTH;
        covered[2] = (byte) (lengthThroughAttribute >>> 8);
        covered[3] = (byte) lengthThroughAttribute;
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            // RFC 8489 §9.1: short-term key = OpaqueString(password); ICE passwords are ASCII (RFC 8445 §5.3).
            mac.init(new SecretKeySpec(password.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return mac.doFinal(covered);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is required of every JDK", e);
        }
    }

    /** Offset of the first attribute of {@code type}, or -1; -1 too when the attribute list is malformed. */
    static int find(byte[] message, int length, int type) {
        if (length < HEADER || length > message.length || readU16(message, 2) != length - HEADER) {
            return -1;
        }
        int at = HEADER;
        while (at + 4 <= length) {
            int t = readU16(message, at);
            int len = readU16(message, at + 2);
            if (at + 4 + len > length) {
                return -1;
            }
            if (t == type) {
                return at;
            }
            at += 4 + ((len + 3) & ~3); // RFC 8489 §14: values are padded to 4 bytes
        }
        return -1;
    }

    private static int readU16(byte[] b, int at) {
        return ((b[at] & 0xff) << 8) | (b[at + 1] & 0xff);
    }
}
