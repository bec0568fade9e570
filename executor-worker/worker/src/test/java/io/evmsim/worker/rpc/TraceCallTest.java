package io.evmsim.worker.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.evmsim.common.bytes.Hex;
import io.evmsim.common.simulation.BlockOverrides;
import io.evmsim.common.simulation.CallRequest;
import io.evmsim.common.simulation.RpcCall;
import io.evmsim.common.simulation.RpcMethod;
import io.evmsim.common.simulation.SimulatedBlock;
import io.evmsim.common.simulation.SimulationKind;
import io.evmsim.common.simulation.SimulationRequest;
import io.evmsim.common.simulation.TraceOptions;
import io.evmsim.common.types.Address;
import io.evmsim.common.types.Hash;
import io.evmsim.common.types.UInt256;
import io.evmsim.evm.chain.ChainFork;
import io.evmsim.statecache.client.BlockHeader;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** debug_traceCall's callTracer frames in geth's shape ({@code eth/tracers/native/call.go}); debug_traceCallMany. */
class TraceCallTest {
    private static final BlockHeader PINNED = new BlockHeader(100, Hash.fromHex("0x" + "11".repeat(32)), Hash.ZERO,
            Hash.ZERO, 1_700_000_000L, UInt256.ONE, 30_000_000L, Address.fromLong(0xfee), Hash.ZERO, 0, 1);
    /** STATICCALL(GAS, 0xbeef, no input, no output): an account without code, so it returns nothing; then STOP. */
    private static final Address CALLS_EMPTY = Address.fromLong(0xca11);
    /** Returns the word 42. */
    private static final Address ANSWERS = Address.fromLong(0x42);
    /** Adds one to slot 0 and returns the new value. */
    private static final Address COUNTER = Address.fromLong(0xc0c0);
    /** Returns NUMBER. */
    private static final Address NUMBER_READER = Address.fromLong(0x4e);
    private static final Map<Address, byte[]> CODE = Map.of(CALLS_EMPTY, Hex.decode("0x5f5f5f5f61beef5afa00"),
            ANSWERS, Hex.decode("0x602a5f5260205ff3"), COUNTER, Hex.decode("0x5f54600101805f555f5260205ff3"),
            NUMBER_READER, Hex.decode("0x435f5260205ff3"));

    @Test
    void framesThatReturnedNothingHaveNoOutput() {
        // geth's callFrame has `output,omitempty` (anvil too): "output":"0x" would not be geth's answer
        JsonNode top = trace(CALLS_EMPTY);
        assertFalse(top.has("output"), top.toString());
        JsonNode child = top.get("calls").get(0);
        assertEquals(Address.fromLong(0xbeef).toString(), child.get("to").stringValue());
        assertFalse(child.has("output"), child.toString());

        JsonNode answering = trace(ANSWERS);
        assertEquals("0x" + "0".repeat(62) + "2a", answering.get("output").stringValue());
    }

    @Test
    void traceCallManyRunsItsBundlesInOrderOnOneStateEachInItsBlock() {
        // debug_traceCallMany: the counter's slot carries from call to call and from bundle to bundle;
        // the second bundle's blockOverride numbers its block
        SimulatedBlock first = new SimulatedBlock(null, Map.of(), List.of(call(COUNTER), call(COUNTER)));
        SimulatedBlock second = new SimulatedBlock(new BlockOverrides(500L, null, null, null, null, null, null),
                Map.of(), List.of(call(COUNTER), call(NUMBER_READER)));
        RpcCall rpc = new RpcCall(RpcMethod.DEBUG_TRACE_CALL_MANY, List.of(first, second), false, false,
                new TraceOptions(TraceOptions.CALL_TRACER, false, false, false, false, false, false, false, 0),
                List.of());
        JsonNode bundles = answer(List.of(), rpc).get("result");
        assertEquals(2, bundles.size());
        assertEquals(word(1), bundles.get(0).get(0).get("output").stringValue());
        assertEquals(word(2), bundles.get(0).get(1).get("output").stringValue());
        assertEquals(word(3), bundles.get(1).get(0).get("output").stringValue());
        assertEquals(word(500), bundles.get(1).get(1).get("output").stringValue());
        assertEquals("CALL", bundles.get(1).get(1).get("type").stringValue());
    }

    private static String word(long value) {
        String digits = Long.toHexString(value);
        return "0x" + "0".repeat(64 - digits.length()) + digits;
    }

    private static CallRequest call(Address to) {
        return new CallRequest(null, Address.fromLong(0xc000), to, new byte[0], null, 100_000L, null, null, null,
                null, null, null, null, null);
    }

    private static JsonNode answer(List<CallRequest> transactions, RpcCall rpc) {
        SimulationRequest request = new SimulationRequest("t1", "gateway", SimulationKind.SINGLE, "latest",
                transactions, Map.of(), null, false, false, 50_000_000L, 10_000, System.currentTimeMillis(), rpc);
        JsonNode answer = CodeOnlyChain.answer(new CodeOnlyChain(PINNED, CODE), ChainFork.PRAGUE, request);
        assertEquals(null, answer.get("error"), answer.toString());
        return answer;
    }

    private static JsonNode trace(Address to) {
        CallRequest call = new CallRequest(null, Address.fromLong(0xc000), to, new byte[0], null, 100_000L, null,
                null, null, null, null, null, null, null);
        RpcCall rpc = new RpcCall(RpcMethod.DEBUG_TRACE_CALL, List.of(), false, false,
                new TraceOptions(TraceOptions.CALL_TRACER, false, false, false, false, false, false, false, 0),
                List.of());
        SimulationRequest request = new SimulationRequest("t1", "gateway", SimulationKind.SINGLE, "latest",
                List.of(call), Map.of(), null, false, false, 50_000_000L, 10_000, System.currentTimeMillis(), rpc);
        JsonNode answer = CodeOnlyChain.answer(new CodeOnlyChain(PINNED, CODE), ChainFork.PRAGUE, request);
        assertEquals(null, answer.get("error"), answer.toString());
        return answer.get("result");
    }
}
