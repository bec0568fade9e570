package io.evmsim.common.trie;

import io.evmsim.common.crypto.Keccak;
import io.evmsim.common.rlp.Rlp;
import java.util.Arrays;

/** RLP encodings of the three trie node kinds, and how a parent refers to a child. */
final class TrieNodes {
    static final int BRANCH_WIDTH = 16;
    /** Yellow Paper, appendix D: a node whose RLP is shorter than this is embedded in its parent. */
    static final int EMBED_LIMIT = 32;

    private TrieNodes() {
    }

    static byte[] leaf(byte[] nibbles, int from, byte[] value) {
        return Rlp.encodeList(Rlp.encodeBytes(Nibbles.hexPrefix(nibbles, from, nibbles.length, true)),
                Rlp.encodeBytes(value));
    }

    static byte[] extension(byte[] nibbles, int from, int to, byte[] childReference) {
        return Rlp.encodeList(Rlp.encodeBytes(Nibbles.hexPrefix(nibbles, from, to, false)), childReference);
    }

    /** {@code childReferences} has 16 entries, null for an absent child; {@code value} may be null. */
    static byte[] branch(byte[][] childReferences, byte[] value) {
        byte[][] items = new byte[BRANCH_WIDTH + 1][];
        for (int i = 0; i < BRANCH_WIDTH; i++) {
            items[i] = childReferences[i] == null ? Rlp.EMPTY_STRING : childReferences[i];
        }
        items[BRANCH_WIDTH] = value == null ? Rlp.EMPTY_STRING : Rlp.encodeBytes(value);
        return Rlp.encodeList(Arrays.asList(items));
    }

    /** The node itself when small, otherwise the RLP string of its Keccak-256 hash. */
    static byte[] reference(byte[] encodedNode) {
        return encodedNode.length < EMBED_LIMIT ? encodedNode : Rlp.encodeBytes(Keccak.keccak256(encodedNode));
    }
}
