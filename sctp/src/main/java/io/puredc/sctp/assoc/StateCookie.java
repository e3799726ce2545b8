package io.puredc.sctp.assoc;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The State Cookie of RFC 9260 §5.1.3: everything needed to create the association when the
 * COOKIE ECHO comes back, so that an INIT costs the responder no state (§5.1 B), signed with
 * HMAC-SHA256 under a per-association secret (§5.1.3 "a MAC... using a secret key") so that a
 * tampered or forged cookie is refused. The timestamp is the responder's own clock (nanoseconds
 * of the caller's time base), checked against the cookie lifetime (§5.1.5 step 3).
 */
record StateCookie(long createdAt, int localTag, int localInitialTsn, int peerTag, int peerInitialTsn,
        int peerReceiveWindow, int peerOutboundStreams, int peerInboundStreams, boolean peerForwardTsn,
        boolean peerReconfig) {

    private static final int VERSION = 1;
    private static final int BODY = 1 + 8 + 4 * 7 + 1;
    private static final int MAC_SIZE = 32;
    static final int SIZE = BODY + MAC_SIZE;

    /** Why a cookie was refused. */
    static final class InvalidCookieException extends Exception {
        InvalidCookieException(String message) {
            super(message);
        }
    }

    byte[] sign(byte[] secret) {
        ByteBuffer b = ByteBuffer.allocate(SIZE);
        b.put((byte) VERSION).putLong(createdAt).putInt(localTag).putInt(localInitialTsn).putInt(peerTag)
                .putInt(peerInitialTsn).putInt(peerReceiveWindow).putInt(peerOutboundStreams)
                .putInt(peerInboundStreams)
                .put((byte) ((peerForwardTsn ? 1 : 0) | (peerReconfig ? 2 : 0)));
        b.put(mac(secret, b.array(), BODY));
        return b.array();
    }

    static StateCookie verify(byte[] cookie, byte[] secret) throws InvalidCookieException {
        if (cookie.length != SIZE) {
            throw new InvalidCookieException("cookie of " + cookie.length + " bytes, expected " + SIZE);
        }
        byte[] expected = mac(secret, cookie, BODY);
        byte[] actual = new byte[MAC_SIZE];
        System.arraycopy(cookie, BODY, actual, 0, MAC_SIZE);
        if (!MessageDigest.isEqual(expected, actual)) {
            throw new InvalidCookieException("cookie signature does not match");
        }
        ByteBuffer b = ByteBuffer.wrap(cookie);
        if (b.get() != VERSION) {
            throw new InvalidCookieException("unknown cookie version");
        }
        long createdAt = b.getLong();
        int localTag = b.getInt();
        int localTsn = b.getInt();
        int peerTag = b.getInt();
        int peerTsn = b.getInt();
        int rwnd = b.getInt();
        int out = b.getInt();
        int in = b.getInt();
        int flags = b.get();
        return new StateCookie(createdAt, localTag, localTsn, peerTag, peerTsn, rwnd, out, in,
                (flags & 1) != 0, (flags & 2) != 0);
    }

    private static byte[] mac(byte[] secret, byte[] data, int length) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update(data, 0, length);
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required of every JDK", e);
        }
    }
}
