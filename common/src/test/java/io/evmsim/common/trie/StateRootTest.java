package io.evmsim.common.trie;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.evmsim.common.bytes.Hex;
import io.evmsim.common.crypto.Keccak;
import io.evmsim.common.rlp.Rlp;
import io.evmsim.common.types.Address;
import io.evmsim.common.types.Hash;
import io.evmsim.common.types.UInt256;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StateRootTest {
    /** ethereum/tests TrieTests/hex_encoded_securetrie_test.json "test2": three real account records. */
    @Test
    void matchesTheHexEncodedSecureTrieVector() {
        List<AccountEntry> accounts = List.of(
                account("0xa94f5374fce5edbc8e2a8697c15331677e6ebf0b", 1, "0x0de0b6b3a7622746", Hash.EMPTY_CODE),
                account("0x095e7baea6a6c7c4c2dfeb977efac326af552d87", 0, "0x0186b7",
                        Hash.fromHex("0x501653f02840675b1aab0328c6634762af5d51764e78f9641cccd9b27b90db4f")),
                account("0x2adc25665018aa1fe0e6bc666dac8fc2697ff9ba", 0, "0x521a", Hash.EMPTY_CODE));
        assertEquals(Hash.fromHex("0xa7c787bf470808896308c215e22c7a580a0087bb6db6e8695fb4759537283a83"),
                StateRoot.compute(accounts));
    }

    @Test
    void encodesAccountsAsTheVectorDoes() {
        assertEquals("0xf84c01880de0b6b3a7622746a056e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421"
                + "a0c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470",
                Hex.encode(StateRoot.encodeAccount(1, UInt256.parse("0x0de0b6b3a7622746"), Hash.EMPTY_TRIE,
                        Hash.EMPTY_CODE)));
    }

    @Test
    void noAccountsGiveTheEmptyRoot() {
        assertEquals(Hash.EMPTY_TRIE, StateRoot.compute(List.of()));
    }

    @Test
    void storageRootSkipsZeroSlotsAndEncodesValuesMinimally() {
        assertEquals(Hash.EMPTY_TRIE, StorageRoot.compute(Map.of(UInt256.ONE, UInt256.ZERO)));
        Map<UInt256, UInt256> storage = Map.of(UInt256.ZERO, UInt256.valueOf(0x1234), UInt256.ONE, UInt256.MAX,
                UInt256.valueOf(2), UInt256.ZERO);
        MerklePatriciaTrie expected = new MerklePatriciaTrie()
                .put(Keccak.keccak256(new byte[32]), Hex.decode("0x821234"))
                .put(Keccak.keccak256(UInt256.ONE.toBytes32()), Hex.decode("0xa0" + "ff".repeat(32)));
        assertEquals(expected.root(), StorageRoot.compute(storage));
    }

    @Test
    void stateRootUsesEachAccountsStorageRoot() {
        Address address = Address.fromLong(0x1000);
        Map<UInt256, UInt256> storage = Map.of(UInt256.ONE, UInt256.valueOf(7));
        byte[] code = Hex.decode("0x6001600055");
        AccountEntry account = AccountEntry.withCode(address, 3, UInt256.valueOf(10), code, storage);
        MerklePatriciaTrie expected = new MerklePatriciaTrie().put(Keccak.keccak256(address.toArray()),
                Rlp.encodeList(Rlp.encodeLong(3), Rlp.encodeLong(10), Rlp.encodeHash(StorageRoot.compute(storage)),
                        Rlp.encodeHash(Keccak.hash(code))));
        assertEquals(expected.root(), StateRoot.compute(List.of(account)));
    }

    private static AccountEntry account(String address, long nonce, String balance, Hash codeHash) {
        return new AccountEntry(Address.fromHex(address), nonce, UInt256.parse(balance), codeHash, Map.of());
    }
}
