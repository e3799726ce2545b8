package io.puredc.peer;

import java.util.ArrayList;
import java.util.List;

/**
 * What we need of a remote description: the data-channel media section (RFC 8841) with its ICE
 * (RFC 8839), DTLS (RFC 8842: fingerprint, setup) and SCTP attributes, plus the other media
 * sections only so that an answer can reject them in order (RFC 8829 §5.3.1).
 *
 * @param maxMessageSize the peer's {@code a=max-message-size}: 65536 when absent (RFC 8841 §6.1), 0 = no limit
 */
record RemoteDescription(String type, String mid, String iceUfrag, String icePwd, List<String> fingerprints,
        String setup, int sctpPort, int maxMessageSize, List<String> candidates, boolean endOfCandidates,
        List<RejectedSection> otherSections, int dataSectionIndex) {

    /** A media section we do not take part in: answered with port 0. */
    record RejectedSection(int index, String media, String proto, String fmt, String mid) {}

    static RemoteDescription parse(SessionDescription d) throws SdpException {
        String[] lines = d.sdp().split("\r?\n");
        if (lines.length == 0 || !lines[0].equals("v=0")) {
            throw new SdpException("line 1: an SDP starts with v=0, got '" + (lines.length == 0 ? "" : lines[0]) + "'");
        }
        Section session = new Section(-1, null);
        List<Section> media = new ArrayList<>();
        Section current = session;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.isEmpty()) {
                continue;
            }
            if (line.length() < 2 || line.charAt(1) != '=' || !Character.isLetter(line.charAt(0))) {
                throw new SdpException("line " + (i + 1) + ": not a type=value line: '" + line + "'");
            }
            if (line.startsWith("m=")) {
                current = new Section(media.size(), line);
                current.lineNumber = i + 1;
                media.add(current);
            } else if (line.startsWith("a=")) {
                current.attributes.add(line.substring(2));
            }
        }
        Section data = null;
        List<RejectedSection> others = new ArrayList<>();
        for (Section s : media) {
            String[] m = s.mLine.substring(2).split(" ");
            if (m.length < 4) {
                throw new SdpException("line " + s.lineNumber + ": malformed m= line '" + s.mLine + "'");
            }
            boolean isData = m[0].equals("application") && m[2].endsWith("DTLS/SCTP") && m[3].equals("webrtc-datachannel");
            if (isData && data == null && !m[1].equals("0")) {
                data = s;
            } else {
                if (m[0].equals("application") && m[2].equals("DTLS/SCTP")) {
                    throw new SdpException("line " + s.lineNumber + ": '" + s.mLine
                            + "' is the pre-RFC 8841 SCTP syntax (sctpmap), which this stack does not support");
                }
                others.add(new RejectedSection(s.index, m[0], m[2], m[3], s.value("mid")));
            }
        }
        if (data == null) {
            throw new SdpException("no 'm=application ... UDP/DTLS/SCTP webrtc-datachannel' section: "
                    + "the description has no data channel");
        }
        String ufrag = data.valueOr("ice-ufrag", session);
        String pwd = data.valueOr("ice-pwd", session);
        if (ufrag == null || pwd == null) {
            throw new SdpException("line " + data.lineNumber + ": the data section has no a=ice-ufrag/a=ice-pwd");
        }
        List<String> fingerprints = data.values("fingerprint");
        if (fingerprints.isEmpty()) {
            fingerprints = session.values("fingerprint");
        }
        if (fingerprints.isEmpty()) {
            throw new SdpException("line " + data.lineNumber + ": no a=fingerprint (RFC 8842 §5 requires one)");
        }
        String setup = data.valueOr("setup", session);
        if (setup == null) {
            setup = d.isOffer() ? "actpass" : "active"; // RFC 4145 §4 defaults
        }
        if (!setup.equals("actpass") && !setup.equals("active") && !setup.equals("passive")) {
            throw new SdpException("a=setup:" + setup + " is not supported (actpass, active or passive)");
        }
        if (!d.isOffer() && setup.equals("actpass")) {
            throw new SdpException("a=setup:actpass is not allowed in an answer (RFC 5763 §5)");
        }
        int sctpPort = parseInt(data.value("sctp-port"), 5000, "a=sctp-port", 1, 65535);
        int maxMessage = parseInt(data.value("max-message-size"), 65536, "a=max-message-size", 0, Integer.MAX_VALUE);
        List<String> candidates = new ArrayList<>();
        for (String c : data.values("candidate")) {
            candidates.add("candidate:" + c);
        }
        String mid = data.value("mid");
        return new RemoteDescription(d.type(), mid == null ? "0" : mid, ufrag, pwd, fingerprints, setup, sctpPort,
                maxMessage, candidates, data.has("end-of-candidates"), others, data.index);
    }

    private static int parseInt(String value, int absent, String what, int min, int max) throws SdpException {
        if (value == null) {
            return absent;
        }
        try {
            long v = Long.parseLong(value.trim());
            if (v < min) {
                throw new SdpException(what + ":" + value + " is out of range");
            }
            return (int) Math.min(v, max);
        } catch (NumberFormatException e) {
            throw new SdpException(what + ":" + value + " is not a number");
        }
    }

    private static final class Section {
        final int index;
        final String mLine;
        int lineNumber;
        final List<String> attributes = new ArrayList<>();

        Section(int index, String mLine) {
            this.index = index;
            this.mLine = mLine;
        }

        /** The value of the first {@code a=name:value}, or null. */
        String value(String name) {
            for (String a : attributes) {
                if (a.startsWith(name + ":")) {
                    return a.substring(name.length() + 1);
                }
            }
            return null;
        }

        String valueOr(String name, Section fallback) {
            String v = value(name);
            return v != null ? v : fallback.value(name);
        }

        List<String> values(String name) {
            List<String> out = new ArrayList<>();
            for (String a : attributes) {
                if (a.startsWith(name + ":")) {
                    out.add(a.substring(name.length() + 1));
                }
            }
            return out;
        }

        boolean has(String flag) {
            return attributes.contains(flag);
        }
    }
}
