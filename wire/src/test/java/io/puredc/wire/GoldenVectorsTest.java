package io.puredc.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hand-written bytes per frame type (golden-vectors.json, shared with the page's JavaScript codec),
 * so the layout of PROTOCOL.md §1 is pinned independently of the encoder: each vector must decode
 * to the expected frame and the expected frame must encode to exactly these bytes.
 */
class GoldenVectorsTest {

    static List<GoldenVectors.Valid> vectors() {
        return GoldenVectors.valid();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void decodesToTheFrameAndEncodesBack(GoldenVectors.Valid v) throws FrameFormatException {
        assertEquals(v.frame(), FrameCodec.decode(ByteBuffer.wrap(v.wire())));
        if (!v.decodeOnly()) {
            ByteBuffer encoded = FrameCodec.encode(v.frame());
            byte[] out = new byte[encoded.remaining()];
            encoded.get(out);
            assertArrayEquals(v.wire(), out);
        }
    }

    /** An emptied or trimmed file must not pass: every vector the suite started with is there. */
    @Test
    void theFileHoldsEveryVector() {
        Set<String> names = vectors().stream().map(GoldenVectors.Valid::name).collect(Collectors.toSet());
        assertTrue(names.containsAll(Set.of("hello", "helloWithMultiByteNameAndEmptyMime", "rangeReq",
                "rangeReqWithOffsetAboveSignedRange", "rangeData", "rangeEnd", "cancel", "ping", "pong",
                "unknownTypeIsKeptWhole", "reservedByteIsIgnoredOnReceive")), names::toString);
        // Every known type appears, and the unknown one.
        Set<Integer> types = vectors().stream().map(v -> v.frame().typeCode()).collect(Collectors.toSet());
        assertTrue(types.containsAll(Set.of(1, 2, 3, 4, 5, 6, 7, 0x7F)), types::toString);
    }
}
