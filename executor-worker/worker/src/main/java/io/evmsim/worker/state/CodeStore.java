package io.evmsim.worker.state;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.evmsim.common.types.Hash;
import io.evmsim.statecache.client.StateCacheClient;
import io.evmsim.statecache.client.StateCacheException;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Contract code by code hash, shared by every simulation of this worker: code never changes for a
 * hash, so a cached entry is valid at any block. Misses are fetched from state-cache in one batch.
 */
public final class CodeStore {
    private final Cache<Hash, byte[]> byHash;
    private final StateCacheClient client;

    public CodeStore(StateCacheClient client, long maxBytes) {
        this.client = client;
        this.byHash = Caffeine.newBuilder().maximumWeight(maxBytes)
                .weigher((Hash hash, byte[] code) -> code.length + 64).build();
    }

    /** Fetches, in one round trip, the codes of {@code hashes} not yet cached. */
    public void prefetch(Set<Hash> hashes) {
        Set<Hash> missing = new HashSet<>();
        for (Hash hash : hashes) {
            if (!Hash.EMPTY_CODE.equals(hash) && byHash.getIfPresent(hash) == null) {
                missing.add(hash);
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        Map<Hash, byte[]> fetched = client.code(missing);
        for (Hash hash : missing) {
            byte[] code = fetched.get(hash);
            if (code == null) {
                throw new StateCacheException("state-cache returned no code for hash " + hash);
            }
            byHash.put(hash, code);
        }
    }

    /** Keeps code that came with a state read, each already checked against its hash. */
    public void put(Map<Hash, byte[]> code) {
        byHash.putAll(code);
    }

    public byte[] get(Hash hash) {
        if (Hash.EMPTY_CODE.equals(hash)) {
            return new byte[0];
        }
        byte[] code = byHash.getIfPresent(hash);
        if (code == null) {
            prefetch(Set.of(hash));
            code = byHash.getIfPresent(hash);
        }
        return code;
    }
}
