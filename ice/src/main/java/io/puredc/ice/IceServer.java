package io.puredc.ice;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * A STUN or TURN (UDP) server the user configured; these are the only servers the agent contacts.
 * The address must already be resolved: resolving a name is a blocking DNS look-up, which belongs
 * on the caller's thread, not inside the ICE agent.
 */
public record IceServer(Kind kind, InetSocketAddress address, String username, String password) {

    public enum Kind {
        /** Binding requests for a server-reflexive candidate (RFC 8489). */
        STUN,
        /** An allocation over UDP for a relayed candidate (RFC 8656); long-term credentials. */
        TURN_UDP
    }

    public IceServer {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(address, "address");
        if (address.isUnresolved()) {
            throw new IllegalArgumentException("resolve the server address before configuring it: " + address);
        }
        if (kind == Kind.TURN_UDP && (username == null || password == null)) {
            throw new IllegalArgumentException("a TURN server needs a username and a password");
        }
    }

    public static IceServer stun(InetSocketAddress address) {
        return new IceServer(Kind.STUN, address, null, null);
    }

    public static IceServer turnUdp(InetSocketAddress address, String username, String password) {
        return new IceServer(Kind.TURN_UDP, address, username, password);
    }

    @Override
    public String toString() {
        // Never print the TURN password.
        return kind + " " + address.getAddress().getHostAddress() + ":" + address.getPort();
    }
}
