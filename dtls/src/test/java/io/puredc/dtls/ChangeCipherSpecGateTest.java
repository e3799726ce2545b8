package io.puredc.dtls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;

/** The early-ChangeCipherSpec gate on hand-built DTLS 1.2 records (RFC 6347 §4.1, §4.2.2). */
class ChangeCipherSpecGateTest {

    static byte[] record(int contentType, int epoch, byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(contentType);
        out.write(0xfe); // DTLS 1.2 = {254, 253}
        out.write(0xfd);
        out.write(epoch >> 8);
        out.write(epoch);
        out.writeBytes(new byte[6]); // sequence number
        out.write(body.length >> 8);
        out.write(body.length);
        out.writeBytes(body);
        return out.toByteArray();
    }

    /** One handshake fragment: type, total length, message_seq, offset, fragment bytes. */
    static byte[] fragment(int type, int length, int seq, int offset, int fragmentLength) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(type);
        uint24(out, length);
        out.write(seq >> 8);
        out.write(seq);
        uint24(out, offset);
        uint24(out, fragmentLength);
        out.writeBytes(new byte[fragmentLength]);
        return out.toByteArray();
    }

    static void uint24(ByteArrayOutputStream out, int v) {
        out.write(v >> 16);
        out.write(v >> 8);
        out.write(v);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    static final byte[] CCS = record(20, 0, new byte[] {1});
    static final byte[] FINISHED = record(22, 1, new byte[40]);
    static final byte[] CERTIFICATE = record(22, 0, fragment(11, 30, 1, 0, 30));
    static final byte[] CERTIFICATE_VERIFY = record(22, 0, fragment(15, 72, 3, 0, 72));

    static int admit(ChangeCipherSpecGate gate, byte[] datagram) {
        return gate.admit(datagram, datagram.length);
    }

    @Example
    void changeCipherSpecBeforeCertificateVerifyIsCutWithWhatFollows() {
        ChangeCipherSpecGate gate = new ChangeCipherSpecGate();
        assertEquals(0, admit(gate, CCS));
        byte[] certThenCcs = concat(CERTIFICATE, CCS, FINISHED);
        assertEquals(CERTIFICATE.length, admit(gate, certThenCcs));
        assertFalse(gate.isOpen());
    }

    @Example
    void changeCipherSpecAfterCertificateVerifyPasses() {
        ChangeCipherSpecGate gate = new ChangeCipherSpecGate();
        byte[] flight = concat(CERTIFICATE, CERTIFICATE_VERIFY, CCS, FINISHED);
        assertEquals(flight.length, admit(gate, flight));
        assertTrue(gate.isOpen());
        assertEquals(CCS.length, admit(gate, CCS));
    }

    @Example
    void fragmentedCertificateVerifyOpensOnlyWhenComplete() {
        ChangeCipherSpecGate gate = new ChangeCipherSpecGate();
        admit(gate, record(22, 0, fragment(15, 72, 3, 40, 32)));
        assertEquals(0, admit(gate, CCS), "first 40 bytes still missing");
        admit(gate, record(22, 0, fragment(15, 72, 3, 40, 32))); // duplicate adds nothing
        assertFalse(gate.isOpen());
        // Two fragments in one record (RFC 6347 §4.2.3 allows several per record).
        admit(gate, record(22, 0, concat(fragment(15, 72, 3, 0, 20), fragment(15, 72, 3, 20, 20))));
        assertTrue(gate.isOpen());
        assertEquals(CCS.length, admit(gate, CCS));
    }

    @Example
    void otherRecordsPassUntouched() {
        ChangeCipherSpecGate gate = new ChangeCipherSpecGate();
        byte[] appData = record(23, 1, new byte[100]);
        assertEquals(appData.length, admit(gate, appData));
        assertEquals(FINISHED.length, admit(gate, FINISHED));
        byte[] alert = record(21, 0, new byte[] {2, 40});
        assertEquals(alert.length, admit(gate, alert));
    }

    @Property
    void arbitraryBytesNeverThrowAndKeepAPrefix(@ForAll @Size(max = 300) byte[] datagram) {
        ChangeCipherSpecGate gate = new ChangeCipherSpecGate();
        int keep = gate.admit(datagram, datagram.length);
        assertTrue(keep >= 0 && keep <= datagram.length);
    }
}
