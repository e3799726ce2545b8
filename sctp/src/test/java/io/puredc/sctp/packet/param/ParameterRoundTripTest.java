package io.puredc.sctp.packet.param;

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

class ParameterRoundTripTest {
    @Provide
    Arbitrary<Parameter> parameters() {
        return Generators.parameter();
    }

    @Provide
    Arbitrary<List<Parameter>> parameterLists() {
        return Generators.parameter().list().ofMaxSize(5);
    }

    @Property
    void everyParameterRoundTrips(@ForAll("parameters") Parameter p) throws ParseException {
        byte[] bytes = p.toBytes();
        assertEquals(0, bytes.length % 4, "padded to 4 bytes");
        assertEquals(p.paddedSize(), bytes.length);
        assertEquals(List.of(p), Parameter.parseAll(ByteReader.of(bytes)));
    }

    @Property
    void listsRoundTripWithTheLastPaddingLeftToTheContainer(
            @ForAll("parameterLists") List<Parameter> ps) throws ParseException {
        int size = Parameter.listSize(ps);
        ByteWriter out = new ByteWriter(size);
        Parameter.writeAll(ps, out);
        assertEquals(size, out.position());
        assertEquals(ps, Parameter.parseAll(ByteReader.of(out.toByteArray())));
    }
}
