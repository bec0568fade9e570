package io.evmsim.evm.trace;

import io.evmsim.common.types.Address;
import io.evmsim.common.types.UInt256;
import io.evmsim.evm.block.BlockContext;
import io.evmsim.evm.interpreter.CallRejection;
import io.evmsim.evm.interpreter.Frame;
import io.evmsim.evm.interpreter.FrameResult;
import io.evmsim.evm.interpreter.Message;
import io.evmsim.evm.opcode.OpcodeSet;
import io.evmsim.evm.state.Log;
import io.evmsim.evm.transaction.EvmTransaction;
import io.evmsim.evm.transaction.TransactionResult;

/**
 * The engine's hook for call traces, gas breakdowns, state diffs and step logs. With no tracer
 * attached the interpreter skips every call, so an absent tracer costs one predictable branch.
 * Every method has an empty default: a tracer implements only what it listens to.
 */
public interface ExecutionTracer {
    /**
     * A valid transaction is about to buy its gas: nothing of it has changed the state yet (the
     * moment geth's {@code OnTxStart} marks). Invalid transactions get neither this nor
     * {@link #onTransactionEnd}.
     */
    default void onTransactionStart(EvmTransaction tx, BlockContext block) {
    }

    /** The transaction is finished: fees paid, EIP-161 and EIP-6780 removals done. */
    default void onTransactionEnd(EvmTransaction tx, TransactionResult result) {
    }

    /**
     * Before an instruction of {@link #steps()} runs: the frame shows pc, gas and stack as they are
     * before it.
     */
    default void onStep(Frame frame, int opcode) {
    }

    /**
     * The instructions {@link #onStep} is called for, read once when an execution starts: every one
     * unless the tracer needs fewer. A tracer of frames or of a few state-naming instructions says
     * so, and the interpreter skips the step hook everywhere else.
     */
    default OpcodeSet steps() {
        return OpcodeSet.ALL;
    }

    /** A call or creation frame begins. */
    default void onFrameStart(Message message) {
    }

    /** A frame ends; {@code depth} is the message's depth. */
    default void onFrameEnd(Message message, FrameResult result) {
    }

    /**
     * A call or creation that never started a frame (depth limit, balance short of the value,
     * creator nonce at its maximum): the caller gets all the gas back and a failure.
     */
    default void onCallRejected(Message message, CallRejection reason) {
    }

    /** A frame halted exceptionally: the frame shows pc and stack where it stopped. */
    default void onHalt(Frame frame) {
    }

    /** LOG0..LOG4 recorded a log in the executing frame. */
    default void onLog(Log log) {
    }

    /** SELFDESTRUCT in the executing frame moved {@code balance} to the beneficiary. */
    default void onSelfDestruct(Address contract, Address beneficiary, UInt256 balance) {
    }
}
