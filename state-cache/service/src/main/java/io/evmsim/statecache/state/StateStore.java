package io.evmsim.statecache.state;

import io.evmsim.common.types.Address;
import io.evmsim.common.types.Hash;
import java.util.Collection;
import java.util.Map;

/**
 * A cache tier. State is kept by block hash, so a value cached under one block is never served for another
 * (reorg-safe); code, and the trie nodes that proved the state, are kept by their hash.
 */
public interface StateStore {
    /** The metric tag of this tier: memory or postgres. */
    String tier();

    Map<Address, AccountState> accounts(Hash block, Collection<Address> addresses);

    Map<SlotKey, SlotValue> slots(Hash block, Collection<SlotKey> slots);

    Map<Hash, byte[]> code(Collection<Hash> codeHashes);

    void putAccounts(Hash block, Map<Address, AccountState> accounts);

    void putSlots(Hash block, Map<SlotKey, SlotValue> slots);

    void putCode(Map<Hash, byte[]> code);

    /** Verified trie nodes (RLP) by their keccak hash; hashes the tier does not hold are left out. */
    Map<Hash, byte[]> trieNodes(Collection<Hash> hashes);

    /** Keeps verified trie nodes by their hash: content-addressed, so shared by every block and trie that holds them. */
    void putTrieNodes(Map<Hash, byte[]> nodes);
}
