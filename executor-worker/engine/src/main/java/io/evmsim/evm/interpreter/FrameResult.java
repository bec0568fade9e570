package io.evmsim.evm.interpreter;

import io.evmsim.common.types.Address;

/**
 * How a call frame ended.
 *
 * @param halt null on success or revert; the reason on an exceptional halt
 * @param reverted true for REVERT (gas left is returned, state undone)
 * @param gasLeft gas returned to the caller
 * @param output return data, revert data, or a successful creation's deployed code
 * @param createdAddress the new contract's address for a successful CREATE/CREATE2
 */
public record FrameResult(HaltReason halt, boolean reverted, long gasLeft, byte[] output, Address createdAddress) {
    private static final byte[] NONE = new byte[0];

    public static FrameResult success(long gasLeft, byte[] output) {
        return new FrameResult(null, false, gasLeft, output, null);
    }

    /** A successful creation; {@code code} is the deployed code, what geth returns as a creation's output. */
    public static FrameResult created(long gasLeft, Address address, byte[] code) {
        return new FrameResult(null, false, gasLeft, code, address);
    }

    public static FrameResult revert(long gasLeft, byte[] output) {
        return new FrameResult(null, true, gasLeft, output, null);
    }

    public static FrameResult halt(HaltReason reason) {
        return new FrameResult(reason, false, 0, NONE, null);
    }

    /** A call that never started (depth limit, insufficient balance): all gas comes back. */
    public static FrameResult notStarted(long gas) {
        return new FrameResult(null, true, gas, NONE, null);
    }

    public boolean isSuccess() {
        return halt == null && !reverted;
    }
}
