package io.puredc.sctp.packet.cause;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.puredc.sctp.packet.ByteReader;
import io.puredc.sctp.packet.ByteWriter;
import io.puredc.sctp.packet.Generators;
import io.puredc.sctp.packet.ParseException;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class ErrorCauseRoundTripTest {
    @Provide
    Arbitrary<ErrorCause> causes() {
        return Generators.cause();
    }

    @Provide
    Arbitrary<List<ErrorCause>> causeLists() {
        return Generators.cause().list().ofMaxSize(5);
    }

    @Property
    void everyCauseRoundTrips(@ForAll("causes") ErrorCause c) throws ParseException {
        byte[] bytes = c.toBytes();
        assertEquals(0, bytes.length % 4, "padded to 4 bytes");
        assertEquals(List.of(c), ErrorCause.parseAll(ByteReader.of(bytes)));
    }

    @Property
    void listsRoundTrip(@ForAll("causeLists") List<ErrorCause> cs) throws ParseException {
        ByteWriter out = new ByteWriter(ErrorCause.listSize(cs));
        ErrorCause.writeAll(cs, out);
        assertEquals(cs, ErrorCause.parseAll(ByteReader.of(out.toByteArray())));
    }
}
