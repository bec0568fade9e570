package io.evmsim.evm.simulation;

import io.evmsim.evm.trace.opcode.StructLoggerConfig;
import io.evmsim.evm.transaction.Validation;
import java.time.Duration;

/**
 * How a simulation runs.
 *
 * @param validation {@link Validation#ENFORCED} for signed transactions as a block would take them,
 *     {@link Validation#SKIPPED} for eth_call / eth_simulateV1 semantics
 * @param stopAtFirstFailure stop the bundle after the first transaction that reverts, halts or is invalid
 * @param gasCap the most gas all transactions together may use (geth's RPC gas cap); 0 for none.
 *     An unchecked call asking for more is lowered to what is left, as geth lowers it; a checked
 *     (signed) transaction asking for more is not run
 * @param timeLimit wall-clock time for the whole simulation from its start; null for none
 * @param structLogs geth's opcode logger for every transaction; null for none
 * @param feesInAssetChanges whether asset changes include the fees (priority fee to the coinbase,
 *     base and blob fee burned)
 * @param traceCalls attach the call tracer: the call tree, the asset changes and the gas per frame come
 *     from it (null in the result without it)
 * @param tracePrestate attach the prestate tracer: the prestate and the state diff (null without it)
 */
public record SimulationOptions(Validation validation, boolean stopAtFirstFailure, long gasCap, Duration timeLimit,
        StructLoggerConfig structLogs, boolean feesInAssetChanges, boolean traceCalls, boolean tracePrestate) {

    /** Every report: the call and prestate tracers attached. */
    public SimulationOptions(Validation validation, boolean stopAtFirstFailure, long gasCap, Duration timeLimit,
            StructLoggerConfig structLogs, boolean feesInAssetChanges) {
        this(validation, stopAtFirstFailure, gasCap, timeLimit, structLogs, feesInAssetChanges, true, true);
    }

    /** eth_call semantics, the pipeline's defaults: 50,000,000 gas and 5 s. */
    public static SimulationOptions calls() {
        return new SimulationOptions(Validation.SKIPPED, false, 50_000_000L, Duration.ofSeconds(5), null, false);
    }

    /** Signed transactions of a bundle: full validation, stopping at the first failure. */
    public static SimulationOptions bundle() {
        return new SimulationOptions(Validation.ENFORCED, true, 50_000_000L, Duration.ofSeconds(5), null, false);
    }

    public SimulationOptions withStructLogs(StructLoggerConfig config) {
        return new SimulationOptions(validation, stopAtFirstFailure, gasCap, timeLimit, config, feesInAssetChanges,
                traceCalls, tracePrestate);
    }

    public SimulationOptions withTimeLimit(Duration limit) {
        return new SimulationOptions(validation, stopAtFirstFailure, gasCap, limit, structLogs, feesInAssetChanges,
                traceCalls, tracePrestate);
    }

    public SimulationOptions withGasCap(long cap) {
        return new SimulationOptions(validation, stopAtFirstFailure, cap, timeLimit, structLogs, feesInAssetChanges,
                traceCalls, tracePrestate);
    }

    public SimulationOptions withFeesInAssetChanges(boolean include) {
        return new SimulationOptions(validation, stopAtFirstFailure, gasCap, timeLimit, structLogs, include,
                traceCalls, tracePrestate);
    }

    public SimulationOptions withStopAtFirstFailure(boolean stop) {
        return new SimulationOptions(validation, stop, gasCap, timeLimit, structLogs, feesInAssetChanges,
                traceCalls, tracePrestate);
    }

    /** Only the tracers named: a run without one leaves its reports out (see {@link TransactionSimulation}). */
    public SimulationOptions withTracers(boolean calls, boolean prestate) {
        return new SimulationOptions(validation, stopAtFirstFailure, gasCap, timeLimit, structLogs, feesInAssetChanges,
                calls, prestate);
    }
}
