package io.puredc.sctp.packet;

/**
 * The value part of a type-length-value element (chunk, parameter or error cause): its size is
 * known before writing, so a whole packet is encoded into one pre-sized array.
 */
public interface SerializableTlv {
    /** Bytes of the value, without the 4-byte header and without trailing padding. */
    int valueSize();

    /** Writes exactly {@link #valueSize()} bytes. */
    void writeValueTo(ByteWriter out);
}
