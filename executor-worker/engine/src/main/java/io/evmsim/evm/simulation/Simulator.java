package io.evmsim.evm.simulation;

import io.evmsim.common.types.Address;
import io.evmsim.common.types.UInt256;
import io.evmsim.evm.assets.AssetChangeCollector;
import io.evmsim.evm.assets.AssetChanges;
import io.evmsim.evm.block.BlockContext;
import io.evmsim.evm.decode.RevertReason;
import io.evmsim.evm.decode.TokenEventDecoder;
import io.evmsim.evm.fork.BlobSchedule;
import io.evmsim.evm.fork.ForkRules;
import io.evmsim.evm.interpreter.HaltReason;
import io.evmsim.evm.precompile.Precompile;
import io.evmsim.evm.state.CodeCache;
import io.evmsim.evm.state.JournaledState;
import io.evmsim.evm.state.Log;
import io.evmsim.evm.state.WorldState;
import io.evmsim.evm.trace.CompositeTracer;
import io.evmsim.evm.trace.DeadlineWatchdog;
import io.evmsim.evm.trace.ExecutionTracer;
import io.evmsim.evm.trace.call.CallFrame;
import io.evmsim.evm.trace.call.CallTracer;
import io.evmsim.evm.trace.opcode.StructLogger;
import io.evmsim.evm.trace.prestate.PrestateTracer;
import io.evmsim.evm.transaction.EvmTransaction;
import io.evmsim.evm.transaction.GasBreakdown;
import io.evmsim.evm.transaction.IntrinsicGas;
import io.evmsim.evm.transaction.TransactionProcessor;
import io.evmsim.evm.transaction.TransactionResult;
import io.evmsim.evm.transaction.Validation;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Runs simulations: ordered transactions on one {@link JournaledState} over any {@link WorldState},
 * each seeing the effects of those before it, with state and block overrides, a gas cap and a
 * wall-clock limit, and for every transaction the call tree, state diff, decoded logs, asset changes
 * and gas report. One instance is one simulation: its clock starts when it is created, and its
 * state carries from one {@link #runBlock} to the next (eth_simulateV1's consecutive blocks).
 * Not thread-safe; run it on one (virtual) thread.
 */
public final class Simulator {
    private final ForkRules rules;
    private final SimulationOptions options;
    private final JournaledState state;
    private final DeadlineWatchdog watchdog;
    private Map<Address, Precompile> precompiles;
    private long gasLeftInCap;
    private boolean stopped;

    public Simulator(WorldState world, CodeCache codeCache, ForkRules rules, SimulationOptions options) {
        this(world, codeCache, rules, options, System::nanoTime);
    }

    /** With a nanosecond clock of the caller's choosing, for tests of the time limit. */
    public Simulator(WorldState world, CodeCache codeCache, ForkRules rules, SimulationOptions options,
            LongSupplier clock) {
        this.rules = rules;
        this.options = options;
        this.state = new JournaledState(world, codeCache);
        this.watchdog = options.timeLimit() == null ? null
                : new DeadlineWatchdog(clock.getAsLong() + options.timeLimit().toNanos(), clock);
        this.precompiles = rules.precompiles();
        this.gasLeftInCap = options.gasCap() > 0 ? options.gasCap() : Long.MAX_VALUE;
    }

    /** The state as the simulation has left it so far. */
    public JournaledState state() {
        return state;
    }

    /** Runs a bundle in one block, without overrides. */
    public BlockSimulation runBlock(BlockContext block, List<EvmTransaction> transactions) {
        return runBlock(block, BlockOverrides.NONE, Map.of(), transactions, result -> { });
    }

    /**
     * Runs transactions in one block context after applying overrides, handing each result to
     * {@code onTransaction} as soon as it is ready (for streaming), then returns the bundle.
     *
     * @throws InvalidOverrideException when a state override cannot be applied (nothing has run then)
     */
    public BlockSimulation runBlock(BlockContext baseBlock, BlockOverrides blockOverrides,
            Map<Address, AccountOverride> stateOverrides, List<EvmTransaction> transactions,
            Consumer<TransactionSimulation> onTransaction) {
        BlockContext block = blockOverrides.applyTo(baseBlock);
        precompiles = StateOverrides.apply(state, stateOverrides, precompiles);
        TransactionProcessor processor = new TransactionProcessor(rules, precompiles);
        UInt256 coinbaseBefore = state.account(block.coinbase()).balance();
        List<TransactionSimulation> results = new ArrayList<>(transactions.size());
        long totalGas = 0;
        BigInteger priorityFees = BigInteger.ZERO;
        SimulationStatus stoppedBy = stopped ? SimulationStatus.SKIPPED : null;
        for (int i = 0; i < transactions.size(); i++) {
            TransactionSimulation one = stoppedBy != null
                    ? TransactionSimulation.notRun(i, transactions.get(i), SimulationStatus.SKIPPED, null)
                    : runOne(i, processor, block, transactions.get(i));
            if (one.result() != null && one.result().isValid()) {
                totalGas += one.result().gasUsed();
                priorityFees = priorityFees.add(one.priorityFee().toBigInteger());
            }
            if (stoppedBy == null && stops(one.status())) {
                stoppedBy = one.status();
                stopped = one.status() == SimulationStatus.TIME_LIMIT_EXCEEDED || stopped;
            }
            results.add(one);
            onTransaction.accept(one);
        }
        BigInteger gain = state.account(block.coinbase()).balance().toBigInteger()
                .subtract(coinbaseBefore.toBigInteger());
        BigInteger price = totalGas == 0 ? BigInteger.ZERO : gain.divide(BigInteger.valueOf(totalGas));
        return new BlockSimulation(block, List.copyOf(results), totalGas, gain, priorityFees, price, stoppedBy);
    }

    private boolean stops(SimulationStatus status) {
        return switch (status) {
            case TIME_LIMIT_EXCEEDED, GAS_CAP_EXCEEDED -> true;
            case REVERTED, HALTED, INVALID -> options.stopAtFirstFailure();
            case SUCCESS, SKIPPED -> false;
        };
    }

    private TransactionSimulation runOne(int index, TransactionProcessor processor, BlockContext block,
            EvmTransaction requested) {
        if (watchdog != null && watchdog.expired()) {
            return TransactionSimulation.notRun(index, requested, SimulationStatus.TIME_LIMIT_EXCEEDED, null);
        }
        EvmTransaction tx = withinGasCap(requested);
        if (tx == null) {
            return TransactionSimulation.notRun(index, requested, SimulationStatus.GAS_CAP_EXCEEDED, null);
        }
        // only the tracers the asked reports need: each one attached costs every step and frame
        CallTracer calls = options.traceCalls() ? new CallTracer() : null;
        PrestateTracer prestate = options.tracePrestate() ? new PrestateTracer(state) : null;
        StructLogger structLogger = options.structLogs() == null ? null
                : new StructLogger(state, options.structLogs());
        ExecutionTracer tracer = CompositeTracer.of(calls, prestate, structLogger, watchdog);
        TransactionResult result = processor.execute(state, block, tx, tracer, options.validation());
        if (!result.isValid()) {
            return TransactionSimulation.notRun(index, tx, SimulationStatus.INVALID, result);
        }
        gasLeftInCap -= result.gasUsed();
        UInt256 price = TransactionProcessor.gasPrice(tx, block, options.validation());
        UInt256 priorityFee = TransactionProcessor.tipPerGas(price, block).multiplyExact(result.gasUsed());
        CallFrame root = calls == null ? null : calls.root();
        AssetChangeCollector.Fees fees = options.feesInAssetChanges()
                ? new AssetChangeCollector.Fees(tx.sender(), block.coinbase(), priorityFee,
                        price.multiplyExact(result.gasUsed()).sub(priorityFee).add(blobFee(tx, block)))
                : null;
        AssetChanges assets = calls == null ? null : AssetChangeCollector.collect(root, fees);
        RevertReason reason = result.reverted() ? RevertReason.decode(result.output()) : null;
        return new TransactionSimulation(index, tx, status(result), result, root,
                prestate == null ? null : prestate.prestate(), prestate == null ? null : prestate.diff(),
                decodedLogs(result.logs()), assets, gasReport(tx, result, root), reason, price, priorityFee,
                structLogger == null ? null : structLogger.result());
    }

    /** The transaction within what the gas cap has left, lowered if unchecked; null when it may not run. */
    private EvmTransaction withinGasCap(EvmTransaction tx) {
        if (tx.gasLimit() <= gasLeftInCap) {
            return tx;
        }
        boolean lowerable = options.validation() == Validation.SKIPPED
                && gasLeftInCap >= Math.max(IntrinsicGas.of(tx, rules), IntrinsicGas.floor(tx, rules));
        return lowerable ? tx.withGasLimit(gasLeftInCap) : null;
    }

    private static UInt256 blobFee(EvmTransaction tx, BlockContext block) {
        return tx.type() == 3
                ? block.blobBaseFee().multiplyExact(BlobSchedule.GAS_PER_BLOB * tx.blobVersionedHashes().size())
                : UInt256.ZERO;
    }

    private SimulationStatus status(TransactionResult result) {
        if (result.halt() == HaltReason.INTERRUPTED || (watchdog != null && watchdog.fired())) {
            return SimulationStatus.TIME_LIMIT_EXCEEDED;
        }
        if (result.halt() != null) {
            return SimulationStatus.HALTED;
        }
        return result.reverted() ? SimulationStatus.REVERTED : SimulationStatus.SUCCESS;
    }

    private static List<DecodedLog> decodedLogs(List<Log> logs) {
        List<DecodedLog> decoded = new ArrayList<>(logs.size());
        for (int i = 0; i < logs.size(); i++) {
            decoded.add(new DecodedLog(i, logs.get(i), TokenEventDecoder.decode(logs.get(i))));
        }
        return List.copyOf(decoded);
    }

    private GasReport gasReport(EvmTransaction tx, TransactionResult result, CallFrame root) {
        GasBreakdown gas = result.gas();
        List<FrameGas> frames = new ArrayList<>();
        if (root != null) {
            addFrames(root, 0, frames);
        }
        return new GasReport(tx.gasLimit(), result.gasUsed(), IntrinsicGas.breakdown(tx, rules), gas.execution(),
                gas.refundCounter(), gas.refundCap(), gas.refund(), gas.floor(), gas.floorApplied(),
                List.copyOf(frames));
    }

    private static void addFrames(CallFrame frame, int depth, List<FrameGas> frames) {
        frames.add(new FrameGas(depth, frame.type(), frame.to(), frame.gas(), frame.gasUsed()));
        for (CallFrame child : frame.calls()) {
            addFrames(child, depth + 1, frames);
        }
    }
}
