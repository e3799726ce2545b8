package io.puredc.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each malformation PROTOCOL.md §1 names is refused with a message that says what was wrong. The
 * cases live in golden-vectors.json, where the page's JavaScript codec is held to the same messages.
 */
class MalformedFramesTest {

    static List<GoldenVectors.Malformed> vectors() {
        return GoldenVectors.malformed();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void isRefusedWithItsMessage(GoldenVectors.Malformed v) {
        FrameFormatException e = assertThrows(FrameFormatException.class,
                () -> FrameCodec.decode(ByteBuffer.wrap(v.wire())));
        assertEquals(v.error(), e.getMessage());
    }

    /** An emptied or trimmed file must not pass: every case the suite started with is there. */
    @Test
    void theFileHoldsEveryCase() {
        Set<String> names = vectors().stream().map(GoldenVectors.Malformed::name).collect(Collectors.toSet());
        assertTrue(names.containsAll(Set.of("shorterThanHeader", "empty", "wrongVersion",
                "lengthSaysMoreThanFollows", "lengthIsMaxU32", "rangeDataOverMaxChunkPayload",
                "helloNameOver1024Bytes", "helloMimeOver255Bytes", "helloTruncatedInsideDuration",
                "helloWithTrailingByte", "helloEndsInsideName", "helloNameNotUtf8", "helloOnNonZeroStream",
                "rangeReqPayloadTooShort", "rangeEndPayloadTooLong", "cancelWithPayload",
                "rangeReqOnStreamZero", "pingOver64Bytes", "pongOver64Bytes")), names::toString);
    }

    /** The long cases are written as a prefix plus zeros; check that they really are that long. */
    @Test
    void longCasesHaveTheirFullLength() {
        for (GoldenVectors.Malformed v : vectors()) {
            if (v.name().equals("rangeDataOverMaxChunkPayload")) {
                assertEquals(Wire.HEADER_SIZE + Wire.MAX_CHUNK_PAYLOAD + 1, v.wire().length);
            } else if (v.name().equals("helloNameOver1024Bytes")) {
                assertEquals(Wire.HEADER_SIZE + 8 + 2 + 1025 + 2 + 8, v.wire().length);
            }
        }
    }

    @Test
    void decodingLeavesTheCallersBufferAlone() throws Exception {
        ByteBuffer b = ByteBuffer.allocate(Wire.HEADER_SIZE);
        b.put((byte) 1).put((byte) 5).put((byte) 0).put((byte) 0).putInt(1).putInt(0);
        b.position(0);
        FrameCodec.decode(b);
        assertEquals(0, b.position());
        assertEquals(Wire.HEADER_SIZE, b.limit());
    }
}
