package io.evmsim.worker.simulation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evmsim.common.bytes.Hex;
import io.evmsim.common.crypto.Keccak;
import io.evmsim.common.simulation.AccountOverride;
import io.evmsim.common.simulation.BlockOverrides;
import io.evmsim.common.simulation.CallRequest;
import io.evmsim.common.simulation.SimulationKind;
import io.evmsim.common.simulation.SimulationRequest;
import io.evmsim.common.simulation.StateProvenance;
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
import io.evmsim.worker.state.BlockStateCache;
import io.evmsim.worker.state.CodeStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A result's {@code provenance}: the reads the state cache said were not proven, through the worker's own cache
 * too, and the state the request overrode.
 */
class ResultProvenanceTest {
    private static final BlockHeader BLOCK = new BlockHeader(1, Hash.fromHex("0x" + "22".repeat(32)), Hash.ZERO,
            Hash.ZERO, 1_700_000_000L, UInt256.ZERO, 30_000_000L, Address.fromLong(0xc0), Hash.ZERO, 0, 1);
    private static final Address SENDER = Address.fromLong(0xa1);
    private static final Address READER = Address.fromLong(0xb1);
    /** PUSH1 1 SLOAD STOP: reads slot 1. */
    private static final byte[] READS_SLOT_1 = Hex.decode("0x60015400");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** The sender's fields were carried by the head follower, and so was the reader's slot 1; the rest is proven. */
    private static final class CarriedState implements StateCacheClient {
        int reads;

        @Override
        public BlockHeader resolveBlock(String blockId) {
            return BLOCK;
        }

        @Override
        public List<AccountData> read(BlockHeader block, Map<Address, Set<UInt256>> slotsByAccount) {
            reads++;
            List<AccountData> accounts = new ArrayList<>();
            slotsByAccount.forEach((address, keys) -> {
                Map<UInt256, UInt256> slots = new HashMap<>();
                Map<UInt256, StateProvenance> unproven = new HashMap<>();
                keys.forEach(key -> {
                    slots.put(key, UInt256.valueOf(5));
                    if (address.equals(READER) && key.equals(UInt256.ONE)) {
                        unproven.put(key, StateProvenance.CARRIED);
                    }
                });
                boolean reader = address.equals(READER);
                accounts.add(new AccountData(address, true, 0, UInt256.valueOf(1_000_000_000_000_000L),
                        reader ? Keccak.hash(READS_SLOT_1) : Hash.EMPTY_CODE, Hash.fromHex("0x" + "33".repeat(32)),
                        slots, AccountData.Unproven.of(address.equals(SENDER) ? StateProvenance.CARRIED
                                : StateProvenance.PROVEN, unproven)));
            });
            return accounts;
        }

        @Override
        public Map<Hash, byte[]> code(Set<Hash> codeHashes) {
            Map<Hash, byte[]> code = new HashMap<>();
            codeHashes.forEach(hash -> code.put(hash, READS_SLOT_1));
            return code;
        }

        @Override
        public Hash blockHash(BlockHeader pinned, long number) {
            throw new UnsupportedOperationException("no BLOCKHASH here");
        }

        @Override
        public ChainDescription chain() {
            throw new UnsupportedOperationException("this test gives its chain schedule itself");
        }
    }

    @Test
    void carriedReadsAreNamedAlsoWhenServedFromTheWorkersCache() {
        CarriedState state = new CarriedState();
        BlockStateCache cache = new BlockStateCache(state, Duration.ofSeconds(1), 1_000, 1_000);
        SimulationRequest call = request(SENDER, Map.of(), null);

        int readsOfFirstRun = 0;
        for (int run = 0; run < 2; run++) {
            JsonNode provenance = run(cache, call).get("provenance");
            readsOfFirstRun = run == 0 ? state.reads : readsOfFirstRun;
            assertFalse(provenance.get("proven").booleanValue(), provenance.toString());
            assertEquals(2, provenance.get("unprovenReads").intValue(), provenance.toString());
            assertEquals(JSON.readTree("[{\"address\":\"" + SENDER + "\",\"source\":\"CARRIED\"},"
                    + "{\"address\":\"" + READER + "\",\"slot\":\"0x1\",\"source\":\"CARRIED\"}]"),
                    provenance.get("unproven"), provenance.toString());
            assertEquals(0, provenance.get("overridden").size());
        }
        assertEquals(readsOfFirstRun, state.reads, "the second simulation was served from the worker's cache");
    }

    @Test
    void provenStateSaysProvenAndNothingElse() {
        // a proven sender paying a proven account without code: nothing carried is read
        CallRequest transfer = new CallRequest(2, Address.fromLong(0xa9), Address.fromLong(0xb9), new byte[0],
                UInt256.ZERO, 100_000L, null, UInt256.ZERO, UInt256.ZERO, null, null, null, null, null);
        SimulationRequest call = new SimulationRequest("p2", "r2", SimulationKind.SINGLE, "latest", List.of(transfer),
                Map.of(), null, false, false, 50_000_000L, 10_000, System.currentTimeMillis());
        JsonNode provenance = run(new CarriedState(), call).get("provenance");
        assertEquals(JSON.readTree("{\"proven\":true}"), provenance);
    }

    @Test
    void overriddenStateAndBlockFieldsAreNamedOverriddenNotProven() {
        Address other = Address.fromLong(0xa9);
        SimulationRequest call = request(other, Map.of(READER,
                new AccountOverride(UInt256.ONE, null, null, null, Map.of(UInt256.ONE, UInt256.valueOf(9)))),
                new BlockOverrides(null, 1_800_000_000L, null, null, null, null, null));
        JsonNode provenance = run(new CarriedState(), call).get("provenance");

        assertFalse(provenance.get("proven").booleanValue());
        assertEquals(0, provenance.get("unprovenReads").intValue(), "slot 1 was overridden, so not read: " + provenance);
        assertEquals(JSON.readTree("[{\"address\":\"" + READER + "\",\"fields\":[\"balance\",\"stateDiff\"],"
                + "\"source\":\"OVERRIDDEN\"},{\"block\":[\"timestamp\"],\"source\":\"OVERRIDDEN\"}]"),
                provenance.get("overridden"));
        assertEquals(1, provenance.get("overriddenAccounts").intValue());
    }

    private static SimulationRequest request(Address from, Map<Address, AccountOverride> overrides,
            BlockOverrides block) {
        CallRequest call = new CallRequest(2, from, READER, new byte[0], UInt256.ZERO, 100_000L, null,
                UInt256.ZERO, UInt256.ZERO, null, null, null, null, null);
        return new SimulationRequest("p1", "r1", SimulationKind.SINGLE, "latest", List.of(call), overrides, block,
                false, false, 50_000_000L, 10_000, System.currentTimeMillis());
    }

    private static JsonNode run(StateCacheClient client, SimulationRequest request) {
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
        RecordingSink sink = new RecordingSink();
        executor.run(request, RunBudget.of(request), sink);
        assertEquals(List.of(), sink.errors());
        assertTrue(sink.transactions().isEmpty(), "a single transaction's result is its summary");
        return JSON.readTree(sink.summaries().getFirst().json());
    }
}
