package io.puredc.sctp.packet;

import java.util.HexFormat;

/** Golden vectors are written as spaced hex so the layout reads like the RFC diagrams. */
public final class Hex {
    private Hex() {}

    public static byte[] bytes(String spacedHex) {
        return HexFormat.of().parseHex(spacedHex.replaceAll("\\s+", ""));
    }

    public static String of(byte[] bytes) {
        return HexFormat.ofDelimiter(" ").formatHex(bytes);
    }
}
