package io.puredc.dtls;

import java.time.Duration;

import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsFatalAlertReceived;
import org.bouncycastle.tls.TlsTimeoutException;

/** Names why a BouncyCastle handshake failed, as a {@link DtlsHandshakeException} with its reason. */
final class HandshakeFailures {
    private HandshakeFailures() {
    }

    /** {@code e}: what BC's handshake threw; the lower transport's failure is found anywhere in its causes. */
    static DtlsHandshakeException classify(Throwable e, Duration handshakeTimeout) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof TransportException) {
                return new DtlsHandshakeException(DtlsHandshakeException.Reason.CLOSED,
                        "lower transport failed during the handshake: " + c.getMessage(), e);
            }
        }
        if (e instanceof TlsTimeoutException) {
            return new DtlsHandshakeException(DtlsHandshakeException.Reason.TIMEOUT,
                    "no DTLS handshake within " + handshakeTimeout, e);
        }
        if (e instanceof TlsFatalAlertReceived) {
            short alert = ((TlsFatalAlertReceived) e).getAlertDescription();
            return new DtlsHandshakeException(DtlsHandshakeException.Reason.PEER_ALERT,
                    "peer aborted the handshake: " + AlertDescription.getText(alert), e);
        }
        if (e instanceof TlsFatalAlert) {
            short alert = ((TlsFatalAlert) e).getAlertDescription();
            return new DtlsHandshakeException(DtlsHandshakeException.Reason.PROTOCOL_ERROR,
                    "handshake aborted: " + AlertDescription.getText(alert), e);
        }
        return new DtlsHandshakeException(DtlsHandshakeException.Reason.INTERNAL,
                "handshake failed: " + e, e);
    }
}
