package io.puredc.ice;

import java.net.InetAddress;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AddressParsingTest {

    @Test
    void ipLiteralsParseAndNamesDoNot() {
        assertEquals("127.0.0.1", IpLiterals.parse("127.0.0.1").getHostAddress());
        assertEquals("0:0:0:0:0:0:0:1", IpLiterals.parse("::1").getHostAddress());
        // Forms the JDK would accept (legacy IPv4) or resolve (names) must not become addresses.
        assertNull(IpLiterals.parse("127.1"));
        assertNull(IpLiterals.parse("1.2.3.256"));
        assertNull(IpLiterals.parse("localhost"));
        assertNull(IpLiterals.parse("abc.local"));
        assertNull(IpLiterals.parse("fe80::1%eth0"));
        assertNull(IpLiterals.parse("1:2:3"));
    }

    @Test
    void filterAcceptsOnlyItsBlocksAndFamilies() throws Exception {
        AddressFilter f = AddressFilter.of("127.0.0.0/8", "10.233.0.0/24");
        assertTrue(f.test(InetAddress.getByName("127.0.0.1")));
        assertTrue(f.test(InetAddress.getByName("127.255.0.9")));
        assertTrue(f.test(InetAddress.getByName("10.233.0.2")));
        assertFalse(f.test(InetAddress.getByName("10.233.1.2")));
        assertFalse(f.test(InetAddress.getByName("192.0.2.1")));
        assertFalse(f.test(InetAddress.getByName("::1")));
        AddressFilter odd = AddressFilter.of("10.233.0.0/23", "::1/128");
        assertTrue(odd.test(InetAddress.getByName("10.233.1.200")));
        assertFalse(odd.test(InetAddress.getByName("10.233.2.1")));
        assertTrue(odd.test(InetAddress.getByName("::1")));
        assertThrows(IllegalArgumentException.class, () -> AddressFilter.of("10.0.0.0"));
        assertThrows(IllegalArgumentException.class, () -> AddressFilter.of("10.0.0.0/33"));
        assertThrows(IllegalArgumentException.class, () -> AddressFilter.of("example.com/8"));
    }
}
