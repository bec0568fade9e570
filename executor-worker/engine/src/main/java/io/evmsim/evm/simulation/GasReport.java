package io.evmsim.evm.simulation;

import io.evmsim.evm.transaction.IntrinsicGasBreakdown;
import java.util.List;

/**
 * Where one transaction's gas went.
 *
 * @param gasLimit the gas limit it ran with (after a gas cap lowered it, if one did)
 * @param gasUsed gas charged, after the refund and the EIP-7623 floor
 * @param intrinsic the intrinsic cost by part
 * @param execution gas used by execution before the refund
 * @param refundCounter the refund counter at the end
 * @param refundCap EIP-3529's cap: a fifth of the gas used before the refund
 * @param refund the refund granted
 * @param floor the EIP-7623 calldata floor (0 before Prague)
 * @param floorApplied whether the floor set the gas used
 * @param frames gas per call frame, in call-tree pre-order
 */
public record GasReport(long gasLimit, long gasUsed, IntrinsicGasBreakdown intrinsic, long execution,
        long refundCounter, long refundCap, long refund, long floor, boolean floorApplied, List<FrameGas> frames) {
}
