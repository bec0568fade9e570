package io.evmsim.evm.trace;

import static io.evmsim.evm.opcode.Opcodes.CALL;
import static io.evmsim.evm.opcode.Opcodes.CALLCODE;
import static io.evmsim.evm.opcode.Opcodes.CREATE;
import static io.evmsim.evm.opcode.Opcodes.CREATE2;
import static io.evmsim.evm.opcode.Opcodes.DELEGATECALL;
import static io.evmsim.evm.opcode.Opcodes.JUMPDEST;
import static io.evmsim.evm.opcode.Opcodes.STATICCALL;

import io.evmsim.evm.interpreter.Frame;
import io.evmsim.evm.opcode.OpcodeSet;
import java.util.function.LongSupplier;

/**
 * Stops execution at a wall-clock deadline: it counts the JUMPDESTs and calls a transaction passes
 * (every loop turns on a JUMPDEST, so between two of them runs at most the straight-line code of
 * one contract), reads the clock every {@value #CHECK_INTERVAL} of them, and once past the deadline
 * it interrupts every frame at its next JUMPDEST or call, so the transaction unwinds within a
 * contract's length of instructions per frame and ends with
 * {@link io.evmsim.evm.interpreter.HaltReason#INTERRUPTED}. One instance serves a whole simulation.
 */
public final class DeadlineWatchdog implements ExecutionTracer {
    /** Steps between clock reads: a read costs tens of nanoseconds, a loop turn some tens of instructions. */
    static final int CHECK_INTERVAL = 256;
    private static final OpcodeSet STEPS = OpcodeSet.of(JUMPDEST, CALL, CALLCODE, DELEGATECALL, STATICCALL, CREATE,
            CREATE2);

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
    public OpcodeSet steps() {
        return STEPS;
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
