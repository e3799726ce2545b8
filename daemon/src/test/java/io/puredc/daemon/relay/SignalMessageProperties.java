package io.puredc.daemon.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Signalling messages: any body is either accepted as one clean line or refused with 400/413. */
class SignalMessageProperties {

    @Property
    void aValidMessageComesOutAsOneLineWithTheSameTypeAndPayload(@ForAll("types") String type,
                                                                @ForAll String payload) throws Exception {
        byte[] body = Json.write(Map.of("type", type, "payload", payload)).getBytes(StandardCharsets.UTF_8);
        String line = SignalMessage.normalize(body);
        assertFalse(line.contains("\n") || line.contains("\r"), "an SSE data: line cannot hold a line break");
        JsonNode back = Json.MAPPER.readTree(line);
        assertEquals(type, back.get("type").textValue());
        assertEquals(payload, back.get("payload").textValue());
        assertEquals(2, back.size());
    }

    @Provide
    Arbitrary<String> types() {
        return Arbitraries.of(SignalMessage.TYPES);
    }

    @Property
    void arbitraryBytesAreAcceptedOrRefusedWith400Or413AndNothingElse(@ForAll byte[] body) {
        checkRefusedOrClean(body);
    }

    @Property
    void arbitraryJsonishTextIsAcceptedOrRefusedWith400(@ForAll("jsonish") String text) {
        checkRefusedOrClean(text.getBytes(StandardCharsets.UTF_8));
    }

    @Provide
    Arbitrary<String> jsonish() {
        return Arbitraries.of("{", "}", "\"type\"", "\"payload\"", ":", ",", "\"offer\"", "\"bye\"", "\"x\"", "1",
                "null", "[", "]", " ", "\"candidate-end\"", "{}", "\"\\u0000\"").list().ofMaxSize(12)
                .map(parts -> String.join("", parts));
    }

    private static void checkRefusedOrClean(byte[] body) {
        try {
            String line = SignalMessage.normalize(body);
            JsonNode back = Json.MAPPER.readTree(line);
            assertTrue(SignalMessage.TYPES.contains(back.get("type").textValue()));
            assertTrue(back.get("payload").isTextual());
        } catch (RelayException e) {
            assertTrue(e.status() == 400 || e.status() == 413, "status " + e.status());
        } catch (Exception e) {
            throw new AssertionError("escaped: " + e, e);
        }
    }
}
