package io.evmsim.common.trie;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.evmsim.common.bytes.Hex;
import io.evmsim.common.crypto.Keccak;
import io.evmsim.common.types.Hash;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Roots from ethereum/tests TrieTests (trieanyorder.json, trieanyorder_secureTrie.json, trietest.json). */
class MerklePatriciaTrieTest {
    @Test
    void emptyTrieHasTheEmptyRoot() {
        assertEquals(Hash.EMPTY_TRIE, new MerklePatriciaTrie().root());
        assertEquals(Hash.EMPTY_TRIE, MerklePatriciaTrie.root(Map.of()));
    }

    @Test
    void singleEntries() {
        assertRoot("0xd23786fb4a010da3ce639d66d5e904a11dbc02746d1ce25029e53290cabf28ab", "A", "a".repeat(50));
        assertRoot("0x11a0327cfcc5b7689b6b6d727e1f5f8846c1137caaa9fc871ba31b7cce1b703e", "doe", "reindeer");
    }

    @Test
    void plainTrieVectors() {
        assertRoot("0x05ae693aac2107336a79309e0c60b24a7aac6aa3edecaef593921500d33c63c4",
                "doe", "reindeer", "dog", "puppy");
        assertRoot("0x8aad789dff2f538bca5d8ea56e8abe10f4c7ba3a5dea95fea4cd6e7c3a1168d3",
                "doe", "reindeer", "dog", "puppy", "dogglesworth", "cat");
        assertRoot("0x5991bb8c6514148a29db676a14ac506cd2cd5775ace63c30a4fe457715e9ac84",
                "do", "verb", "horse", "stallion", "doge", "coin", "dog", "puppy");
        assertRoot("0x17beaa1648bafa633cda809c90c04af50fc8aed3cb40d16efbddee6fdf63c4c3", "foo", "bar", "food", "bass");
        assertRoot("0x3f67c7a47520f79faa29255d2d3c084a7a6df0453116ed7232ff10277a8be68b",
                "be", "e", "dog", "puppy", "bed", "d");
        assertRoot("0x8452568af70d8d140f58d941338542f645fcca50094b20f3c3d8c3df49337928", "test", "test", "te", "testy");
    }

    @Test
    void binaryKeysAndValues() {
        MerklePatriciaTrie trie = new MerklePatriciaTrie()
                .put(Hex.decode("0x0045"), Hex.decode("0x0123456789"))
                .put(Hex.decode("0x4500"), Hex.decode("0x9876543210"));
        assertEquals(Hash.fromHex("0x285505fcabe84badc8aa310e2aae17eddc7d120aabec8a476902c8184b3a3503"), trie.root());
    }

    @Test
    void secureTrieVectorsWithHashedKeys() {
        assertSecureRoot("0xe9e2935138352776cad724d31c9fa5266a5c593bb97726dd2a908fe6d53284df", "A", "a".repeat(50));
        assertSecureRoot("0xd4cd937e4a4368d7931a9cf51686b7e10abb3dce38a39000fd7902a092b64585",
                "doe", "reindeer", "dog", "puppy", "dogglesworth", "cat");
        assertSecureRoot("0x29b235a58c3c25ab83010c327d5932bcf05324b7d6b1185e650798034783ca9d",
                "do", "verb", "horse", "stallion", "doge", "coin", "dog", "puppy");
        assertSecureRoot("0x1385f23a33021025d9e87cca5c66c00de06178807b96a9acc92b7d651ccde842",
                "foo", "bar", "food", "bass");
        assertSecureRoot("0xaea54fb6c80499674248a462864c420c9d9f3b3d38c879c12425bade1ad76552",
                "test", "test", "te", "testy");
    }

    @Test
    void laterPutsReplaceAndEmptyValuesRemove() {
        // trietest.json "emptyValues": the deletions leave the "puppy" trie.
        MerklePatriciaTrie trie = new MerklePatriciaTrie();
        String[][] steps = {{"do", "verb"}, {"ether", "wookiedoo"}, {"horse", "stallion"}, {"shaman", "horse"},
                {"doge", "coin"}, {"ether", ""}, {"dog", "puppy"}, {"shaman", ""}};
        for (String[] step : steps) {
            trie.put(ascii(step[0]), ascii(step[1]));
        }
        assertEquals(Hash.fromHex("0x5991bb8c6514148a29db676a14ac506cd2cd5775ace63c30a4fe457715e9ac84"), trie.root());
        trie.put(ascii("food"), ascii("bat")).put(ascii("food"), ascii("bass"));
        assertEquals(5, trie.size());
    }

    @Test
    void rootDoesNotDependOnInsertionOrder() {
        Random random = new Random(1);
        List<byte[]> keys = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            // Short keys of varying length make keys that are prefixes of others, so branches carry values.
            byte[] key = new byte[1 + random.nextInt(3)];
            random.nextBytes(key);
            keys.add(key);
        }
        Hash expected = rootOf(keys);
        for (int round = 0; round < 5; round++) {
            Collections.shuffle(keys, random);
            assertEquals(expected, rootOf(keys));
        }
        keys.removeFirst();
        assertNotEquals(expected, rootOf(keys));
    }

    @Test
    void handlesTensOfThousandsOfHashedKeysQuickly() {
        MerklePatriciaTrie trie = new MerklePatriciaTrie();
        for (int i = 0; i < 20_000; i++) {
            trie.put(Keccak.keccak256(new byte[] {(byte) i, (byte) (i >>> 8)}), new byte[] {1, (byte) i});
        }
        long start = System.nanoTime();
        Hash root = trie.root();
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.println("root of 20,000 hashed keys took " + millis + " ms");
        assertEquals(root, trie.root());
    }

    private static Hash rootOf(List<byte[]> keys) {
        MerklePatriciaTrie trie = new MerklePatriciaTrie();
        for (byte[] key : keys) {
            trie.put(key, Keccak.keccak256(key));
        }
        return trie.root();
    }

    private static void assertRoot(String expected, String... keysAndValues) {
        Map<byte[], byte[]> entries = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            entries.put(ascii(keysAndValues[i]), ascii(keysAndValues[i + 1]));
        }
        assertEquals(Hash.fromHex(expected), MerklePatriciaTrie.root(entries));
    }

    private static void assertSecureRoot(String expected, String... keysAndValues) {
        MerklePatriciaTrie trie = new MerklePatriciaTrie();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            trie.put(Keccak.keccak256(ascii(keysAndValues[i])), ascii(keysAndValues[i + 1]));
        }
        assertEquals(Hash.fromHex(expected), trie.root());
    }

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
