package io.evmsim.worker.rpc;

import io.evmsim.common.crypto.Keccak;
import io.evmsim.common.simulation.SimulationRequest;
import io.evmsim.common.types.Address;
import io.evmsim.common.types.Hash;
import io.evmsim.common.types.UInt256;
import io.evmsim.evm.chain.ChainFork;
import io.evmsim.evm.chain.ChainSchedule;
import io.evmsim.evm.state.CodeCache;
import io.evmsim.statecache.client.AccountData;
import io.evmsim.statecache.client.BlockHeader;
import io.evmsim.statecache.client.ChainDescription;
import io.evmsim.statecache.client.StateCacheClient;
import io.evmsim.worker.chain.ChainRules;
import io.evmsim.worker.simulation.RecordingSink;
import io.evmsim.worker.simulation.RunBudget;
import io.evmsim.worker.state.CodeStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A chain for the JSON-RPC method tests: one pinned block; every account exists with the same
 * balance (none unless given), and the given contracts have their code.
 */
final class CodeOnlyChain implements StateCacheClient {
    private final BlockHeader pinned;
    private final Map<Address, byte[]> code;
    private final UInt256 balance;

    CodeOnlyChain(BlockHeader pinned, Map<Address, byte[]> code) {
        this(pinned, code, UInt256.ZERO);
    }

    /** With every account holding {@code balance}. */
    CodeOnlyChain(BlockHeader pinned, Map<Address, byte[]> code, UInt256 balance) {
        this.pinned = pinned;
        this.code = code;
        this.balance = balance;
    }

    /** The JSON-RPC answer ({@code result} or {@code error}) to {@code request} on this chain under {@code fork}. */
    static JsonNode answer(CodeOnlyChain chain, ChainFork fork, SimulationRequest request) {
        RpcExecutor executor = new RpcExecutor(chain, new CodeStore(chain, 1 << 20), new CodeCache(16),
                ChainRules.of(ChainSchedule.fromGenesis(1, "test", fork)), 8, 250_000, 16L << 20);
        RecordingSink sink = new RecordingSink();
        executor.run(request, RunBudget.of(request), sink);
        return JsonMapper.builder().build().readTree(sink.onlySummary().json());
    }

    @Override
    public BlockHeader resolveBlock(String blockId) {
        return pinned;
    }

    @Override
    public ChainDescription chain() {
        throw new UnsupportedOperationException("these tests give their chain schedule themselves");
    }

    @Override
    public List<AccountData> read(BlockHeader block, Map<Address, Set<UInt256>> slotsByAccount) {
        List<AccountData> accounts = new ArrayList<>();
        slotsByAccount.forEach((address, keys) -> {
            Map<UInt256, UInt256> slots = new HashMap<>();
            keys.forEach(key -> slots.put(key, UInt256.ZERO));
            byte[] bytes = code.get(address);
            accounts.add(new AccountData(address, true, 0, balance,
                    bytes == null ? Hash.EMPTY_CODE : Keccak.hash(bytes), Hash.EMPTY_TRIE, slots));
        });
        return accounts;
    }

    @Override
    public Map<Hash, byte[]> code(Set<Hash> codeHashes) {
        Map<Hash, byte[]> codes = new HashMap<>();
        codeHashes.forEach(hash -> codes.put(hash, code.values().stream()
                .filter(bytes -> Keccak.hash(bytes).equals(hash)).findFirst().orElse(new byte[0])));
        return codes;
    }

    @Override
    public Hash blockHash(BlockHeader pinned, long number) {
        return Hash.ZERO;
    }
}
