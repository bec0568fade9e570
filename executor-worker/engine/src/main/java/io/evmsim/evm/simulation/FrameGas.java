package io.evmsim.evm.simulation;

import io.evmsim.common.types.Address;
import io.evmsim.evm.trace.call.CallType;

/**
 * The gas of one call frame, in call-tree pre-order.
 *
 * @param depth 0 for the transaction's frame
 * @param gas gas given to the frame (the gas limit for the top frame)
 * @param gasUsed gas the frame used, its sub-frames included (the transaction's gas used at the top)
 */
public record FrameGas(int depth, CallType type, Address to, long gas, long gasUsed) {
}
