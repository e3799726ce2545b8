package io.puredc.dtls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** RFC 5763 §5 / RFC 4145 §4: a=setup to DTLS role. */
class DtlsRoleTest {

    @Test
    void remoteActiveMakesUsTheServer() {
        assertEquals(DtlsRole.SERVER, DtlsRole.fromRemoteSetup("active"));
    }

    @Test
    void remotePassiveMakesUsTheClient() {
        assertEquals(DtlsRole.CLIENT, DtlsRole.fromRemoteSetup("passive"));
    }

    @Test
    void remoteActpassMeansWeAnswerActiveAndConnect() {
        DtlsRole role = DtlsRole.fromRemoteSetup("actpass");
        assertEquals(DtlsRole.CLIENT, role);
        assertEquals("active", role.localSetupForAnswer());
        assertEquals("passive", DtlsRole.SERVER.localSetupForAnswer());
    }

    @Test
    void valuesAreCaseInsensitiveAndTrimmed() {
        assertEquals(DtlsRole.SERVER, DtlsRole.fromRemoteSetup(" ACTIVE "));
    }

    @Test
    void holdconnAndUnknownValuesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> DtlsRole.fromRemoteSetup("holdconn"));
        assertThrows(IllegalArgumentException.class, () -> DtlsRole.fromRemoteSetup("sideways"));
        assertThrows(IllegalArgumentException.class, () -> DtlsRole.fromRemoteSetup(null));
    }
}
