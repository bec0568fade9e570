package io.evmsim.common.trie;

import static io.evmsim.common.trie.MerklePatriciaTrieTest.ascii;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evmsim.common.crypto.Keccak;
import io.evmsim.common.rlp.Rlp;
import io.evmsim.common.types.Hash;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MerkleProofTest {
    @Test
    void provesEveryKeyOfAHashedTrie() {
        MerklePatriciaTrie trie = new MerklePatriciaTrie();
        List<byte[]> keys = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            byte[] key = Keccak.keccak256(Rlp.encodeLong(i));
            keys.add(key);
            trie.put(key, Rlp.encodeLong(i + 1));
        }
        Hash root = trie.root();
        for (int i = 0; i < keys.size(); i++) {
            Optional<byte[]> value = MerkleProof.verify(root, keys.get(i), trie.proof(keys.get(i)));
            assertArrayEquals(Rlp.encodeLong(i + 1), value.orElseThrow());
        }
    }

    @Test
    void provesAbsence() {
        MerklePatriciaTrie trie = new MerklePatriciaTrie();
        for (int i = 0; i < 200; i++) {
            trie.put(Keccak.keccak256(Rlp.encodeLong(i)), Rlp.encodeLong(i + 1));
        }
        Hash root = trie.root();
        for (int i = 200; i < 300; i++) {
            byte[] absent = Keccak.keccak256(Rlp.encodeLong(i));
            assertTrue(MerkleProof.verify(root, absent, trie.proof(absent)).isEmpty());
        }
    }

    @Test
    void handlesEmbeddedNodesAndValuesInBranches() {
        // The whole foo/food trie is under 32 bytes per node: children are embedded in the root.
        MerklePatriciaTrie trie = new MerklePatriciaTrie().put(ascii("foo"), ascii("bar")).put(ascii("food"), ascii("bass"));
        Hash root = trie.root();
        assertEquals(1, trie.proof(ascii("foo")).size());
        assertArrayEquals(ascii("bar"), MerkleProof.verify(root, ascii("foo"), trie.proof(ascii("foo"))).orElseThrow());
        assertArrayEquals(ascii("bass"), MerkleProof.verify(root, ascii("food"), trie.proof(ascii("food"))).orElseThrow());
        assertTrue(MerkleProof.verify(root, ascii("fo"), trie.proof(ascii("fo"))).isEmpty());
        assertTrue(MerkleProof.verify(root, ascii("foods"), trie.proof(ascii("foods"))).isEmpty());
        assertTrue(MerkleProof.verify(root, ascii("bar"), trie.proof(ascii("bar"))).isEmpty());
    }

    @Test
    void provesKeysOfVaryingLengths() {
        Random random = new Random(3);
        MerklePatriciaTrie trie = new MerklePatriciaTrie();
        List<byte[]> keys = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            byte[] key = new byte[1 + random.nextInt(3)];
            random.nextBytes(key);
            keys.add(key);
            trie.put(key, key.length == 1 ? key : Keccak.keccak256(key));
        }
        Hash root = trie.root();
        for (byte[] key : keys) {
            byte[] expected = key.length == 1 ? key : Keccak.keccak256(key);
            assertArrayEquals(expected, MerkleProof.verify(root, key, trie.proof(key)).orElseThrow());
        }
    }

    @Test
    void emptyTrieProvesAbsenceWithAnEmptyProof() {
        assertTrue(new MerklePatriciaTrie().proof(new byte[32]).isEmpty());
        assertTrue(MerkleProof.verify(Hash.EMPTY_TRIE, new byte[32], List.of()).isEmpty());
    }

    @Test
    void rejectsProofsThatDoNotMatchTheRoot() {
        MerklePatriciaTrie trie = new MerklePatriciaTrie();
        for (int i = 0; i < 100; i++) {
            trie.put(Keccak.keccak256(Rlp.encodeLong(i)), Keccak.keccak256(Rlp.encodeLong(i)));
        }
        byte[] key = Keccak.keccak256(Rlp.encodeLong(7));
        List<byte[]> proof = trie.proof(key);
        Hash root = trie.root();

        InvalidProofException wrongRoot = assertThrows(InvalidProofException.class,
                () -> MerkleProof.verify(Keccak.hash(ascii("other")), key, proof));
        assertTrue(wrongRoot.getMessage().contains("lacks the node with hash"), wrongRoot.getMessage());

        List<byte[]> truncated = proof.subList(0, proof.size() - 1);
        assertThrows(InvalidProofException.class, () -> MerkleProof.verify(root, key, truncated));

        List<byte[]> tampered = new ArrayList<>(proof);
        byte[] leaf = tampered.getLast().clone();
        leaf[leaf.length - 1] ^= 1;
        tampered.set(tampered.size() - 1, leaf);
        assertThrows(InvalidProofException.class, () -> MerkleProof.verify(root, key, tampered));
    }

    @Test
    void rejectsMalformedNodes() {
        byte[] notAList = Rlp.encodeBytes(new byte[40]);
        InvalidProofException e = assertThrows(InvalidProofException.class,
                () -> MerkleProof.verify(Keccak.hash(notAList), new byte[32], List.of(notAList)));
        assertTrue(e.getMessage().contains("neither a branch"), e.getMessage());

        byte[] badPath = Rlp.encodeList(Rlp.encodeBytes(new byte[] {0x40, 1}), Rlp.encodeBytes(new byte[40]));
        e = assertThrows(InvalidProofException.class,
                () -> MerkleProof.verify(Keccak.hash(badPath), new byte[32], List.of(badPath)));
        assertTrue(e.getMessage().contains("invalid hex-prefix path"), e.getMessage());

        byte[] badRlp = {(byte) 0xf8, 0x40, 1};
        e = assertThrows(InvalidProofException.class,
                () -> MerkleProof.verify(Keccak.hash(badRlp), new byte[32], List.of(badRlp)));
        assertTrue(e.getMessage().contains("malformed node"), e.getMessage());
    }
}
