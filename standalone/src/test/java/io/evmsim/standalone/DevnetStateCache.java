package io.evmsim.standalone;

import io.evmsim.common.crypto.Keccak;
import io.evmsim.common.types.Address;
import io.evmsim.common.types.Hash;
import io.evmsim.common.types.UInt256;
import io.evmsim.evm.chain.ChainFork;
import io.evmsim.evm.chain.ChainSchedule;
import io.evmsim.statecache.chain.ServedChain;
import io.evmsim.statecache.client.AccountData;
import io.evmsim.statecache.client.BlockHeader;
import io.evmsim.statecache.client.ChainDescription;
import io.evmsim.statecache.client.StateCacheClient;
import io.evmsim.statecache.client.StateCacheException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A genesis-only chain in memory for the pipeline tests: prefunded accounts and contracts, one
 * block. It counts round trips, so tests can check that reads are batched.
 */
final class DevnetStateCache implements StateCacheClient {
    static final long CHAIN_ID = 31337;
    private final Map<Address, AccountData> accounts = new HashMap<>();
    private final Map<Hash, byte[]> codes = new HashMap<>();
    final AtomicInteger readRoundTrips = new AtomicInteger();
    final BlockHeader genesis = new BlockHeader(0, Hash.fromHex("0x" + "11".repeat(32)), Hash.ZERO, Hash.ZERO,
            1_700_000_000L, UInt256.valueOf(1_000_000_000L), 30_000_000L, Address.fromLong(0xc0ffee),
            Hash.ZERO, 0, CHAIN_ID, 0L, 0L); // an empty genesis: the next block's base fee follows from its gas used

    void fund(Address address, UInt256 balance) {
        accounts.put(address, new AccountData(address, true, 0, balance, Hash.EMPTY_CODE, Hash.EMPTY_TRIE, Map.of()));
    }

    void deploy(Address address, byte[] code, Map<UInt256, UInt256> storage) {
        Hash codeHash = Keccak.hash(code);
        codes.put(codeHash, code);
        accounts.put(address, new AccountData(address, true, 1, UInt256.ZERO, codeHash,
                storage.isEmpty() ? Hash.EMPTY_TRIE : Hash.fromHex("0x" + "22".repeat(32)), Map.copyOf(storage)));
    }

    @Override
    public BlockHeader resolveBlock(String blockId) {
        if (blockId.equals("latest") || blockId.equals("0") || blockId.equals("0x0")
                || blockId.equals(genesis.hash().toString())) {
            return genesis;
        }
        throw new StateCacheException("unknown block " + blockId, 404, null);
    }

    @Override
    public List<AccountData> read(BlockHeader block, Map<Address, Set<UInt256>> slotsByAccount) {
        readRoundTrips.incrementAndGet();
        List<AccountData> result = new ArrayList<>();
        slotsByAccount.forEach((address, slots) -> {
            AccountData data = accounts.get(address);
            Map<UInt256, UInt256> values = new HashMap<>();
            for (UInt256 slot : slots) {
                values.put(slot, data == null ? UInt256.ZERO : data.slots().getOrDefault(slot, UInt256.ZERO));
            }
            result.add(data == null
                    ? new AccountData(address, false, 0, UInt256.ZERO, Hash.EMPTY_CODE, Hash.EMPTY_TRIE, values)
                    : new AccountData(address, true, data.nonce(), data.balance(), data.codeHash(), data.storageRoot(),
                            values));
        });
        return result;
    }

    @Override
    public Map<Hash, byte[]> code(Set<Hash> codeHashes) {
        Map<Hash, byte[]> result = new HashMap<>();
        codeHashes.forEach(hash -> result.put(hash, codes.get(hash)));
        return result;
    }

    @Override
    public Hash blockHash(BlockHeader pinned, long number) {
        return number == 0 ? genesis.hash() : Hash.ZERO;
    }

    /** The pipeline tests' chain runs Osaka from its genesis. */
    @Override
    public ChainDescription chain() {
        return new ServedChain(ChainSchedule.fromGenesis(CHAIN_ID, "devnet", ChainFork.OSAKA), "genesis").description();
    }
}
