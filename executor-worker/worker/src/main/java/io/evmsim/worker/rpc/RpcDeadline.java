package io.evmsim.worker.rpc;

import io.evmsim.evm.trace.DeadlineWatchdog;
import io.evmsim.statecache.client.CallDeadline;
import io.evmsim.statecache.client.StateCacheException;
import io.evmsim.worker.simulation.RunBudget;
import java.util.function.Supplier;

/**
 * A JSON-RPC request's wall-clock deadline: the engine's {@link DeadlineWatchdog} stops an execution
 * that runs past it, and state-cache requests time out by it ({@link CallDeadline}). Either way the
 * request ends with {@link Exceeded}, answered as geth answers a timed-out call. A cancelled request
 * ends the same way.
 */
final class RpcDeadline {
    private final long deadlineNanos;
    private final DeadlineWatchdog watchdog;

    /** The budget's deadline; its clock jumps past it when the request is cancelled, which stops the run too. */
    RpcDeadline(RunBudget budget) {
        this.deadlineNanos = budget.deadlineNanos();
        this.watchdog = new DeadlineWatchdog(deadlineNanos, budget.clock());
    }

    /** The tracer that interrupts an execution past the deadline. */
    DeadlineWatchdog watchdog() {
        return watchdog;
    }

    /** After an execution: an interrupted one is not an answer. */
    void afterExecution() {
        if (watchdog.fired()) {
            throw new Exceeded();
        }
    }

    /** Before starting more work. */
    void check() {
        if (watchdog.expired()) {
            throw new Exceeded();
        }
    }

    /** A state-cache call that times out by the deadline. */
    <T> T stateCall(Supplier<T> call) {
        check();
        try {
            return CallDeadline.within(deadlineNanos, call);
        } catch (StateCacheException e) {
            check();
            throw e;
        }
    }

    static final class Exceeded extends RuntimeException {
        Exceeded() {
            super("the request's wall-clock deadline passed", null, false, false);
        }
    }
}
