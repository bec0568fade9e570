package io.evmsim.worker.preview;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.evmsim.common.types.Address;
import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;

/**
 * Token metadata by chain and token, bounded (least recently used out first) and kept for a while
 * only: a token's name rarely changes, but it may. A token that answers none of the three is kept
 * too (as {@link TokenMetadata#NONE}), so it is not asked again on every simulation.
 */
public final class TokenMetadataCache {
    private final Cache<Key, TokenMetadata> entries;
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();

    private record Key(long chainId, Address token) {
    }

    public TokenMetadataCache(long maxTokens, Duration keepFor) {
        this.entries = Caffeine.newBuilder().maximumSize(maxTokens).expireAfterWrite(keepFor).build();
    }

    /** The token's metadata, or null when it is not held. */
    TokenMetadata get(long chainId, Address token) {
        return entries.getIfPresent(new Key(chainId, token));
    }

    /**
     * Counts the lookups of one preview that was kept: a run thrown away for a state miss looked up
     * the same tokens again, and counting those would overstate the hits.
     */
    void count(int hitCount, int missCount) {
        hits.add(hitCount);
        misses.add(missCount);
    }

    void put(long chainId, Address token, TokenMetadata metadata) {
        entries.put(new Key(chainId, token), metadata);
    }

    public long hits() {
        return hits.sum();
    }

    public long misses() {
        return misses.sum();
    }

    /** Hits over lookups; 0 before the first. */
    public double hitRate() {
        long total = hits() + misses();
        return total == 0 ? 0 : (double) hits() / total;
    }

    @Override
    public String toString() {
        return "token metadata cache: " + hits() + " hits, " + misses() + " misses ("
                + Math.round(hitRate() * 100) + "%)";
    }
}
