package io.evmsim.evm.simulation;

import io.evmsim.common.types.Address;
import io.evmsim.common.types.UInt256;
import io.evmsim.evm.assets.AssetChanges;
import io.evmsim.evm.decode.RevertReason;
import io.evmsim.evm.trace.call.CallFrame;
import io.evmsim.evm.trace.opcode.StructLogTrace;
import io.evmsim.evm.trace.prestate.AccountSnapshot;
import io.evmsim.evm.trace.prestate.StateDiff;
import io.evmsim.evm.transaction.EvmTransaction;
import io.evmsim.evm.transaction.TransactionResult;
import java.util.List;
import java.util.SortedMap;

/**
 * Everything one simulated transaction produced. For {@link SimulationStatus#INVALID},
 * {@link SimulationStatus#GAS_CAP_EXCEEDED} and {@link SimulationStatus#SKIPPED} only
 * {@code transaction}, {@code status} and (for INVALID) {@code result} are set.
 *
 * @param index the transaction's position in the simulation
 * @param transaction the transaction as it ran (its gas limit lowered by a gas cap, if one did)
 * @param result the engine's result; null when it did not run
 * @param callTree the call tree (geth's callTracer); null when the run did not trace calls
 *     ({@link SimulationOptions#traceCalls()}), and so are {@code assetChanges} and the frames of {@code gas}
 * @param prestate what the accounts and slots it looked at held before it (prestateTracer default mode); null
 *     when the run did not trace the prestate ({@link SimulationOptions#tracePrestate()}), and so is {@code stateDiff}
 * @param stateDiff what it changed (prestateTracer diffMode)
 * @param logs the logs it kept, token events decoded
 * @param revertReason the top frame's decoded revert data, or null
 * @param effectiveGasPrice what a unit of gas cost the sender
 * @param priorityFee what the coinbase earned in fees from it
 * @param structLogs the opcode log, when asked for
 */
public record TransactionSimulation(int index, EvmTransaction transaction, SimulationStatus status,
        TransactionResult result, CallFrame callTree, SortedMap<Address, AccountSnapshot> prestate,
        StateDiff stateDiff, List<DecodedLog> logs, AssetChanges assetChanges, GasReport gas,
        RevertReason revertReason, UInt256 effectiveGasPrice, UInt256 priorityFee, StructLogTrace structLogs) {

    static TransactionSimulation notRun(int index, EvmTransaction tx, SimulationStatus status,
            TransactionResult result) {
        return new TransactionSimulation(index, tx, status, result, null, null, null, List.of(), null, null, null,
                null, null, null);
    }
}
