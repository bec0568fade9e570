package io.evmsim.worker.rpc;

import io.evmsim.common.simulation.AccountOverride;
import io.evmsim.common.simulation.BlockOverrides;
import io.evmsim.common.simulation.CallRequest;
import io.evmsim.common.simulation.SimulationRequest;
import io.evmsim.common.types.Address;
import io.evmsim.evm.block.BlockContext;
import io.evmsim.evm.block.BlockHashes;
import io.evmsim.evm.chain.BlockRules;
import io.evmsim.evm.fork.ForkRules;
import io.evmsim.evm.precompile.Precompile;
import io.evmsim.evm.state.CodeCache;
import io.evmsim.evm.state.JournaledState;
import io.evmsim.evm.state.WorldState;
import io.evmsim.evm.trace.CompositeTracer;
import io.evmsim.evm.trace.ExecutionTracer;
import io.evmsim.evm.transaction.EvmTransaction;
import io.evmsim.evm.transaction.TransactionProcessor;
import io.evmsim.evm.transaction.TransactionResult;
import io.evmsim.evm.transaction.Validation;
import io.evmsim.statecache.client.BlockHeader;
import io.evmsim.worker.chain.ChainRules;
import io.evmsim.worker.result.ProvenanceJson;
import io.evmsim.worker.simulation.BlockContexts;
import io.evmsim.worker.simulation.PendingBlock;
import io.evmsim.worker.simulation.TransactionFactory;
import io.evmsim.worker.state.OverriddenState;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import tools.jackson.databind.node.ObjectNode;

/**
 * One JSON-RPC request at work: the pinned block, its state session, the chain's rules and the
 * deadline. Builds the states and blocks a method runs on, and runs calls as geth does.
 */
final class RpcRun {
    private final SimulationRequest request;
    private final BlockHeader header;
    private final BlockHeader pendingParent;
    private final ChainRules chain;
    private BlockRules blockRules;
    private final StateSession session;
    private final CodeCache codeCache;
    private final RpcDeadline deadline;
    private final BlockHashes hashes;

    /**
     * @param header the block the methods run in: the pinned block, or the pending block after it
     * @param pendingParent for the pending block, the latest block it follows; otherwise null
     */
    RpcRun(SimulationRequest request, BlockHeader header, BlockHeader pendingParent, ChainRules chain,
            StateSession session, CodeCache codeCache, RpcDeadline deadline, BlockHashes hashes) {
        this.request = request;
        this.header = header;
        this.pendingParent = pendingParent;
        this.chain = chain;
        this.session = session;
        this.codeCache = codeCache;
        this.deadline = deadline;
        this.hashes = hashes;
    }

    SimulationRequest request() {
        return request;
    }

    BlockHeader header() {
        return header;
    }

    /**
     * The rules of a single-block method's block: the pinned block's number and timestamp after the
     * request's block overrides.
     *
     * @throws io.evmsim.evm.chain.UnsupportedForkException when the engine does not implement its fork
     */
    ForkRules rules() {
        if (blockRules == null) {
            blockRules = BlockContexts.rules(chain, header, request.blockOverrides());
        }
        return blockRules.rules();
    }

    /** The rules of another block (eth_simulateV1's simulated blocks). */
    BlockRules rulesAt(long number, long timestamp) {
        return chain.at(number, timestamp);
    }

    BlockHashes hashes() {
        return hashes;
    }

    CodeCache codeCache() {
        return codeCache;
    }

    /**
     * What the run so far rests on ({@link ProvenanceJson}), with the request's state overrides and
     * {@code blockOverrides} (null when the method's block fields are its parameters, not overrides).
     */
    ObjectNode provenance(BlockOverrides blockOverrides) {
        return ProvenanceJson.of(session.unprovenReads(), request.stateOverrides(), blockOverrides);
    }

    /** Runs {@code work} until it completes on fetched state (see {@link StateSession}). */
    <T> T attempt(Function<WorldState, T> work) {
        return session.attempt(work);
    }

    /**
     * A fresh state over the fetched one with the request's overrides; in the pending block, after the
     * system calls the block starts with.
     */
    JournaledState state(WorldState fetched) {
        JournaledState state = state(fetched, request.stateOverrides());
        if (pendingParent != null) {
            PendingBlock.beginBlock(state, block(), rules(), precompiles(), pendingParent);
        }
        return state;
    }

    JournaledState state(WorldState base, Map<Address, AccountOverride> overrides) {
        return new JournaledState(overrides.isEmpty() ? base : new OverriddenState(base, overrides), codeCache);
    }

    /**
     * The block of a single-block method: the pinned header with the request's block overrides;
     * like geth's eth_call, no base fee when validation is off and no call names a fee.
     */
    BlockContext block() {
        return block(request.blockOverrides());
    }

    BlockContext block(BlockOverrides overrides) {
        return block(overrides, request.transactions());
    }

    /** The block of {@code calls}: no base fee when validation is off and none of them names a fee. */
    BlockContext block(BlockOverrides overrides, List<CallRequest> calls) {
        boolean feeless = !request.validation() && calls.stream().allMatch(TransactionFactory::feeless);
        return BlockContexts.of(header, overrides, rules(), hashes, feeless);
    }

    /** The engine for the request's precompiles, after its {@code movePrecompileToAddress} overrides. */
    TransactionProcessor processor() {
        return new TransactionProcessor(rules(), precompiles());
    }

    /** The fork's precompiles, moved as the request's overrides say. */
    Map<Address, Precompile> precompiles() {
        return PrecompileMoves.apply(rules().precompiles(), request.stateOverrides());
    }

    /** A processor under {@code rules}, the fork's own precompiles moved as {@code overrides} say. */
    TransactionProcessor processor(ForkRules rules, Map<Address, AccountOverride> overrides) {
        return new TransactionProcessor(rules, PrecompileMoves.apply(rules.precompiles(), overrides));
    }

    /** Runs the call with the request's validation and gas cap, the deadline watching. */
    Executed run(TransactionProcessor processor, JournaledState state, BlockContext block, CallRequest call,
            ExecutionTracer tracer) {
        EvmTransaction tx = TransactionFactory.build(call, state, block, rules(), request.validation(),
                request.gasCap());
        return run(processor, state, block, tx, tracer,
                request.validation() ? Validation.ENFORCED : Validation.SKIPPED);
    }

    Executed run(TransactionProcessor processor, JournaledState state, BlockContext block, EvmTransaction tx,
            ExecutionTracer tracer, Validation validation) {
        ExecutionTracer watched = tracer == null ? deadline.watchdog()
                : new CompositeTracer(List.of(deadline.watchdog(), tracer));
        TransactionResult result = processor.execute(state, block, tx, watched, validation);
        deadline.afterExecution();
        return new Executed(tx, result);
    }

    /** The one call of a single-call method. */
    CallRequest call() {
        return request.transactions().getFirst();
    }
}
