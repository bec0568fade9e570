package io.evmsim.statecache.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.evmsim.common.simulation.StateProvenance;
import io.evmsim.common.types.Address;
import io.evmsim.common.types.Hash;
import io.evmsim.common.types.UInt256;
import io.evmsim.statecache.state.AccountState;
import io.evmsim.statecache.state.SlotKey;
import io.evmsim.statecache.state.SlotValue;
import io.evmsim.statecache.state.StateStore;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/** The in-memory tier (Caffeine, bounded): hot accounts and slots by block hash, code and trie nodes by hash. */
public class MemoryStore implements StateStore {
    private record AccountKey(Hash block, Address address) {
    }

    private record BlockSlotKey(Hash block, SlotKey slot) {
    }

    private final Cache<Object, Object> state;
    private final Cache<Hash, byte[]> code;
    private final Cache<Hash, byte[]> trieNodes;

    public MemoryStore(CacheProperties properties) {
        this.state = Caffeine.newBuilder().maximumSize(properties.memoryEntries()).build();
        this.code = Caffeine.newBuilder().maximumWeight(properties.memoryCodeBytes())
                .weigher((Hash hash, byte[] bytes) -> bytes.length + Hash.SIZE).build();
        // trie nodes are the proofs of the state held here: as many bytes again as code gets
        this.trieNodes = Caffeine.newBuilder().maximumWeight(properties.memoryCodeBytes())
                .weigher((Hash hash, byte[] bytes) -> bytes.length + Hash.SIZE).build();
    }

    @Override
    public String tier() {
        return "memory";
    }

    @Override
    public Map<Address, AccountState> accounts(Hash block, Collection<Address> addresses) {
        Map<Address, AccountState> found = new HashMap<>();
        for (Address address : addresses) {
            if (state.getIfPresent(new AccountKey(block, address)) instanceof AccountState account) {
                found.put(address, account);
            }
        }
        return found;
    }

    @Override
    public Map<SlotKey, SlotValue> slots(Hash block, Collection<SlotKey> slots) {
        Map<SlotKey, SlotValue> found = new HashMap<>();
        for (SlotKey slot : slots) {
            switch (state.getIfPresent(new BlockSlotKey(block, slot))) {
                case UInt256 proven -> found.put(slot, new SlotValue(proven, StateProvenance.PROVEN));
                case SlotValue unproven -> found.put(slot, unproven);
                case null, default -> {
                }
            }
        }
        return found;
    }


    @Override
    public Map<Hash, byte[]> code(Collection<Hash> codeHashes) {
        return new HashMap<>(code.getAllPresent(codeHashes));
    }

    @Override
    public void putAccounts(Hash block, Map<Address, AccountState> accounts) {
        accounts.forEach((address, account) -> state.put(new AccountKey(block, address), account));
    }

    @Override
    public void putSlots(Hash block, Map<SlotKey, SlotValue> slots) {
        // a proven slot is kept as its bare value: the common case takes no more memory than before
        slots.forEach((slot, value) -> state.put(new BlockSlotKey(block, slot),
                value.provenance() == StateProvenance.PROVEN ? value.value() : value));
    }

    @Override
    public void putCode(Map<Hash, byte[]> code) {
        this.code.putAll(code);
    }

    @Override
    public Map<Hash, byte[]> trieNodes(Collection<Hash> hashes) {
        return new HashMap<>(trieNodes.getAllPresent(hashes));
    }

    @Override
    public void putTrieNodes(Map<Hash, byte[]> nodes) {
        trieNodes.putAll(nodes);
    }
}
