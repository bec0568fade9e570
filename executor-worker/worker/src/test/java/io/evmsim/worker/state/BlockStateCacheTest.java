package io.evmsim.worker.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.evmsim.common.types.Address;
import io.evmsim.common.types.Hash;
import io.evmsim.common.types.UInt256;
import io.evmsim.statecache.client.AccountData;
import io.evmsim.statecache.client.BlockHeader;
import io.evmsim.statecache.client.ChainDescription;
import io.evmsim.statecache.client.StateCacheClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** State by block hash is fetched once; a block tag is resolved again only after the freshness bound. */
class BlockStateCacheTest {
    private static final Address TOKEN = Address.fromHex("0x5fbdb2315678afecb367f032d93f642f64180aa3");
    private static final Address NOBODY = Address.fromHex("0x00000000000000000000000000000000000000aa");

    /** Block n has hash n; account TOKEN holds slot k = k + n; NOBODY does not exist. Counts the calls. */
    private static final class CountingState implements StateCacheClient {
        final List<String> resolved = new ArrayList<>();
        final List<Map<Address, Set<UInt256>>> reads = new ArrayList<>();
        long head = 1;

        static BlockHeader header(long number) {
            return new BlockHeader(number, Hash.wrap(UInt256.valueOf(number).toBytes32()), Hash.ZERO, Hash.ZERO, 0,
                    UInt256.ONE, 30_000_000L, Address.ZERO, Hash.ZERO, 0, 1);
        }

        @Override
        public BlockHeader resolveBlock(String blockId) {
            resolved.add(blockId);
            return header(blockId.equals("latest") ? head : Long.decode(blockId));
        }

        @Override
        public List<AccountData> read(BlockHeader block, Map<Address, Set<UInt256>> slotsByAccount) {
            reads.add(slotsByAccount);
            List<AccountData> answer = new ArrayList<>();
            slotsByAccount.forEach((address, keys) -> {
                Map<UInt256, UInt256> slots = new HashMap<>();
                keys.forEach(k -> slots.put(k, k.add(UInt256.valueOf(block.number()))));
                answer.add(new AccountData(address, address.equals(TOKEN), 0, UInt256.valueOf(block.number()),
                        Hash.EMPTY_CODE, Hash.EMPTY_TRIE, address.equals(TOKEN) ? slots : Map.of()));
            });
            return answer;
        }

        @Override
        public Map<Hash, byte[]> code(Set<Hash> codeHashes) {
            return Map.of();
        }

        @Override
        public Hash blockHash(BlockHeader pinned, long number) {
            return header(number).hash();
        }

        @Override
        public ChainDescription chain() {
            throw new UnsupportedOperationException("this test gives its chain schedule itself");
        }
    }

    @Test
    void aWarmReadAtTheSameBlockMakesNoCallAndOnlyTheUncachedSlotsAreAskedFor() {
        CountingState upstream = new CountingState();
        BlockStateCache cache = new BlockStateCache(upstream, Duration.ofSeconds(1), 100, 100);
        BlockHeader block = CountingState.header(7);
        cache.read(block, Map.of(TOKEN, Set.of(UInt256.ONE), NOBODY, Set.of()));
        List<AccountData> warm = cache.read(block, Map.of(TOKEN, Set.of(UInt256.ONE), NOBODY, Set.of(UInt256.ONE)));
        assertEquals(1, upstream.reads.size());
        AccountData token = warm.stream().filter(a -> a.address().equals(TOKEN)).findFirst().orElseThrow();
        assertEquals(Map.of(UInt256.ONE, UInt256.valueOf(8)), token.slots());
        assertFalse(warm.stream().filter(a -> a.address().equals(NOBODY)).findFirst().orElseThrow().exists());

        List<AccountData> more = cache.read(block, Map.of(TOKEN, Set.of(UInt256.ONE, UInt256.valueOf(2))));
        assertEquals(Map.of(TOKEN, Set.of(UInt256.valueOf(2))), upstream.reads.get(1));
        assertEquals(Map.of(UInt256.ONE, UInt256.valueOf(8), UInt256.valueOf(2), UInt256.valueOf(9)), more.getFirst().slots());

        cache.read(CountingState.header(8), Map.of(TOKEN, Set.of(UInt256.ONE)));
        assertEquals(3, upstream.reads.size(), "another block's state is its own");
    }

    @Test
    void latestIsReusedWithinTheFreshnessBoundAndNumbersAreResolvedEveryTime() {
        CountingState upstream = new CountingState();
        AtomicLong now = new AtomicLong();
        BlockStateCache cache = new BlockStateCache(upstream, Duration.ofSeconds(1), 100, 100, now::get);
        assertEquals(1, cache.resolveBlock("latest").number());
        upstream.head = 2;
        now.set(999_000_000L);
        assertEquals(1, cache.resolveBlock("latest").number());
        now.set(1_000_000_000L);
        assertEquals(2, cache.resolveBlock("latest").number());
        cache.resolveBlock("0x2");
        cache.resolveBlock("0x2");
        assertEquals(List.of("latest", "latest", "0x2", "0x2"), upstream.resolved);

        BlockHeader byHash = cache.resolveBlock(CountingState.header(2).hash().toString());
        assertEquals(2, byHash.number());
        assertEquals(4, upstream.resolved.size(), "a hash already resolved is not asked for again");
    }
}
