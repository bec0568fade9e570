package io.evmsim.common.trie;

import io.evmsim.common.crypto.Keccak;
import io.evmsim.common.rlp.RlpDecoder;
import io.evmsim.common.rlp.RlpException;
import io.evmsim.common.rlp.RlpItem;
import io.evmsim.common.types.Hash;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Verifies Merkle-Patricia proofs as eth_getProof (EIP-1186) returns them: the RLP of the nodes
 * on the path from the root to the key. Nodes are looked up by their hash, so their order does not
 * matter and extra nodes are ignored; every node actually needed must be present.
 */
public final class MerkleProof {
    private static final int BRANCH_ITEMS = TrieNodes.BRANCH_WIDTH + 1;

    private MerkleProof() {
    }

    /**
     * The value stored under {@code key} in the trie with this root, or empty when the proof shows
     * the key is absent.
     *
     * @throws InvalidProofException when the proof lacks a node on the path or holds a malformed one
     */
    public static Optional<byte[]> verify(Hash root, byte[] key, List<byte[]> proofNodes) {
        Map<Hash, byte[]> nodesByHash = new HashMap<>();
        for (byte[] node : proofNodes) {
            nodesByHash.put(Keccak.hash(node), node);
        }
        return verify(root, key, nodesByHash::get);
    }

    /**
     * As {@link #verify(Hash, byte[], List)}, with the nodes looked up by hash in {@code nodesByHash} (null for a
     * node it lacks): a store of content-addressed nodes, or a stateless witness. The caller vouches that each node
     * hashes to the hash it is found by.
     */
    public static Optional<byte[]> verify(Hash root, byte[] key, Function<Hash, byte[]> nodesByHash) {
        if (root.equals(Hash.EMPTY_TRIE)) {
            return Optional.empty();
        }
        byte[] path = Nibbles.fromBytes(key);
        int depth = 0;
        RlpItem node = decodeNode(lookUp(nodesByHash, root, depth), depth);
        while (node != null) {
            if (node.size() == BRANCH_ITEMS) {
                if (depth == path.length) {
                    return valueOf(node.get(TrieNodes.BRANCH_WIDTH));
                }
                node = child(nodesByHash, node.get(path[depth]), depth + 1);
                depth++;
                continue;
            }
            Nibbles.Path nodePath = shortNodePath(node, depth);
            int end = depth + nodePath.nibbles().length;
            boolean matches = end <= path.length && Arrays.equals(path, depth, end, nodePath.nibbles(), 0,
                    nodePath.nibbles().length);
            if (nodePath.leaf()) {
                return matches && end == path.length ? valueOf(node.get(1)) : Optional.empty();
            }
            if (!matches) {
                return Optional.empty();
            }
            depth = end;
            node = child(nodesByHash, node.get(1), depth);
        }
        return Optional.empty();
    }

    /** The node a reference points to, or null for an empty branch slot. */
    private static RlpItem child(Function<Hash, byte[]> nodesByHash, RlpItem reference, int depth) {
        if (reference.isList()) {
            if (reference.encodedLength() >= TrieNodes.EMBED_LIMIT) {
                throw new InvalidProofException("node of " + reference.encodedLength()
                        + " bytes embedded at depth " + depth + "; only nodes under 32 bytes may be");
            }
            return checkShape(reference, depth);
        }
        if (reference.isEmptyString()) {
            return null;
        }
        if (reference.byteLength() != Hash.SIZE) {
            throw new InvalidProofException("child reference at depth " + depth + " is neither a hash nor a node: "
                    + reference);
        }
        return decodeNode(lookUp(nodesByHash, reference.asHash(), depth), depth);
    }

    private static byte[] lookUp(Function<Hash, byte[]> nodesByHash, Hash hash, int depth) {
        byte[] node = nodesByHash.apply(hash);
        if (node == null) {
            throw new InvalidProofException("proof lacks the node with hash " + hash + " at depth " + depth);
        }
        return node;
    }

    private static RlpItem decodeNode(byte[] encoded, int depth) {
        try {
            return checkShape(RlpDecoder.decode(encoded), depth);
        } catch (RlpException e) {
            throw new InvalidProofException("malformed node at depth " + depth + ": " + e.getMessage(), e);
        }
    }

    private static RlpItem checkShape(RlpItem node, int depth) {
        if (!node.isList() || (node.size() != BRANCH_ITEMS && node.size() != 2)) {
            throw new InvalidProofException("node at depth " + depth + " is neither a branch of 17 items nor a leaf"
                    + " or extension of 2: " + node);
        }
        return node;
    }

    private static Nibbles.Path shortNodePath(RlpItem node, int depth) {
        RlpItem encodedPath = node.get(0);
        Nibbles.Path path = encodedPath.isList() ? null : Nibbles.decodeHexPrefix(encodedPath.bytes());
        if (path == null) {
            throw new InvalidProofException("invalid hex-prefix path " + encodedPath + " at depth " + depth);
        }
        return path;
    }

    private static Optional<byte[]> valueOf(RlpItem value) {
        if (value.isList()) {
            throw new InvalidProofException("trie value is a list, not a byte string: " + value);
        }
        return value.isEmptyString() ? Optional.empty() : Optional.of(value.bytes());
    }
}
