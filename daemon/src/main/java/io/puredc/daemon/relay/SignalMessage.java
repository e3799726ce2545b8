package io.puredc.daemon.relay;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Validation of one signalling message, {@code {"type": T, "payload": P}} (PROTOCOL.md §2). */
public final class SignalMessage {
    public static final Set<String> TYPES = Set.of("offer", "answer", "candidate", "candidate-end", "bye");
    /** An SDP with many candidates stays far below this; a bigger body is a client bug or abuse. */
    public static final int MAX_BYTES = 64 * 1024;

    private SignalMessage() {
    }

    /**
     * Returns the message as compact one-line JSON with exactly the two fields, or a 400 when the
     * type is unknown, the payload is not a string, or any other field is present.
     */
    public static String normalize(byte[] body) throws RelayException {
        if (body.length > MAX_BYTES) {
            throw new RelayException(413, "message over " + MAX_BYTES + " bytes");
        }
        JsonNode node = Json.object(body);
        JsonNode type = node.get("type");
        JsonNode payload = node.get("payload");
        if (type == null || !type.isTextual() || !TYPES.contains(type.textValue())) {
            throw RelayException.badRequest("type must be one of " + TYPES);
        }
        if (payload == null || !payload.isTextual()) {
            throw RelayException.badRequest("payload must be a string");
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!field.equals("type") && !field.equals("payload")) {
                throw RelayException.badRequest("unknown field " + field);
            }
        }
        Map<String, String> out = new LinkedHashMap<>();
        out.put("type", type.textValue());
        out.put("payload", payload.textValue());
        return Json.write(out);
    }
}
