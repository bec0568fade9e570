package io.evmsim.standalone;

import io.evmsim.common.types.Address;
import io.evmsim.common.types.Hash;
import io.evmsim.common.types.UInt256;
import io.evmsim.statecache.client.AccountData;
import io.evmsim.statecache.client.BlockHeader;
import io.evmsim.statecache.client.ChainDescription;
import io.evmsim.statecache.client.StateCacheClient;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * A state source whose reads of the {@code slow} accounts take {@code millis}: a simulation that touches one is
 * slow. The slow accounts whose reads began are kept in {@code begun}.
 */
record SlowAccounts(StateCacheClient devnet, Predicate<Address> slow, long millis, Set<Address> begun)
        implements StateCacheClient {
    SlowAccounts(StateCacheClient devnet, Predicate<Address> slow, long millis) {
        this(devnet, slow, millis, ConcurrentHashMap.newKeySet());
    }

    /** Only {@code account} is slow. */
    static SlowAccounts of(StateCacheClient devnet, Address account, long millis) {
        return new SlowAccounts(devnet, account::equals, millis);
    }

    @Override
    public BlockHeader resolveBlock(String blockId) {
        return devnet.resolveBlock(blockId);
    }

    @Override
    public List<AccountData> read(BlockHeader block, Map<Address, Set<UInt256>> slotsByAccount) {
        List<Address> slowOnes = slotsByAccount.keySet().stream().filter(slow).toList();
        if (!slowOnes.isEmpty()) {
            begun.addAll(slowOnes);
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return devnet.read(block, slotsByAccount);
    }

    @Override
    public Map<Hash, byte[]> code(Set<Hash> codeHashes) {
        return devnet.code(codeHashes);
    }

    @Override
    public Hash blockHash(BlockHeader pinned, long number) {
        return devnet.blockHash(pinned, number);
    }

    @Override
    public ChainDescription chain() {
        return devnet.chain();
    }
}
