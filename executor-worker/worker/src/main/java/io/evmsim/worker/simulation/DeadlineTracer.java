package io.evmsim.worker.simulation;

import io.evmsim.evm.interpreter.Frame;
import io.evmsim.evm.trace.ExecutionTracer;

/**
 * Ends an execution that runs past the simulation's wall-clock deadline: the engine has no clock
 * of its own, so the step hook looks at the time every 4,096 instructions.
 */
public final class DeadlineTracer implements ExecutionTracer {
    private static final int CHECK_MASK = 4095;

    private final long deadlineNanos;
    private int steps;

    public DeadlineTracer(long deadlineNanos) {
        this.deadlineNanos = deadlineNanos;
    }

    @Override
    public void onStep(Frame frame, int opcode) {
        if ((++steps & CHECK_MASK) == 0) {
            check();
        }
    }

    public void check() {
        if (System.nanoTime() - deadlineNanos > 0) {
            throw new DeadlineExceededException();
        }
    }

    public static final class DeadlineExceededException extends RuntimeException {
        DeadlineExceededException() {
            super("the simulation's wall-clock deadline passed", null, false, false);
        }
    }
}
