package io.evmsim.standalone.rpc;

import io.evmsim.common.types.Address;
import io.evmsim.common.types.Hash;
import io.evmsim.common.types.UInt256;
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

/**
 * State-cache's client contract answered from {@link HiveChain}: its headers (the head is
 * {@code latest}), its genesis schedule, and the genesis allocation as every block's state.
 */
final class HiveChainStateCache implements StateCacheClient {
    private final HiveChain chain;

    HiveChainStateCache(HiveChain chain) {
        this.chain = chain;
    }

    @Override
    public BlockHeader resolveBlock(String blockId) {
        if (blockId.equals("latest") || blockId.equals("safe") || blockId.equals("finalized")) {
            return chain.head();
        }
        if (blockId.equals("earliest")) {
            return chain.headers().getFirst();
        }
        for (BlockHeader header : chain.headers()) {
            if (blockId.length() == 66 ? header.hash().toString().equalsIgnoreCase(blockId)
                    : header.number() == (blockId.startsWith("0x") ? Long.decode(blockId) : Long.parseLong(blockId))) {
                return header;
            }
        }
        throw new StateCacheException("unknown block " + blockId, 404, null);
    }

    @Override
    public List<AccountData> read(BlockHeader block, Map<Address, Set<UInt256>> slotsByAccount) {
        List<AccountData> accounts = new ArrayList<>();
        slotsByAccount.forEach((address, slots) -> {
            AccountData data = chain.allocated(address);
            Map<UInt256, UInt256> values = new HashMap<>();
            for (UInt256 slot : slots) {
                values.put(slot, data == null ? UInt256.ZERO : data.slots().getOrDefault(slot, UInt256.ZERO));
            }
            accounts.add(data == null
                    ? new AccountData(address, false, 0, UInt256.ZERO, Hash.EMPTY_CODE, Hash.EMPTY_TRIE, values)
                    : new AccountData(address, true, data.nonce(), data.balance(), data.codeHash(),
                            data.storageRoot(), values));
        });
        return accounts;
    }

    @Override
    public Map<Hash, byte[]> code(Set<Hash> codeHashes) {
        Map<Hash, byte[]> found = new HashMap<>();
        for (Hash hash : codeHashes) {
            byte[] code = chain.code(hash);
            if (code == null) {
                throw new StateCacheException("no code known for " + hash);
            }
            found.put(hash, code);
        }
        return found;
    }

    @Override
    public Hash blockHash(BlockHeader pinned, long number) {
        if (number < 0 || number >= chain.headers().size()) {
            throw new StateCacheException("no block " + number + " in the hive chain", 404, null);
        }
        return chain.headers().get((int) number).hash();
    }

    @Override
    public ChainDescription chain() {
        return new ServedChain(chain.schedule(), "genesis.json").description();
    }
}
