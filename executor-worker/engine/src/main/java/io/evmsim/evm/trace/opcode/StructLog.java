package io.evmsim.evm.trace.opcode;

import io.evmsim.common.types.UInt256;
import java.util.SortedMap;

/**
 * One step of geth's default opcode logger ({@code structLogs} of {@code debug_traceCall}).
 *
 * @param pc program counter
 * @param op the mnemonic as geth writes it
 * @param gas gas left before the instruction
 * @param gasCost what the instruction cost, including the gas a call or creation handed to its frame
 * @param depth call depth, 1 for the transaction's frame (geth counts from 1)
 * @param stack the stack, bottom first; null when disabled
 * @param memory memory before the instruction; null unless enabled
 * @param returnData the return data of the frame's last call before the instruction; null unless enabled
 * @param storage on SLOAD and SSTORE, the slots of the running contract seen so far; null otherwise
 * @param refund the refund counter before the instruction
 * @param error the failure at this step (out of gas, stack under- or overflow), or null
 */
public record StructLog(int pc, String op, long gas, long gasCost, int depth, UInt256[] stack, byte[] memory,
        byte[] returnData, SortedMap<UInt256, UInt256> storage, long refund, String error) {
}
