package io.puredc.daemon.relay;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;

/**
 * The strict JSON reader the relay uses for request bodies: duplicate keys and trailing bytes
 * are malformed (they would let two readers of one body disagree), output is compact and
 * therefore one line, as an SSE {@code data:} field needs.
 */
public final class Json {
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private Json() {
    }

    /** Parses a body that must be one JSON object; anything else is a 400. */
    public static JsonNode object(byte[] body) throws RelayException {
        JsonNode node;
        try {
            node = MAPPER.readTree(body);
        } catch (IOException e) {
            throw RelayException.badRequest("body is not JSON");
        }
        if (node == null || !node.isObject()) {
            throw RelayException.badRequest("body is not a JSON object");
        }
        return node;
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write JSON", e); // only our own maps and lists are written
        }
    }
}
