package io.evmsim.evm.simulation;

import io.evmsim.evm.block.BlockContext;
import java.math.BigInteger;
import java.util.List;

/**
 * The result of a bundle: the transactions of one block context, run in order on one state.
 *
 * @param block the block context used (after overrides)
 * @param transactions one result per transaction given, in order
 * @param totalGasUsed gas used by all of them
 * @param coinbaseGain what the coinbase's balance gained (negative when it paid more than it got):
 *     priority fees and direct payments (Flashbots' {@code coinbaseDiff})
 * @param priorityFees the part of the gain paid as priority fees (Flashbots' {@code gasFees})
 * @param effectiveGasPrice the gain per unit of gas used (Flashbots' {@code bundleGasPrice}); zero
 *     when no gas was used
 * @param stoppedBy why the bundle stopped early, or null when every transaction ran
 */
public record BlockSimulation(BlockContext block, List<TransactionSimulation> transactions, long totalGasUsed,
        BigInteger coinbaseGain, BigInteger priorityFees, BigInteger effectiveGasPrice, SimulationStatus stoppedBy) {

    /** Flashbots' {@code ethSentToCoinbase}: the gain beyond fees. */
    public BigInteger directPayments() {
        return coinbaseGain.subtract(priorityFees);
    }
}
