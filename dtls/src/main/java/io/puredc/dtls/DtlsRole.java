package io.puredc.dtls;

import java.util.Locale;

/**
 * The DTLS role of this endpoint, derived from the SDP {@code a=setup} attribute.
 *
 * <p>RFC 5763 §5 (with RFC 4145 §4): the endpoint whose setup is {@code active} initiates the
 * connection and is the DTLS client; {@code passive} waits and is the DTLS server. The offerer
 * says {@code actpass}, leaving the choice to the answerer.
 */
public enum DtlsRole {
    CLIENT,
    SERVER;

    /**
     * Our role given the remote description's {@code a=setup} value.
     *
     * <ul>
     *   <li>remote {@code active} → we are passive → {@link #SERVER};
     *   <li>remote {@code passive} → we are active → {@link #CLIENT};
     *   <li>remote {@code actpass} (the remote offered, we answer) → we answer {@code active},
     *       which RFC 5763 §5 recommends because the handshake can then start in parallel with
     *       the answer's delivery → {@link #CLIENT}.
     * </ul>
     *
     * @param remoteSetup the attribute value, without {@code a=setup:}; case-insensitive
     * @throws IllegalArgumentException for {@code holdconn}, which asks for no connection, or any
     *     other value
     */
    public static DtlsRole fromRemoteSetup(String remoteSetup) {
        String value = remoteSetup == null ? "" : remoteSetup.trim().toLowerCase(Locale.ROOT);
        switch (value) {
            case "active":
                return SERVER;
            case "passive":
            case "actpass":
                return CLIENT;
            default:
                throw new IllegalArgumentException("unusable a=setup value: '" + remoteSetup + "'");
        }
    }

    /** The {@code a=setup} value to put in our answer for this role ({@code active}/{@code passive}). */
    public String localSetupForAnswer() {
        return this == CLIENT ? "active" : "passive";
    }
}
