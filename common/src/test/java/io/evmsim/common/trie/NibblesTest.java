package io.evmsim.common.trie;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.evmsim.common.bytes.Hex;
import org.junit.jupiter.api.Test;

/** The hex-prefix examples of the Yellow Paper's appendix C. */
class NibblesTest {
    @Test
    void encodesPathsWithParityAndLeafFlags() {
        assertHexPrefix("0x00012345", new byte[] {0, 1, 2, 3, 4, 5}, false);
        assertHexPrefix("0x112345", new byte[] {1, 2, 3, 4, 5}, false);
        assertHexPrefix("0x200f1cb8", new byte[] {0, 15, 1, 12, 11, 8}, true);
        assertHexPrefix("0x3f1cb8", new byte[] {15, 1, 12, 11, 8}, true);
        assertHexPrefix("0x20", new byte[0], true);
    }

    @Test
    void decodesWhatItEncodes() {
        for (int length = 0; length < 9; length++) {
            byte[] nibbles = new byte[length];
            for (int i = 0; i < length; i++) {
                nibbles[i] = (byte) ((i * 7 + length) & 0x0f);
            }
            for (boolean leaf : new boolean[] {true, false}) {
                Nibbles.Path path = Nibbles.decodeHexPrefix(Nibbles.hexPrefix(nibbles, 0, length, leaf));
                assertArrayEquals(nibbles, path.nibbles());
                assertEquals(leaf, path.leaf());
            }
        }
    }

    @Test
    void rejectsImpossibleFlagsAndPadding() {
        assertNull(Nibbles.decodeHexPrefix(Hex.decode("0x40")));
        assertNull(Nibbles.decodeHexPrefix(Hex.decode("0x0a12")));
        assertNull(Nibbles.decodeHexPrefix(new byte[0]));
    }

    private static void assertHexPrefix(String expected, byte[] nibbles, boolean leaf) {
        assertEquals(expected, Hex.encode(Nibbles.hexPrefix(nibbles, 0, nibbles.length, leaf)));
    }
}
