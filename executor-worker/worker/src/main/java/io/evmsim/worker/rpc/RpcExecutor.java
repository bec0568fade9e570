package io.evmsim.worker.rpc;

import io.evmsim.common.simulation.ResultPart;
import io.evmsim.common.simulation.RpcCall;
import io.evmsim.common.simulation.RpcMethod;
import io.evmsim.common.simulation.SimulationError;
import io.evmsim.common.simulation.SimulationJson;
import io.evmsim.common.simulation.SimulationKind;
import io.evmsim.common.simulation.SimulationRequest;
import io.evmsim.evm.chain.UnsupportedForkException;
import io.evmsim.evm.state.CodeCache;
import io.evmsim.statecache.client.BlockHeader;
import io.evmsim.statecache.client.StateCacheClient;
import io.evmsim.statecache.client.StateCacheException;
import io.evmsim.worker.chain.ChainRules;
import io.evmsim.worker.simulation.BlockContexts;
import io.evmsim.worker.simulation.PendingBlock;
import io.evmsim.worker.simulation.ResultSink;
import io.evmsim.worker.simulation.RunBudget;
import io.evmsim.worker.simulation.SimulationExecutor;
import io.evmsim.worker.state.CodeStore;
import io.evmsim.worker.state.PrefetchedState;
import io.evmsim.worker.witness.CapturedResults;
import java.util.EnumSet;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Answers the JSON-RPC methods that run the engine. The answer is one summary record whose payload
 * is the JSON-RPC response's {@code result} or {@code error} member, ready for the gateway to wrap
 * with the request's id; its outcome is success, reverted (code 3), invalid or error.
 */
public final class RpcExecutor {
    private final StateCacheClient client;
    private final CodeStore codes;
    private final CodeCache codeCache;
    private final ChainRules chain;
    private final int maxRounds;
    private final int traceMaxSteps;
    private final long traceMaxBytes;
    private final SimulationExecutor simulations;

    /**
     * @param traceMaxSteps the opcode logger's ceiling on steps
     * @param traceMaxBytes the opcode logger's ceiling on the JSON of its steps
     */
    public RpcExecutor(StateCacheClient client, CodeStore codes, CodeCache codeCache, ChainRules chain, int maxRounds,
            int traceMaxSteps, long traceMaxBytes) {
        this(client, codes, codeCache, chain, maxRounds, traceMaxSteps, traceMaxBytes, null);
    }

    /**
     * @param simulations runs debug_executionWitness as the REST API runs a simulation asked with a witness, so
     *                    both give the same witness; null where that method is not served
     */
    public RpcExecutor(StateCacheClient client, CodeStore codes, CodeCache codeCache, ChainRules chain, int maxRounds,
            int traceMaxSteps, long traceMaxBytes, SimulationExecutor simulations) {
        this.simulations = simulations;
        this.client = client;
        this.codes = codes;
        this.codeCache = codeCache;
        this.chain = chain;
        this.maxRounds = maxRounds;
        this.traceMaxSteps = traceMaxSteps;
        this.traceMaxBytes = traceMaxBytes;
    }

    /**
     * Answers {@code request} within {@code budget}: with a JSON-RPC error, without running it, when its
     * deadline has passed or its client cancelled it; stopped when either happens while it runs.
     */
    public void run(SimulationRequest request, RunBudget budget, ResultSink sink) {
        ObjectNode answer = JsonNodeFactory.instance.objectNode();
        if (budget.cancelled() || budget.expired()) {
            answer.set("error", new RpcError(RpcError.SERVER_ERROR, budget.notRunMessage()).toJson());
            sink.summary("error", answer.toString());
            return;
        }
        RpcDeadline deadline = new RpcDeadline(budget);
        String outcome;
        try {
            answer.set("result", request.rpc().method() == RpcMethod.DEBUG_EXECUTION_WITNESS
                    ? witness(request, budget) : answer(request, deadline));
            outcome = "success";
        } catch (RpcError e) {
            answer.set("error", e.toJson());
            outcome = e.code() == RpcError.REVERTED ? "reverted"
                    : e.code() == RpcError.INTERNAL || e.code() == RpcError.RESPONSE_TOO_LARGE ? "error" : "invalid";
        } catch (UnsupportedForkException e) {
            // geth answers a block it cannot process as invalid params; this names the fork
            answer.set("error", new RpcError(RpcError.INVALID_PARAMS, e.getMessage()).toJson());
            outcome = "invalid";
        } catch (RpcDeadline.Exceeded e) {
            answer.set("error", new RpcError(RpcError.SERVER_ERROR, budget.cancelled()
                    ? "execution aborted (cancelled: its client went away)"
                    : "execution aborted (timeout = " + request.deadlineMillis() + "ms)").toJson());
            outcome = "error";
        } catch (StateCacheException e) {
            answer.set("error", new RpcError(RpcError.INTERNAL, "state unavailable: " + e.getMessage()).toJson());
            outcome = "error";
        }
        sink.summary(outcome, SimulationJson.text(answer));
    }

    private JsonNode answer(SimulationRequest request, RpcDeadline deadline) {
        // pending: on the latest block's state, in the next block's context (eth_simulateV1's blocks, which
        // follow the latest block, are next blocks already)
        boolean pending = PendingBlock.requested(request.block())
                && request.rpc().method() != RpcMethod.ETH_SIMULATE_V1;
        String blockId = PendingBlock.requested(request.block()) ? "latest" : request.block();
        BlockHeader header;
        try {
            header = deadline.stateCall(() -> client.resolveBlock(blockId));
        } catch (StateCacheException e) {
            if (e.status() == 404 || e.status() == 400) {
                throw new RpcError(RpcError.SERVER_ERROR, "header not found");
            }
            throw e;
        }
        PrefetchedState fetched = new PrefetchedState(client, header, codes);
        // every call of the request, eth_simulateV1's across its blocks: the first read can foresee them all
        fetched.hint(PrefetchedState.hintsOf(request.rpc().method() == RpcMethod.ETH_SIMULATE_V1
                ? request.rpc().blocks().stream().flatMap(simulated -> simulated.calls().stream()).toList()
                : request.transactions()));
        StateSession session = new StateSession(fetched, deadline, maxRounds);
        BlockHeader context = pending ? PendingBlock.after(header, chain, request.blockOverrides()) : header;
        RpcRun run = new RpcRun(request, context, pending ? header : null, chain, session, codeCache, deadline,
                BlockContexts.hashes(client, header));
        RpcCall rpc = request.rpc();
        return switch (rpc.method()) {
            case ETH_CALL -> EthCall.answer(run);
            case DEBUG_TRACE_CALL -> TraceCall.answer(run, traceMaxSteps, traceMaxBytes);
            case DEBUG_TRACE_CALL_MANY -> TraceCall.answerMany(run, traceMaxSteps, traceMaxBytes);
            case ETH_SIMULATE_V1 -> SimulateV1.answer(run);
            case ETH_ESTIMATE_GAS -> GasEstimator.answer(run);
            case ETH_CREATE_ACCESS_LIST -> AccessLists.answer(run);
            case ETH_CALL_BUNDLE -> CallBundle.answer(run);
            case DEBUG_EXECUTION_WITNESS -> throw new IllegalStateException("debug_executionWitness runs as a simulation");
        };
    }

    /**
     * debug_executionWitness: the call run as a REST simulation asked with {@code "witness": true}, answered with
     * its witness ({@link io.evmsim.worker.witness.WitnessDocument}), whatever the call's own outcome.
     */
    private JsonNode witness(SimulationRequest request, RunBudget budget) {
        if (simulations == null) {
            throw new RpcError(RpcError.SERVER_ERROR, "debug_executionWitness is not served by this executor");
        }
        SimulationRequest simulation = new SimulationRequest(request.id(), request.replyTo(), SimulationKind.SINGLE,
                request.block(), request.transactions(), request.stateOverrides(), request.blockOverrides(), false,
                request.validation(), request.gasCap(), request.deadlineMillis(), request.submittedAtMillis(), null,
                EnumSet.of(ResultPart.WITNESS), request.abis());
        CapturedResults results = new CapturedResults();
        simulations.run(simulation, budget, results);
        if (results.error() != null) {
            throw new RpcError(results.error() == SimulationError.INVALID_REQUEST ? RpcError.INVALID_PARAMS
                    : RpcError.SERVER_ERROR, results.errorMessage());
        }
        JsonNode witness = SimulationJson.mapper().readTree(results.summary()).get("witness");
        if (witness.has("error")) {
            throw new RpcError(RpcError.INTERNAL, witness.get("error").asString());
        }
        return witness;
    }
}
