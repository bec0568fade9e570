package io.evmsim.statecache.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.evmsim.common.types.Address;
import io.evmsim.common.types.Hash;
import io.evmsim.common.types.UInt256;
import io.evmsim.statecache.state.AccountState;
import io.evmsim.statecache.state.SlotKey;
import io.evmsim.statecache.state.StateStore;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

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
        return present(addresses, address -> new AccountKey(block, address), AccountState.class);
    }

    @Override
    public Map<SlotKey, UInt256> slots(Hash block, Collection<SlotKey> slots) {
        return present(slots, slot -> new BlockSlotKey(block, slot), UInt256.class);
    }

    private <K, V> Map<K, V> present(Collection<K> keys, Function<K, Object> cacheKey, Class<V> type) {
        Map<K, V> found = new HashMap<>();
        for (K key : keys) {
            Object value = state.getIfPresent(cacheKey.apply(key));
            if (type.isInstance(value)) {
                found.put(key, type.cast(value));
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
    public void putSlots(Hash block, Map<SlotKey, UInt256> slots) {
        slots.forEach((slot, value) -> state.put(new BlockSlotKey(block, slot), value));
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
