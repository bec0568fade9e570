package io.evmsim.evm.trace;

import io.evmsim.evm.interpreter.Frame;
import java.util.function.LongSupplier;

/**
 * Stops execution at a wall-clock deadline: every {@value #CHECK_INTERVAL} instructions it reads
 * the clock, and once past the deadline it interrupts every frame at its next step, so the
 * transaction unwinds within a few instructions per frame and ends with
 * {@link io.evmsim.evm.interpreter.HaltReason#INTERRUPTED}. One instance serves a whole simulation.
 */
public final class DeadlineWatchdog implements ExecutionTracer {
    /** Instructions between clock reads: a read costs tens of nanoseconds, an instruction a few. */
    static final int CHECK_INTERVAL = 1024;

    private final long deadlineNanos;
    private final LongSupplier clock;
    private int untilCheck = CHECK_INTERVAL;
    private boolean expired;
    private boolean fired;

    /** @param clock nanosecond clock ({@code System::nanoTime}) */
    public DeadlineWatchdog(long deadlineNanos, LongSupplier clock) {
        this.deadlineNanos = deadlineNanos;
        this.clock = clock;
    }

    /** Whether the deadline has passed (checked now, not only at the last step). */
    public boolean expired() {
        if (!expired && clock.getAsLong() - deadlineNanos >= 0) {
            expired = true;
        }
        return expired;
    }

    /** Whether it has interrupted a frame: an execution that ran past the deadline is not a result. */
    public boolean fired() {
        return fired;
    }

    @Override
    public void onStep(Frame frame, int opcode) {
        if (!expired && --untilCheck > 0) {
            return;
        }
        untilCheck = CHECK_INTERVAL;
        if (expired()) {
            fired = true;
            frame.interrupt();
        }
    }
}
