package io.puredc.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Round trips for every frame type, and the decoder's contract on arbitrary bytes. */
class FrameCodecProperties {

    // ------------------------------------------------------------ robustness

    @Property(tries = 3000)
    void arbitraryBytesDecodeOrThrowTheCodecsOwnError(@ForAll @Size(max = 200) byte[] bytes) {
        decodeOrRefuse(ByteBuffer.wrap(bytes));
    }

    /** Bytes behind a plausible header reach the per-type validation, not just the header checks. */
    @Property(tries = 3000)
    void arbitraryPayloadsBehindAValidHeaderDecodeOrThrowTheCodecsOwnError(
            @ForAll @IntRange(min = 0, max = 9) int type,
            @ForAll int flags,
            @ForAll @IntRange(min = 0, max = 2) int streamId,
            @ForAll @Size(max = 1200) byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(Wire.HEADER_SIZE + payload.length);
        b.put((byte) 1).put((byte) type).put((byte) flags).put((byte) 0)
                .putInt(streamId).putInt(payload.length).put(payload);
        decodeOrRefuse(b.flip());
    }

    private static void decodeOrRefuse(ByteBuffer b) {
        try {
            Frame f = FrameCodec.decode(b);
            // Whatever decodes re-encodes to a frame that decodes the same.
            assertEquals(f, FrameCodec.decode(FrameCodec.encode(f)));
        } catch (FrameFormatException expected) {
            // the only failure allowed
        }
    }

    // ------------------------------------------------------------ round trips

    @Property
    void helloRoundTrips(@ForAll("hellos") Frame.Hello hello) throws Exception {
        assertRoundTrip(hello);
    }

    @Property
    void rangeReqRoundTrips(@ForAll("nonZeroU32") long id, @ForAll long offset, @ForAll long length)
            throws Exception {
        assertRoundTrip(new Frame.RangeReq(id, offset, length));
    }

    @Property(tries = 300)
    void rangeDataRoundTrips(@ForAll("u32") long id, @ForAll("u8") int flags,
            @ForAll("chunkPayloads") byte[] payload) throws Exception {
        assertRoundTrip(new Frame.RangeData(id, flags, ByteBuffer.wrap(payload)));
    }

    @Property
    void rangeEndRoundTrips(@ForAll("u32") long id, @ForAll("u32") long status) throws Exception {
        assertRoundTrip(new Frame.RangeEnd(id, status));
    }

    @Property
    void cancelRoundTrips(@ForAll("u32") long id) throws Exception {
        assertRoundTrip(new Frame.Cancel(id));
    }

    @Property
    void pingAndPongRoundTrip(@ForAll("u32") long id, @ForAll @Size(max = Wire.MAX_PING_PAYLOAD) byte[] payload)
            throws Exception {
        Frame.Ping ping = new Frame.Ping(id, ByteBuffer.wrap(payload));
        assertRoundTrip(ping);
        assertRoundTrip(ping.reply());
    }

    @Property
    void unknownTypesRoundTrip(@ForAll("unknownTypes") int type, @ForAll("u8") int flags, @ForAll("u32") long id,
            @ForAll @Size(max = 100) byte[] payload) throws Exception {
        assertRoundTrip(new Frame.Unknown(type, flags, id, ByteBuffer.wrap(payload)));
    }

    /** Encoding into the middle of a caller's buffer writes exactly the frame's bytes there. */
    @Property(tries = 200)
    void encodingIntoACallersBufferWritesOnlyTheFrame(@ForAll("hellos") Frame.Hello hello,
            @ForAll @IntRange(max = 64) int before) throws Exception {
        int size = FrameCodec.encodedSize(hello);
        ByteBuffer out = ByteBuffer.allocate(before + size + 8);
        out.position(before);
        FrameCodec.encode(hello, out);
        assertEquals(before + size, out.position());
        assertEquals(hello, FrameCodec.decode(out.flip().position(before)));
    }

    private static void assertRoundTrip(Frame frame) throws FrameFormatException {
        ByteBuffer encoded = FrameCodec.encode(frame);
        assertEquals(FrameCodec.encodedSize(frame), encoded.remaining());
        assertEquals(frame, FrameCodec.decode(encoded));
    }

    // ------------------------------------------------------------ generators

    @Provide
    Arbitrary<Long> u32() {
        return Arbitraries.longs().between(0, 0xFFFF_FFFFL).edgeCases(c -> c.add(0xFFFF_FFFFL));
    }

    @Provide
    Arbitrary<Long> nonZeroU32() {
        return Arbitraries.longs().between(1, 0xFFFF_FFFFL);
    }

    @Provide
    Arbitrary<Integer> u8() {
        return Arbitraries.integers().between(0, 255);
    }

    @Provide
    Arbitrary<Integer> unknownTypes() {
        return Arbitraries.integers().between(0, 255).filter(t -> FrameType.fromCode(t) == null);
    }

    @Provide
    Arbitrary<byte[]> chunkPayloads() {
        return Arbitraries.oneOf(
                Arbitraries.bytes().array(byte[].class).ofMaxSize(64),
                Arbitraries.bytes().array(byte[].class).ofMinSize(Wire.MAX_CHUNK_PAYLOAD - 16)
                        .ofMaxSize(Wire.MAX_CHUNK_PAYLOAD));
    }

    @Provide
    Arbitrary<Frame.Hello> hellos() {
        return Combinators.combine(u8(), Arbitraries.longs(), utf8Strings(Wire.MAX_NAME_BYTES),
                        utf8Strings(Wire.MAX_MIME_BYTES), Arbitraries.longs())
                .as(Frame.Hello::new);
    }

    /** Well-formed strings (any code point, surrogate pairs included) up to {@code maxBytes} of UTF-8, maximal ones too. */
    private static Arbitrary<String> utf8Strings(int maxBytes) {
        Arbitrary<String> any = Arbitraries.integers()
                .between(0, Character.MAX_CODE_POINT)
                .filter(cp -> cp < Character.MIN_SURROGATE || cp > Character.MAX_SURROGATE)
                .list().ofMaxSize(maxBytes / 2)
                .map(cps -> {
                    StringBuilder sb = new StringBuilder();
                    for (int cp : cps) {
                        if (sb.toString().getBytes(StandardCharsets.UTF_8).length + Character.toString(cp)
                                .getBytes(StandardCharsets.UTF_8).length > maxBytes) {
                            break;
                        }
                        sb.appendCodePoint(cp);
                    }
                    return sb.toString();
                });
        Arbitrary<String> maximal = Arbitraries.of("a".repeat(maxBytes), "é".repeat(maxBytes / 2) + "a".repeat(maxBytes % 2),
                "😀".repeat(maxBytes / 4) + "a".repeat(maxBytes % 4));
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(8, any), net.jqwik.api.Tuple.of(1, maximal), net.jqwik.api.Tuple.of(1, Arbitraries.just("")));
    }
}
