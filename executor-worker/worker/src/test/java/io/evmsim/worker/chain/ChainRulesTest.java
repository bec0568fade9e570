package io.evmsim.worker.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.evmsim.common.types.Address;
import io.evmsim.common.types.Hash;
import io.evmsim.common.types.UInt256;
import io.evmsim.evm.chain.BlockRules;
import io.evmsim.evm.chain.ChainFork;
import io.evmsim.evm.chain.UnsupportedForkException;
import io.evmsim.evm.fork.BlobSchedule;
import io.evmsim.statecache.client.AccountData;
import io.evmsim.statecache.client.BlockHeader;
import io.evmsim.statecache.client.ChainDescription;
import io.evmsim.statecache.client.ChainDescription.BlobParameters;
import io.evmsim.statecache.client.ChainDescription.ForkActivation;
import io.evmsim.statecache.client.StateCacheClient;
import io.evmsim.statecache.client.StateCacheException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The state cache's description of the chain, as the worker reads it. */
class ChainRulesTest {
    private static final List<ForkActivation> FORKS = List.of(
            new ForkActivation("London", 0L, null, null),
            new ForkActivation("Cancun", null, 100L, new BlobParameters(3, 6, 3_338_477)),
            new ForkActivation("Prague", null, 200L, new BlobParameters(6, 9, 5_007_716)),
            new ForkActivation("Osaka", null, 300L, null),
            new ForkActivation("BPO1", null, 400L, new BlobParameters(10, 15, 8_346_193)));

    @Test
    void each_block_gets_the_described_forks_rules() {
        ChainRules chain = ChainRules.from(new DescribedChain(new ChainDescription(7, "test", "genesis", FORKS)));
        assertEquals(ChainFork.LONDON, assertThrows(UnsupportedForkException.class, () -> chain.at(5, 99)).fork());
        assertEquals(ChainFork.CANCUN, chain.at(5, 100).fork());
        BlockRules osaka = chain.at(5, 300);
        assertEquals(ChainFork.OSAKA, osaka.fork());
        assertEquals(ChainFork.PRAGUE, osaka.blobFork());
        BlockRules bpo = chain.at(5, 400);
        assertEquals(ChainFork.BPO1, bpo.blobFork());
        assertEquals(new BlobSchedule(10, 15, 8_346_193), bpo.blobSchedule());
        assertEquals(15, bpo.rules().blobSchedule().max());
    }

    @Test
    void a_fork_unknown_to_the_worker_is_an_error_naming_it() {
        ChainRules chain = ChainRules.from(new DescribedChain(new ChainDescription(7, "test", "genesis",
                List.of(new ForkActivation("London", 0L, null, null), new ForkActivation("Glamsterdam", null, 5L,
                        null)))));
        StateCacheException e = assertThrows(StateCacheException.class, () -> chain.at(1, 1));
        assertEquals("the state cache's chain test schedules fork Glamsterdam, unknown to this worker", e.getMessage());
    }

    /** A state cache that serves only its chain. */
    private record DescribedChain(ChainDescription chain) implements StateCacheClient {
        @Override
        public BlockHeader resolveBlock(String blockId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<AccountData> read(BlockHeader block,
                Map<Address, Set<UInt256>> slots) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Map<Hash, byte[]> code(Set<Hash> codeHashes) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Hash blockHash(BlockHeader pinned, long number) {
            throw new UnsupportedOperationException();
        }
    }
}
