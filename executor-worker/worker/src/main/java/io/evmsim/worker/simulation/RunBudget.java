package io.evmsim.worker.simulation;

import io.evmsim.common.simulation.SimulationRequest;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * What a simulation may still spend: the time to its deadline, counted from when the gateway
 * accepted it ({@link SimulationRequest#submittedAtMillis()} plus {@link SimulationRequest#deadlineMillis()}),
 * unless its client cancels it first.
 *
 * <p>Clocks: the acceptance time is the gateway's wall clock, read here against the worker's, so the
 * two are assumed synchronised (NTP: milliseconds apart). A skew cannot stretch a budget: what is left
 * is never more than the whole budget (a worker whose clock runs behind grants at most
 * {@code deadlineMillis} from when it picks the request up), and a worker whose clock runs ahead
 * shortens every budget by its skew, no more. Past the acceptance reading, time is measured on the
 * worker's monotonic clock.
 */
public final class RunBudget {
    /** How far ahead a cancelled run's clock jumps: past any deadline a simulation can have. */
    private static final long CANCELLED_JUMP_NANOS = TimeUnit.DAYS.toNanos(1);

    private final long deadlineNanos;
    private final long deadlineMillis;
    private final long lateByMillis;
    private volatile boolean cancelled;

    private RunBudget(long deadlineNanos, long deadlineMillis, long lateByMillis) {
        this.deadlineNanos = deadlineNanos;
        this.deadlineMillis = deadlineMillis;
        this.lateByMillis = lateByMillis;
    }

    /** The budget of {@code request} as received now. */
    public static RunBudget of(SimulationRequest request) {
        return of(request, System.currentTimeMillis(), System.nanoTime());
    }

    /** The budget of {@code request} received at {@code nowMillis} (wall clock), {@code nowNanos} (monotonic clock). */
    static RunBudget of(SimulationRequest request, long nowMillis, long nowNanos) {
        long leftMillis = request.submittedAtMillis() + request.deadlineMillis() - nowMillis;
        long granted = Math.min(leftMillis, request.deadlineMillis());
        return new RunBudget(nowNanos + TimeUnit.MILLISECONDS.toNanos(Math.max(0, granted)), request.deadlineMillis(),
                Math.max(0, -leftMillis));
    }

    /** For tests and callers without an acceptance time: {@code millis} from now. */
    public static RunBudget fromNow(long millis) {
        return new RunBudget(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis), millis, 0);
    }

    /** The deadline on {@link System#nanoTime()}'s scale. */
    public long deadlineNanos() {
        return deadlineNanos;
    }

    /** What is left now (zero or less once the deadline has passed). */
    public long remainingNanos() {
        return deadlineNanos - System.nanoTime();
    }

    public boolean expired() {
        return remainingNanos() <= 0;
    }

    /** Stops the run: its clock ({@link #clock()}) jumps past the deadline, so the engine's watchdog interrupts it. */
    public void cancel() {
        cancelled = true;
    }

    public boolean cancelled() {
        return cancelled;
    }

    /**
     * The nanosecond clock the engine's deadline watchdog reads: the monotonic clock, a day ahead
     * once the run is cancelled, so that the watchdog's own machinery stops a cancelled execution
     * within a few instructions.
     */
    public LongSupplier clock() {
        return () -> cancelled ? System.nanoTime() + CANCELLED_JUMP_NANOS : System.nanoTime();
    }

    /** Why a request is not run at all: its client cancelled it, or it arrived after its deadline. */
    public String notRunMessage() {
        return cancelled ? "cancelled: its client went away before it ran"
                : "expired: its deadline of " + deadlineMillis + " ms from acceptance had passed"
                        + (lateByMillis > 0 ? " " + lateByMillis + " ms before" : " when") + " a worker received it";
    }
}
