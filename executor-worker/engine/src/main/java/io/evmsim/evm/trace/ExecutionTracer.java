package io.evmsim.evm.trace;

import io.evmsim.evm.interpreter.Frame;
import io.evmsim.evm.interpreter.FrameResult;
import io.evmsim.evm.interpreter.Message;

/**
 * The engine's hook for call traces, gas breakdowns, state diffs and step logs. With no tracer
 * attached the interpreter skips every call, so an absent tracer costs one predictable branch.
 */
public interface ExecutionTracer {
    /** Before an instruction runs: the frame shows pc, gas and stack as they are before it. */
    default void onStep(Frame frame, int opcode) {
    }

    /** A call or creation frame begins. */
    default void onFrameStart(Message message) {
    }

    /** A frame ends; {@code depth} is the message's depth. */
    default void onFrameEnd(Message message, FrameResult result) {
    }
}
