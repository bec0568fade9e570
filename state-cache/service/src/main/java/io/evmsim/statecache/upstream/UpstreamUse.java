package io.evmsim.statecache.upstream;

/**
 * The upstream HTTP requests made while serving one state-cache request, and the time spent in them, so
 * that a caller can report what its simulation cost upstream ({@link io.evmsim.statecache.client.Protocol#UPSTREAM_REQUESTS}).
 * Kept per thread: a request is served on one thread, and its upstream batches go out from that thread.
 */
public final class UpstreamUse {
    private static final ThreadLocal<UpstreamUse> CURRENT = new ThreadLocal<>();

    private int requests;
    private long nanos;

    private UpstreamUse() {
    }

    /** Starts counting on this thread; {@link #end()} stops. */
    public static UpstreamUse begin() {
        UpstreamUse use = new UpstreamUse();
        CURRENT.set(use);
        return use;
    }

    public void end() {
        if (CURRENT.get() == this) {
            CURRENT.remove();
        }
    }

    public int requests() {
        return requests;
    }

    public double millis() {
        return nanos / 1e6;
    }

    /** One HTTP request to an upstream node, retries included, on behalf of the current thread's request. */
    static void record(long elapsedNanos) {
        UpstreamUse use = CURRENT.get();
        if (use != null) {
            use.requests++;
            use.nanos += elapsedNanos;
        }
    }
}
