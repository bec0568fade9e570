package io.evmsim.worker.simulation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.evmsim.common.simulation.CallRequest;
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
import io.evmsim.worker.state.CodeStore;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A REST bundle's coinbase figures, per transaction and in the summary, as Flashbots names them:
 * {@code coinbaseDiff} = {@code gasFees} (priority fees) + {@code ethSentToCoinbase} (direct payments).
 */
class BundleCoinbaseFiguresTest {
    private static final long GWEI = 1_000_000_000L;
    private static final Address COINBASE = Address.fromLong(0xfee);
    private static final BlockHeader BLOCK = new BlockHeader(1, Hash.fromHex("0x" + "11".repeat(32)), Hash.ZERO,
            Hash.ZERO, 1_700_000_000L, UInt256.valueOf(GWEI), 30_000_000L, COINBASE, Hash.ZERO, 0, 1);

    /** Every account exists, without code, holding one ether. */
    private static final class FundedAccounts implements StateCacheClient {
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
                accounts.add(new AccountData(address, true, 0, UInt256.valueOf(BigInteger.TEN.pow(18).longValue()),
                        Hash.EMPTY_CODE, Hash.EMPTY_TRIE, slots));
            });
            return accounts;
        }

        @Override
        public Map<Hash, byte[]> code(Set<Hash> codeHashes) {
            return Map.of();
        }

        @Override
        public Hash blockHash(BlockHeader pinned, long number) {
            return Hash.ZERO;
        }

        @Override
        public ChainDescription chain() {
            throw new UnsupportedOperationException("this test gives its chain schedule itself");
        }
    }

    @Test
    void eachTransactionAndTheSummaryCarryTheCoinbaseFigures() {
        // a 1 gwei tip over a 1 gwei base fee; the second transaction also pays the coinbase 7 wei directly
        CallRequest tipOnly = transfer(Address.fromLong(0xa1), Address.fromLong(0xb0b), 0);
        CallRequest tipAndPayment = transfer(Address.fromLong(0xa2), COINBASE, 7);
        SimulationRequest request = new SimulationRequest("b1", "r1", SimulationKind.BUNDLE, "latest",
                List.of(tipOnly, tipAndPayment), Map.of(), null, false, true, 50_000_000L, 10_000,
                System.currentTimeMillis());
        List<JsonNode> transactions = new ArrayList<>();
        List<JsonNode> summaries = new ArrayList<>();
        run(request, transactions, summaries);

        String fees = BigInteger.valueOf(GWEI * 21_000).toString();
        assertEquals(2, transactions.size());
        assertEquals(fees, transactions.get(0).get("gasFees").stringValue());
        assertEquals("0", transactions.get(0).get("ethSentToCoinbase").stringValue());
        assertEquals(fees, transactions.get(0).get("coinbaseDiff").stringValue());
        assertEquals(fees, transactions.get(1).get("gasFees").stringValue());
        assertEquals("7", transactions.get(1).get("ethSentToCoinbase").stringValue());
        assertEquals(BigInteger.valueOf(GWEI * 21_000 + 7).toString(),
                transactions.get(1).get("coinbaseDiff").stringValue());

        JsonNode summary = summaries.getFirst();
        assertEquals(BigInteger.valueOf(2 * GWEI * 21_000).toString(), summary.get("gasFees").stringValue());
        assertEquals("7", summary.get("ethSentToCoinbase").stringValue());
        assertEquals(BigInteger.valueOf(2 * GWEI * 21_000 + 7).toString(), summary.get("coinbaseDiff").stringValue());
    }

    private static CallRequest transfer(Address from, Address to, long value) {
        return new CallRequest(2, from, to, new byte[0], UInt256.valueOf(value), 21_000L, null,
                UInt256.valueOf(3 * GWEI), UInt256.valueOf(GWEI), null, null, null, null, null);
    }

    private static void run(SimulationRequest request, List<JsonNode> transactions, List<JsonNode> summaries) {
        FundedAccounts client = new FundedAccounts();
        SimulationExecutor executor = new SimulationExecutor(client, new CodeStore(client, 1 << 20),
                new CodeCache(16), ChainRules.of(ChainSchedule.fromGenesis(1, "test", ChainFork.PRAGUE)), 8,
                new SimulationExecutor.WorkerMetrics() {
                    @Override
                    public void record(String stage, long nanos) {
                    }

                    @Override
                    public void gasUsed(long gas) {
                    }
                });
        JsonMapper json = JsonMapper.builder().build();
        RecordingSink sink = new RecordingSink();
        executor.run(request, RunBudget.of(request), sink);
        assertEquals(List.of(), sink.errors());
        sink.transactions().forEach(record -> transactions.add(json.readTree(record.json())));
        sink.summaries().forEach(record -> summaries.add(json.readTree(record.json())));
    }
}
