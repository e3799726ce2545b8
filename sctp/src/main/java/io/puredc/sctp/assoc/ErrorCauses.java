package io.puredc.sctp.assoc;

import io.puredc.sctp.packet.cause.ErrorCause;
import io.puredc.sctp.packet.cause.ProtocolViolationCause;
import io.puredc.sctp.packet.cause.UserInitiatedAbortCause;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Human-readable text for the error causes of an ABORT or ERROR chunk (RFC 9260 §3.3.10). */
final class ErrorCauses {
    private ErrorCauses() {}

    static String describe(List<ErrorCause> causes) {
        if (causes.isEmpty()) {
            return "no cause given";
        }
        StringBuilder sb = new StringBuilder();
        for (ErrorCause cause : causes) {
            if (sb.length() > 0) {
                sb.append("; ");
            }
            if (cause instanceof UserInitiatedAbortCause u) {
                sb.append("user abort: ").append(new String(u.reason().toByteArray(), StandardCharsets.UTF_8));
            } else if (cause instanceof ProtocolViolationCause v) {
                sb.append("protocol violation: ").append(
                        new String(v.additionalInformation().toByteArray(), StandardCharsets.UTF_8));
            } else {
                sb.append(cause);
            }
        }
        return sb.toString();
    }
}
