package io.evmsim.worker.simulation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.evmsim.common.simulation.CallRequest;
import io.evmsim.common.simulation.ResultPart;
import io.evmsim.common.simulation.SimulationJson;
import io.evmsim.common.simulation.SimulationKind;
import io.evmsim.common.simulation.SimulationRequest;
import io.evmsim.common.types.Address;
import io.evmsim.evm.chain.ChainFork;
import io.evmsim.evm.chain.ChainSchedule;
import io.evmsim.evm.state.CodeCache;
import io.evmsim.worker.LoopingState;
import io.evmsim.worker.chain.ChainRules;
import io.evmsim.worker.state.CodeStore;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** A REST request's {@code include}: each transaction's result has the parts asked for, and only those. */
class SimulationExecutorIncludeTest {
    /** With the coinbase's figures, which every transaction's result carries (Flashbots' names). */
    private static final Set<String> ALWAYS = Set.of("index", "status", "gasLimit", "gasUsed", "effectiveGasPrice",
            "returnData", "coinbaseDiff", "gasFees", "ethSentToCoinbase");
    /** What a single transaction's result takes from the summary; provenance is cheap, so it is never left out. */
    private static final Set<String> SUMMARY = Set.of("block", "fork", "blobSchedule", "timings", "provenance");

    @Test
    void everyPartByDefault() {
        assertEquals(members(ALWAYS, SUMMARY, Set.of("logs", "gas", "callTree", "stateDiff", "assetChanges",
                "summary", "warnings")), single(ResultPart.ALL).keySet()); // the last two: the preview's
    }

    @Test
    void onlyThePartsAsked() {
        assertEquals(members(ALWAYS, SUMMARY, Set.of("logs")), single(EnumSet.of(ResultPart.LOGS)).keySet());
        assertEquals(members(ALWAYS, SUMMARY, Set.of("stateDiff", "assetChanges")),
                single(EnumSet.of(ResultPart.STATE_DIFF, ResultPart.ASSET_CHANGES)).keySet());
        assertEquals(members(ALWAYS, SUMMARY, Set.of()), single(Set.of()).keySet());
        assertEquals(members(ALWAYS, SUMMARY, Set.of("summary", "warnings")),
                single(EnumSet.of(ResultPart.PREVIEW)).keySet());
    }

    @Test
    void aPartHasTheSameValueAloneAsBesideTheOthers() {
        Map<String, JsonNode> all = single(ResultPart.ALL);
        Map<String, JsonNode> gas = single(EnumSet.of(ResultPart.GAS));
        assertEquals(all.get("gas"), gas.get("gas"), "the gas per frame comes with the call tracer");
        assertEquals(all.get("gasUsed"), gas.get("gasUsed"));
        assertEquals(all.get("stateDiff"), single(EnumSet.of(ResultPart.STATE_DIFF)).get("stateDiff"));
        assertEquals(all.get("callTree"), single(EnumSet.of(ResultPart.CALL_TREE)).get("callTree"));
    }

    private static Set<String> members(Set<String> always, Set<String> summary, Set<String> parts) {
        Set<String> members = new TreeSet<>(always);
        members.addAll(summary);
        members.addAll(parts);
        return members;
    }

    /** The members of a single call's result (its one record), with {@code include}. */
    private static Map<String, JsonNode> single(Set<ResultPart> include) {
        CallRequest call = new CallRequest(null, Address.fromLong(1), Address.fromLong(2), null, null, 100_000L, null,
                null, null, null, null, null, null, null);
        SimulationRequest request = new SimulationRequest("s1", "r1", SimulationKind.SINGLE, "latest", List.of(call),
                Map.of(), null, false, false, 100_000L, 60_000, System.currentTimeMillis(), null, include, Map.of());
        LoopingState client = new LoopingState();
        SimulationExecutor executor = new SimulationExecutor(client, new CodeStore(client, 1 << 20),
                new CodeCache(16), ChainRules.of(ChainSchedule.fromGenesis(1, "test", ChainFork.OSAKA)), 8,
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
        Map<String, JsonNode> members = new java.util.TreeMap<>();
        SimulationJson.mapper().readTree(sink.onlySummary().json()).properties()
                .forEach(member -> members.put(member.getKey(), member.getValue()));
        return members;
    }
}
