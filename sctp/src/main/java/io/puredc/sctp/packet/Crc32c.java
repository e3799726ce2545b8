package io.puredc.sctp.packet;

import java.util.zip.CRC32C;

/**
 * The SCTP checksum (RFC 9260 §6.8, Appendix A): CRC32c over the whole packet with the checksum
 * field taken as zero. The 32-bit CRC is stored least significant byte first — the reflected
 * CRC's natural bit order, which Appendix A's reference code reaches with its byte swap before
 * the network-order store — unlike every other field of the packet. UsrsctpCaptureTest checks
 * this against packets written by usrsctp.
 */
public final class Crc32c {
    /** Offset of the checksum field in the common header (§3.1). */
    public static final int CHECKSUM_OFFSET = 8;
    private static final byte[] ZEROS = new byte[4];

    private Crc32c() {}

    /** The checksum of a packet, reading its checksum field as zero without changing the array. */
    public static int compute(byte[] packet, int offset, int length) {
        if (length < CHECKSUM_OFFSET + 4) {
            throw new IllegalArgumentException("shorter than a common header: " + length);
        }
        CRC32C crc = new CRC32C();
        crc.update(packet, offset, CHECKSUM_OFFSET);
        crc.update(ZEROS, 0, 4);
        crc.update(packet, offset + CHECKSUM_OFFSET + 4, length - CHECKSUM_OFFSET - 4);
        return (int) crc.getValue();
    }

    /** The checksum field as stored (least significant byte first). */
    public static int load(byte[] packet, int offset) {
        int at = offset + CHECKSUM_OFFSET;
        return (packet[at] & 0xFF) | (packet[at + 1] & 0xFF) << 8
                | (packet[at + 2] & 0xFF) << 16 | (packet[at + 3] & 0xFF) << 24;
    }

    public static void store(byte[] packet, int offset, int crc) {
        int at = offset + CHECKSUM_OFFSET;
        packet[at] = (byte) crc;
        packet[at + 1] = (byte) (crc >>> 8);
        packet[at + 2] = (byte) (crc >>> 16);
        packet[at + 3] = (byte) (crc >>> 24);
    }
}
