package io.puredc.fuzz;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Havoc-style mutations (after AFL's havoc stage): one to eight stacked edits of a corpus entry.
 * Length fields are where decoders break, so 16- and 32-bit big-endian values near the edges
 * (0, 1, 0x7F.., 0x80.., 0xFF.., the input's own length and neighbours) get their own edits.
 */
final class Mutator {
    private static final int[] INTERESTING_8 = {0, 1, 0x7F, 0x80, 0xFF, 16, 32, 64, 100, 127};
    private static final int[] INTERESTING_16 = {0, 1, 0x7FFF, 0x8000, 0xFFFF, 0xFF, 0x100, 1024, 4096, 16384,
        65535, 12, 16, 20};
    private static final long[] INTERESTING_32 = {0, 1, 0x7FFF_FFFFL, 0x8000_0000L, 0xFFFF_FFFFL, 0xFFFF, 0x10000,
        16384, 65536, 0x00FF_FFFFL};

    private Mutator() {
    }

    static byte[] mutate(byte[] seed, List<byte[]> corpus, SplittableRandom rnd, int maxLength) {
        byte[] b = seed.length > maxLength ? Arrays.copyOf(seed, maxLength) : seed.clone();
        int edits = 1 + rnd.nextInt(8);
        for (int e = 0; e < edits; e++) {
            b = edit(b, corpus, rnd, maxLength);
        }
        return b;
    }

    private static byte[] edit(byte[] b, List<byte[]> corpus, SplittableRandom rnd, int maxLength) {
        int op = rnd.nextInt(12);
        if (b.length == 0 && op <= 7) {
            op = 8; // nothing to change in place: grow it
        }
        switch (op) {
            case 0 -> b[rnd.nextInt(b.length)] ^= (byte) (1 << rnd.nextInt(8));
            case 1 -> b[rnd.nextInt(b.length)] = (byte) INTERESTING_8[rnd.nextInt(INTERESTING_8.length)];
            case 2 -> b[rnd.nextInt(b.length)] += (byte) (rnd.nextInt(35) - 17);
            case 3 -> {
                if (b.length >= 2) {
                    int v = rnd.nextInt(4) == 0 ? b.length + rnd.nextInt(9) - 4
                            : INTERESTING_16[rnd.nextInt(INTERESTING_16.length)];
                    put(b, rnd.nextInt(b.length - 1), v, 2);
                }
            }
            case 4 -> {
                if (b.length >= 4) {
                    long v = rnd.nextInt(4) == 0 ? b.length + rnd.nextInt(9) - 4
                            : INTERESTING_32[rnd.nextInt(INTERESTING_32.length)];
                    put(b, rnd.nextInt(b.length - 3), v, 4);
                }
            }
            case 5 -> {
                if (b.length >= 2) {
                    int at = rnd.nextInt(b.length - 1);
                    int v = ((b[at] & 0xFF) << 8 | (b[at + 1] & 0xFF)) + rnd.nextInt(33) - 16;
                    put(b, at, v, 2);
                }
            }
            case 6 -> {
                int at = rnd.nextInt(b.length);
                int n = 1 + rnd.nextInt(Math.min(32, b.length - at));
                for (int i = 0; i < n; i++) {
                    b[at + i] = (byte) rnd.nextInt(256);
                }
            }
            case 7 -> { // delete a range
                int at = rnd.nextInt(b.length);
                int n = 1 + rnd.nextInt(Math.min(64, b.length - at));
                byte[] out = new byte[b.length - n];
                System.arraycopy(b, 0, out, 0, at);
                System.arraycopy(b, at + n, out, at, b.length - at - n);
                return out;
            }
            case 8 -> { // insert random bytes
                int n = 1 + rnd.nextInt(32);
                byte[] ins = new byte[n];
                for (int i = 0; i < n; i++) {
                    ins[i] = (byte) rnd.nextInt(256);
                }
                return insert(b, rnd.nextInt(b.length + 1), ins, maxLength);
            }
            case 9 -> { // duplicate a range of its own
                if (b.length == 0) {
                    return b;
                }
                int at = rnd.nextInt(b.length);
                int n = 1 + rnd.nextInt(Math.min(256, b.length - at));
                return insert(b, rnd.nextInt(b.length + 1), Arrays.copyOfRange(b, at, at + n), maxLength);
            }
            case 10 -> { // truncate
                return b.length == 0 ? b : Arrays.copyOf(b, rnd.nextInt(b.length));
            }
            default -> { // splice: this one's head, another entry's tail
                byte[] other = corpus.get(rnd.nextInt(corpus.size()));
                int cut = b.length == 0 ? 0 : rnd.nextInt(b.length);
                int from = other.length == 0 ? 0 : rnd.nextInt(other.length);
                int tail = Math.min(other.length - from, maxLength - cut);
                byte[] out = Arrays.copyOf(b, cut + tail);
                System.arraycopy(other, from, out, cut, tail);
                return out;
            }
        }
        return b;
    }

    private static void put(byte[] b, int at, long v, int bytes) {
        for (int i = 0; i < bytes; i++) {
            b[at + i] = (byte) (v >>> (8 * (bytes - 1 - i)));
        }
    }

    private static byte[] insert(byte[] b, int at, byte[] ins, int maxLength) {
        int n = Math.min(ins.length, maxLength - b.length);
        if (n <= 0) {
            return b;
        }
        byte[] out = new byte[b.length + n];
        System.arraycopy(b, 0, out, 0, at);
        System.arraycopy(ins, 0, out, at, n);
        System.arraycopy(b, at, out, at + n, b.length - at);
        return out;
    }
}
