package io.puredc.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Reads {@code golden-vectors.json}, the one file of hand-written frames that both the Java codec
 * and the page's JavaScript codec ({@code daemon/src/test/js/wire.test.cjs}) are tested against,
 * so the two cannot drift apart. The file's {@code about} field describes its format.
 */
final class GoldenVectors {
    static final String RESOURCE = "/io/puredc/wire/golden-vectors.json";

    /** A message that must decode to {@code frame} and, unless {@code decodeOnly}, encode back. */
    record Valid(String name, byte[] wire, Frame frame, boolean decodeOnly) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** A message that must be refused with exactly {@code error}. */
    record Malformed(String name, byte[] wire, String error) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final JsonNode ROOT = load();

    private GoldenVectors() {}

    static List<Valid> valid() {
        List<Valid> out = new ArrayList<>();
        for (JsonNode v : ROOT.get("valid")) {
            out.add(new Valid(v.get("name").asText(), hex(v.get("hex")), frame(v.get("frame")),
                    v.path("decodeOnly").asBoolean(false)));
        }
        return out;
    }

    static List<Malformed> malformed() {
        List<Malformed> out = new ArrayList<>();
        for (JsonNode v : ROOT.get("malformed")) {
            byte[] prefix = hex(v.get("hex"));
            byte[] wire = new byte[prefix.length + v.path("zeros").asInt(0)];
            System.arraycopy(prefix, 0, wire, 0, prefix.length);
            out.add(new Malformed(v.get("name").asText(), wire, v.get("error").asText()));
        }
        return out;
    }

    private static Frame frame(JsonNode f) {
        String type = f.get("type").asText();
        long streamId = f.get("streamId").asLong();
        int flags = f.path("flags").asInt(0);
        return switch (type) {
            case "HELLO" -> new Frame.Hello(flags, u64(f, "fileSize"), f.get("name").asText(),
                    f.get("mime").asText(), u64(f, "durationMs"));
            case "RANGE_REQ" -> new Frame.RangeReq(streamId, u64(f, "offset"), u64(f, "length"));
            case "RANGE_DATA" -> new Frame.RangeData(streamId, flags, payload(f));
            case "RANGE_END" -> new Frame.RangeEnd(streamId, f.get("status").asLong());
            case "CANCEL" -> new Frame.Cancel(streamId);
            case "PING" -> new Frame.Ping(streamId, payload(f));
            case "PONG" -> new Frame.Pong(streamId, payload(f));
            case "UNKNOWN" -> new Frame.Unknown(f.get("typeCode").asInt(), flags, streamId, payload(f));
            default -> throw new IllegalArgumentException("golden vector of unknown type " + type);
        };
    }

    /** u64 fields are unsigned decimal strings; Java keeps their raw bits in a long (see Wire). */
    private static long u64(JsonNode f, String field) {
        return Long.parseUnsignedLong(f.get(field).asText());
    }

    private static ByteBuffer payload(JsonNode f) {
        return ByteBuffer.wrap(hex(f.get("payload")));
    }

    private static byte[] hex(JsonNode n) {
        return HexFormat.of().parseHex(n.asText());
    }

    private static JsonNode load() {
        try (InputStream in = GoldenVectors.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("test resource missing: " + RESOURCE);
            }
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
