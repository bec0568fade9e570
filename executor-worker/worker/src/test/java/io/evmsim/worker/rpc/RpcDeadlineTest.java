package io.evmsim.worker.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evmsim.common.simulation.CallRequest;
import io.evmsim.common.simulation.RpcCall;
import io.evmsim.common.simulation.RpcMethod;
import io.evmsim.common.simulation.SimulationKind;
import io.evmsim.common.simulation.SimulationRequest;
import io.evmsim.common.types.Address;
import io.evmsim.evm.chain.ChainFork;
import io.evmsim.evm.chain.ChainSchedule;
import io.evmsim.evm.state.CodeCache;
import io.evmsim.worker.LoopingState;
import io.evmsim.worker.chain.ChainRules;
import io.evmsim.worker.simulation.RecordingSink;
import io.evmsim.worker.simulation.RunBudget;
import io.evmsim.worker.state.CodeStore;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An eth_call that would run far past its deadline is stopped by the engine's watchdog and answered
 * as a timeout; one cancelled while it runs is stopped the same way; one received after its deadline
 * (counted from acceptance) is answered without running.
 */
class RpcDeadlineTest {
    private static final long GAS = 10_000_000L;

    private static SimulationRequest loop(long deadlineMillis, long submittedAtMillis) {
        CallRequest call = new CallRequest(null, Address.fromLong(1), LoopingState.LOOPER, null, null, GAS, null, null,
                null, null, null, null, null, null);
        RpcCall rpc = new RpcCall(RpcMethod.ETH_CALL, List.of(), false, false, null, List.of());
        return new SimulationRequest("r1", "gateway", SimulationKind.SINGLE, "latest", List.of(call), Map.of(), null,
                false, false, GAS, deadlineMillis, submittedAtMillis, rpc);
    }

    @Test
    void aCallPastItsDeadlineIsAbortedAsATimeout() {
        SimulationRequest request = loop(200, System.currentTimeMillis());
        long started = System.nanoTime();
        AtomicBoolean slept = new AtomicBoolean();
        JsonNode error = answer(new LoopingState(() -> { // one slow read outlasts the deadline
            if (!slept.getAndSet(true)) {
                sleep(400);
            }
        }), request, RunBudget.of(request));
        long elapsedMillis = (System.nanoTime() - started) / 1_000_000;
        assertEquals("execution aborted (timeout = 200ms)", error.get("message").stringValue());
        assertTrue(elapsedMillis < 5_000, "ended after " + elapsedMillis + " ms");
    }

    @Test
    void aCancelledCallIsStoppedByTheWatchdog() {
        SimulationRequest request = loop(60_000, System.currentTimeMillis());
        RunBudget budget = RunBudget.of(request);
        AtomicInteger turns = new AtomicInteger();
        JsonNode error = answer(new LoopingState(() -> { // cancelled at its first turn
            turns.incrementAndGet();
            budget.cancel();
        }), request, budget);
        assertEquals("execution aborted (cancelled: its client went away)", error.get("message").stringValue());
        // stopped by the watchdog within its check interval (256 JUMPDESTs and calls, one JUMPDEST a turn),
        // not run to the end of its gas (270,000 turns)
        assertTrue(turns.get() <= 256 + 1, turns + " turns");
    }

    @Test
    void aCallReceivedAfterItsDeadlineIsAnsweredWithoutRunning() {
        SimulationRequest request = loop(200, System.currentTimeMillis() - 1_000);
        JsonNode error = answer(new LoopingState(), request, RunBudget.of(request));
        assertEquals(RpcError.SERVER_ERROR, error.get("code").intValue());
        String message = error.get("message").stringValue();
        var late = java.util.regex.Pattern.compile("expired: its deadline of 200 ms from acceptance had passed "
                + "(\\d+) ms before a worker received it").matcher(message);
        assertTrue(late.matches(), message);
        assertTrue(Long.parseLong(late.group(1)) >= 800, message);
    }

    /** Runs the request; returns its JSON-RPC error member. */
    private static JsonNode answer(LoopingState client, SimulationRequest request, RunBudget budget) {
        RpcExecutor executor = new RpcExecutor(client, new CodeStore(client, 1 << 20), new CodeCache(16),
                ChainRules.of(ChainSchedule.fromGenesis(1, "test", ChainFork.OSAKA)), 8, 250_000,
                16L << 20);
        RecordingSink sink = new RecordingSink();
        executor.run(request, budget, sink);
        RecordingSink.Published answer = sink.onlySummary();
        assertEquals("error", answer.outcome(), answer.json());
        return JsonMapper.builder().build().readTree(answer.json()).get("error");
    }

    private static void sleep(long millis) {
        try {
            TimeUnit.MILLISECONDS.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
