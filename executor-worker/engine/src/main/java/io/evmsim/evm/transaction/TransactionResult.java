package io.evmsim.evm.transaction;

import io.evmsim.common.types.Address;
import io.evmsim.evm.interpreter.HaltReason;
import io.evmsim.evm.state.Log;
import java.util.List;

/**
 * The outcome of one transaction.
 *
 * @param invalid why it was rejected, or null when it executed
 * @param halt the exceptional halt of the top frame, or null
 * @param reverted the top frame reverted
 * @param gasUsed gas charged to the sender, after the refund and the EIP-7623 floor
 * @param gas the breakdown of that gas
 * @param output return data, revert data, or empty
 * @param logs logs of a successful execution
 * @param createdAddress the new contract for a successful creation
 */
public record TransactionResult(InvalidReason invalid, HaltReason halt, boolean reverted, long gasUsed,
        GasBreakdown gas, byte[] output, List<Log> logs, Address createdAddress) {

    public static TransactionResult invalid(InvalidReason reason) {
        return new TransactionResult(reason, null, false, 0, null, new byte[0], List.of(), null);
    }

    public boolean isValid() {
        return invalid == null;
    }

    public boolean isSuccess() {
        return invalid == null && halt == null && !reverted;
    }
}
