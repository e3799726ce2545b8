package io.puredc.daemon.relay;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/** Unguessable identifiers and tokens, and the one place tokens are compared. */
public final class Ids {
    /** 128 bits: the contract's minimum for ids. */
    static final int ID_BYTES = 16;
    /** 256 bits for secrets, well above the minimum; they are never typed by hand. */
    static final int TOKEN_BYTES = 32;

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private Ids() {
    }

    public static String newId() {
        return random(ID_BYTES);
    }

    public static String newToken() {
        return random(TOKEN_BYTES);
    }

    private static String random(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return B64.encodeToString(b);
    }

    /** Constant-time comparison, so response timing does not reveal how much of a token matched. */
    public static boolean secretMatches(String expected, String presented) {
        if (expected == null || presented == null) {
            return false;
        }
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                presented.getBytes(StandardCharsets.UTF_8));
    }
}
