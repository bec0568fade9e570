package io.evmsim.common.trie;

import io.evmsim.common.crypto.Keccak;
import io.evmsim.common.types.Hash;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Computes Merkle-Patricia trie roots (Yellow Paper, appendix D) and inclusion proofs from a set
 * of key/value pairs. Nothing is stored as nodes: {@link #root()} sorts the keys and builds each
 * node from the range of keys below it in one pass, which is linear in the number of keys after
 * sorting and allocates only the node encodings.
 *
 * <p>Keys are arbitrary byte strings (for the state and storage tries, Keccak-256 hashes); values
 * are stored as given, so state and storage values must already be RLP-encoded. Not thread-safe.
 */
public final class MerklePatriciaTrie {
    private final TreeMap<byte[], byte[]> entries = new TreeMap<>(Arrays::compareUnsigned);

    /** Sets the value of a key; an empty value removes the key, as in every Ethereum trie. */
    public MerklePatriciaTrie put(byte[] key, byte[] value) {
        if (value.length == 0) {
            entries.remove(key);
        } else {
            entries.put(key.clone(), value.clone());
        }
        return this;
    }

    public int size() {
        return entries.size();
    }

    /** The root of a trie holding these entries (any Map; keys are compared by content). */
    public static Hash root(Map<byte[], byte[]> entries) {
        MerklePatriciaTrie trie = new MerklePatriciaTrie();
        entries.forEach(trie::put);
        return trie.root();
    }

    public Hash root() {
        if (entries.isEmpty()) {
            return Hash.EMPTY_TRIE;
        }
        return Keccak.hash(new NodeBuilder(null).node(0, entries.size(), 0));
    }

    /**
     * The proof for a key as eth_getProof (EIP-1186) returns it: the RLP of each node on the path
     * from the root towards the key, root first, leaving out nodes embedded in their parent. When
     * the key is absent the path ends where the trie shows that it is absent. The empty trie has an
     * empty proof. Each call walks all entries (linear time), like {@link #root()}.
     */
    public List<byte[]> proof(byte[] key) {
        if (entries.isEmpty()) {
            return List.of();
        }
        List<byte[]> nodesFromLeaf = new ArrayList<>();
        byte[] rootNode = new NodeBuilder(new ProofPath(Nibbles.fromBytes(key), nodesFromLeaf))
                .node(0, entries.size(), 0);
        // The root is hashed into the block header whatever its size, so a proof always starts with it.
        if (rootNode.length < TrieNodes.EMBED_LIMIT) {
            nodesFromLeaf.add(rootNode);
        }
        Collections.reverse(nodesFromLeaf);
        return nodesFromLeaf;
    }

    /** The key a proof is built for, and the hashed nodes met on its path, leaf first. */
    private record ProofPath(byte[] nibbles, List<byte[]> nodes) {
        boolean follows(byte[] keyNibbles, int from, int to) {
            return nibbles.length >= to && Arrays.equals(nibbles, from, to, keyNibbles, from, to);
        }

        void record(byte[] encodedNode) {
            if (encodedNode.length >= TrieNodes.EMBED_LIMIT) {
                nodes.add(encodedNode);
            }
        }
    }

    /** Builds nodes over the sorted entries; records the proof path's nodes when there is one. */
    private final class NodeBuilder {
        private final byte[][] keys;
        private final byte[][] values;
        private final ProofPath proofPath;

        NodeBuilder(ProofPath proofPath) {
            keys = new byte[entries.size()][];
            values = new byte[entries.size()][];
            int i = 0;
            for (Map.Entry<byte[], byte[]> entry : entries.entrySet()) {
                keys[i] = Nibbles.fromBytes(entry.getKey());
                values[i] = entry.getValue();
                i++;
            }
            this.proofPath = proofPath;
        }

        /**
         * The encoded node holding keys {@code [from, to)}, which all share their first {@code depth}
         * nibbles. {@code onPath} tracks whether the proof key shares them too.
         */
        byte[] node(int from, int to, int depth) {
            return node(from, to, depth, proofPath != null);
        }

        private byte[] node(int from, int to, int depth, boolean onPath) {
            if (to - from == 1) {
                return recordIfOnPath(TrieNodes.leaf(keys[from], depth, values[from]), onPath);
            }
            int shared = sharedPrefixLength(keys[from], keys[to - 1], depth);
            if (shared == 0) {
                return branch(from, to, depth, onPath);
            }
            int branchDepth = depth + shared;
            boolean branchOnPath = onPath && proofPath.follows(keys[from], depth, branchDepth);
            byte[] branch = branch(from, to, branchDepth, branchOnPath);
            byte[] extension = TrieNodes.extension(keys[from], depth, branchDepth, TrieNodes.reference(branch));
            return recordIfOnPath(extension, onPath);
        }

        private byte[] branch(int from, int to, int depth, boolean onPath) {
            byte[] value = null;
            // Sorting puts a key that ends at this branch first; its value lives in the branch itself.
            if (keys[from].length == depth) {
                value = values[from];
                from++;
            }
            byte[][] children = new byte[TrieNodes.BRANCH_WIDTH][];
            int childStart = from;
            while (childStart < to) {
                int nibble = keys[childStart][depth];
                int childEnd = childStart + 1;
                while (childEnd < to && keys[childEnd][depth] == nibble) {
                    childEnd++;
                }
                boolean childOnPath = onPath && proofPath.nibbles.length > depth && proofPath.nibbles[depth] == nibble;
                children[nibble] = TrieNodes.reference(node(childStart, childEnd, depth + 1, childOnPath));
                childStart = childEnd;
            }
            return recordIfOnPath(TrieNodes.branch(children, value), onPath);
        }

        private byte[] recordIfOnPath(byte[] encoded, boolean onPath) {
            if (onPath) {
                proofPath.record(encoded);
            }
            return encoded;
        }

        private static int sharedPrefixLength(byte[] a, byte[] b, int from) {
            int limit = Math.min(a.length, b.length);
            int i = from;
            while (i < limit && a[i] == b[i]) {
                i++;
            }
            return i - from;
        }
    }
}
