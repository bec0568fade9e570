package io.evmsim.worker.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evmsim.common.simulation.SimulationError;
import io.evmsim.common.bytes.Hex;
import io.evmsim.common.crypto.Keccak;
import io.evmsim.common.simulation.CallRequest;
import io.evmsim.common.simulation.RpcCall;
import io.evmsim.common.simulation.RpcMethod;
import io.evmsim.common.simulation.SimulationKind;
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
import io.evmsim.worker.simulation.ResultSink;
import io.evmsim.worker.state.CodeStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** An eth_call that would run far past its deadline is stopped by the engine's watchdog and answered as a timeout. */
class RpcDeadlineTest {
    private static final BlockHeader BLOCK = new BlockHeader(1, Hash.fromHex("0x" + "11".repeat(32)), Hash.ZERO,
            Hash.ZERO, 1_700_000_000L, UInt256.ONE, 30_000_000L, Address.ZERO, Hash.ZERO, 0, 1);
    /** JUMPDEST PUSH1 0 JUMP: 12 gas a turn, for ever. */
    private static final byte[] LOOP = Hex.decode("0x5b600056");
    private static final Address LOOPER = Address.fromLong(0xf00d);

    /** Every account exists, empty, except the looping contract. */
    private static final class LoopState implements StateCacheClient {
        @Override
        public BlockHeader resolveBlock(String blockId) {
            return BLOCK;
        }

        @Override
        public List<AccountData> read(BlockHeader block, Map<Address, Set<UInt256>> slotsByAccount) {
            List<AccountData> accounts = new ArrayList<>();
            slotsByAccount.forEach((address, keys) -> {
                Map<UInt256, UInt256> slots = new HashMap<>();
                keys.forEach(key -> slots.put(key, UInt256.ZERO));
                accounts.add(new AccountData(address, true, 0, UInt256.ZERO,
                        address.equals(LOOPER) ? Keccak.hash(LOOP) : Hash.EMPTY_CODE, Hash.EMPTY_TRIE, slots));
            });
            return accounts;
        }

        @Override
        public Map<Hash, byte[]> code(Set<Hash> codeHashes) {
            Map<Hash, byte[]> codes = new HashMap<>();
            codeHashes.forEach(hash -> codes.put(hash, hash.equals(Keccak.hash(LOOP)) ? LOOP : new byte[0]));
            return codes;
        }

        @Override
        public Hash blockHash(long number) {
            return Hash.ZERO;
        }

        @Override
        public ChainDescription chain() {
            throw new UnsupportedOperationException("this test gives its chain schedule itself");
        }
    }

    @Test
    void aCallPastItsDeadlineIsAbortedAsATimeout() {
        LoopState client = new LoopState();
        RpcExecutor executor = new RpcExecutor(client, new CodeStore(client, 1 << 20), new CodeCache(16),
                ChainRules.of(ChainSchedule.fromGenesis(1, "test", ChainFork.OSAKA)), 8);
        long gas = 1_000_000_000_000L; // minutes of looping at any speed
        CallRequest call = new CallRequest(null, Address.fromLong(1), LOOPER, null, null, gas, null, null, null, null,
                null, null, null, null);
        RpcCall rpc = new RpcCall(RpcMethod.ETH_CALL, List.of(), false, false, null, List.of());
        SimulationRequest request = new SimulationRequest("r1", "gateway", SimulationKind.SINGLE, "latest",
                List.of(call), Map.of(), null, false, false, gas, 200, System.currentTimeMillis(), rpc);
        List<String> answers = new ArrayList<>();
        long started = System.nanoTime();
        executor.run(request, new ResultSink() {
            @Override
            public void transaction(int index, String outcome, String json) {
                throw new AssertionError("a JSON-RPC method answers with one summary");
            }

            @Override
            public void summary(String outcome, String json) {
                answers.add(outcome + " " + json);
            }

            @Override
            public void error(SimulationError code, String message, String field) {
                throw new AssertionError(message);
            }
        });
        long elapsedMillis = (System.nanoTime() - started) / 1_000_000;
        assertEquals(1, answers.size());
        assertTrue(answers.getFirst().startsWith("error "), answers.getFirst());
        JsonNode error = JsonMapper.builder().build().readTree(answers.getFirst().substring(6)).get("error");
        assertEquals("execution aborted (timeout = 200ms)", error.get("message").stringValue());
        assertTrue(elapsedMillis < 5_000, "ended after " + elapsedMillis + " ms");
    }
}
