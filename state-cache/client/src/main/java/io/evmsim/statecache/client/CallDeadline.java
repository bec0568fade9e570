package io.evmsim.statecache.client;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * A deadline for the state-cache requests a thread makes inside {@link #within}: each request's
 * timeout is cut to the time left, so a caller bounded by a deadline (a simulation's wall clock) needs
 * no second thread to abandon a slow call, and a read served from memory costs no hand-off at all.
 */
public final class CallDeadline {
    private static final ThreadLocal<long[]> DEADLINE = new ThreadLocal<>();

    private CallDeadline() {
    }

    /** Runs {@code call} with every request it makes on this thread ending by {@code deadlineNanos} ({@link System#nanoTime}). */
    public static <T> T within(long deadlineNanos, Supplier<T> call) {
        long[] outer = DEADLINE.get();
        DEADLINE.set(new long[] {deadlineNanos});
        try {
            return call.get();
        } finally {
            if (outer == null) {
                DEADLINE.remove();
            } else {
                DEADLINE.set(outer);
            }
        }
    }

    /** The timeout of a request made now: {@code configured}, or less when a deadline is nearer; zero when it has passed. */
    static Duration bound(Duration configured) {
        long[] deadline = DEADLINE.get();
        if (deadline == null) {
            return configured;
        }
        long left = deadline[0] - System.nanoTime();
        return left <= 0 ? Duration.ZERO : configured.compareTo(Duration.ofNanos(left)) <= 0 ? configured
                : Duration.ofNanos(left);
    }
}
