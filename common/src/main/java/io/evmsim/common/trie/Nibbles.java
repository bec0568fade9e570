package io.evmsim.common.trie;

import java.util.Arrays;

/**
 * Trie paths as nibble arrays (one 4-bit value per byte, high nibble first) and their hex-prefix
 * encoding (Yellow Paper, appendix C), which packs a path into bytes and flags whether the node is
 * a leaf.
 */
final class Nibbles {
    private static final int LEAF_FLAG = 2;
    private static final int ODD_FLAG = 1;

    private Nibbles() {
    }

    static byte[] fromBytes(byte[] key) {
        byte[] nibbles = new byte[key.length * 2];
        for (int i = 0; i < key.length; i++) {
            nibbles[2 * i] = (byte) ((key[i] >>> 4) & 0x0f);
            nibbles[2 * i + 1] = (byte) (key[i] & 0x0f);
        }
        return nibbles;
    }

    /** Hex-prefix encoding of {@code nibbles[from, to)}. */
    static byte[] hexPrefix(byte[] nibbles, int from, int to, boolean leaf) {
        int length = to - from;
        boolean odd = (length & 1) == 1;
        int flags = (leaf ? LEAF_FLAG : 0) | (odd ? ODD_FLAG : 0);
        byte[] out = new byte[length / 2 + 1];
        int position = from;
        // An odd path puts its first nibble next to the flags; an even one pads with a zero nibble.
        out[0] = (byte) (flags << 4 | (odd ? nibbles[position++] : 0));
        for (int i = 1; i < out.length; i++) {
            out[i] = (byte) (nibbles[position] << 4 | nibbles[position + 1]);
            position += 2;
        }
        return out;
    }

    /** A decoded hex-prefix path; null from {@link #decodeHexPrefix} when the flags are invalid. */
    record Path(byte[] nibbles, boolean leaf) {
    }

    static Path decodeHexPrefix(byte[] encoded) {
        if (encoded.length == 0) {
            return null;
        }
        int flags = (encoded[0] >>> 4) & 0x0f;
        if (flags > (LEAF_FLAG | ODD_FLAG)) {
            return null;
        }
        boolean odd = (flags & ODD_FLAG) != 0;
        if (!odd && (encoded[0] & 0x0f) != 0) {
            return null;
        }
        byte[] all = fromBytes(encoded);
        int skip = odd ? 1 : 2;
        byte[] nibbles = Arrays.copyOfRange(all, skip, all.length);
        return new Path(nibbles, (flags & LEAF_FLAG) != 0);
    }
}
