package io.evmsim.worker.preview;

import io.evmsim.common.bytes.Hex;
import io.evmsim.common.types.Address;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/**
 * Reads a token's metadata by calling it on the simulated state, through the cache. What is read
 * is cached only when every read was answered from fetched state (a run with misses is thrown away
 * and its answers with it) and when the token's code is the chain's own at the block (not overridden
 * or deployed by the simulation: such a token says nothing about the chain's).
 */
final class TokenMetadataReader {
    private static final byte[] SYMBOL = Hex.decode("0x95d89b41");
    private static final byte[] NAME = Hex.decode("0x06fdde03");
    private static final byte[] DECIMALS = Hex.decode("0x313ce567");
    /** The calls {@link #read} makes of a token not held, in order. */
    static final List<byte[]> READS = List.of(SYMBOL, NAME, DECIMALS);

    private final TokenMetadataCache cache;
    private final long chainId;
    private final StateCalls calls;
    private final BooleanSupplier stateComplete;
    private final Predicate<Address> chainsOwnCode;
    private int hits;
    private int misses;

    TokenMetadataReader(TokenMetadataCache cache, long chainId, StateCalls calls, BooleanSupplier stateComplete,
            Predicate<Address> chainsOwnCode) {
        this.cache = cache;
        this.chainId = chainId;
        this.calls = calls;
        this.stateComplete = stateComplete;
        this.chainsOwnCode = chainsOwnCode;
    }

    /** ERC-721 and ERC-1155 collections are asked for decimals too: they answer none, or a revert. */
    TokenMetadata read(Address token) {
        boolean cacheable = chainsOwnCode.test(token);
        if (cacheable) {
            TokenMetadata held = cache.get(chainId, token);
            if (held != null) {
                hits++;
                return held;
            }
            misses++;
        }
        if (calls.offline() || !calls.hasCode(token)) {
            return TokenMetadata.NONE;
        }
        TokenMetadata read = new TokenMetadata(TokenMetadata.text(calls.call(Address.ZERO, token, SYMBOL)),
                TokenMetadata.text(calls.call(Address.ZERO, token, NAME)),
                TokenMetadata.decimals(calls.call(Address.ZERO, token, DECIMALS)));
        if (cacheable && stateComplete.getAsBoolean()) {
            cache.put(chainId, token, read);
        }
        return read;
    }

    /** Counts this preview's lookups in the cache's hit rate. */
    void countLookups() {
        cache.count(hits, misses);
    }
}
