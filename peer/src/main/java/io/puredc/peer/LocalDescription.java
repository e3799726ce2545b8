package io.puredc.peer;

import java.util.List;

/**
 * Writes our description: one data-channel media section (RFC 8841 §4) bundled alone
 * (RFC 8843), with ICE credentials and trickle (RFC 8839, 8840), our certificate fingerprint and
 * DTLS role (RFC 8842), the SCTP port and our max-message-size. In an answer every other section
 * of the offer is rejected with port 0, in the offer's order (RFC 8829 §5.3.1).
 */
final class LocalDescription {
    static final int SCTP_PORT = 5000;

    private LocalDescription() {}

    static String write(String type, long sessionId, String mid, String ufrag, String pwd, String fingerprint,
            String setup, int maxMessageSize, RemoteDescription offer) {
        StringBuilder sb = new StringBuilder();
        line(sb, "v=0");
        line(sb, "o=- " + sessionId + " 2 IN IP4 127.0.0.1");
        line(sb, "s=-");
        line(sb, "t=0 0");
        line(sb, "a=group:BUNDLE " + mid);
        List<RemoteDescription.RejectedSection> rejected = offer == null ? List.of() : offer.otherSections();
        int dataIndex = offer == null ? 0 : offer.dataSectionIndex();
        int sections = rejected.size() + 1;
        int r = 0;
        for (int i = 0; i < sections; i++) {
            if (i == dataIndex) {
                line(sb, "m=application 9 UDP/DTLS/SCTP webrtc-datachannel");
                line(sb, "c=IN IP4 0.0.0.0");
                line(sb, "a=ice-ufrag:" + ufrag);
                line(sb, "a=ice-pwd:" + pwd);
                line(sb, "a=ice-options:trickle");
                line(sb, "a=fingerprint:" + fingerprint);
                line(sb, "a=setup:" + setup);
                line(sb, "a=mid:" + mid);
                line(sb, "a=sctp-port:" + SCTP_PORT);
                line(sb, "a=max-message-size:" + maxMessageSize);
            } else {
                RemoteDescription.RejectedSection s = rejected.get(r++);
                line(sb, "m=" + s.media() + " 0 " + s.proto() + " " + s.fmt());
                line(sb, "c=IN IP4 0.0.0.0");
                if (s.mid() != null) {
                    line(sb, "a=mid:" + s.mid());
                }
                line(sb, "a=inactive");
            }
        }
        return sb.toString();
    }

    private static void line(StringBuilder sb, String s) {
        sb.append(s).append("\r\n");
    }
}
