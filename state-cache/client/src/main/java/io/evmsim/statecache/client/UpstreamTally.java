package io.evmsim.statecache.client;

import java.net.http.HttpHeaders;

/**
 * Adds up what the state-cache requests a thread makes between {@link #open()} and {@link #close()} cost
 * upstream, from the headers of their answers ({@link Protocol#UPSTREAM_REQUESTS}, {@link Protocol#UPSTREAM_MILLIS}):
 * a simulation reports its upstream requests and their time this way.
 */
public final class UpstreamTally implements AutoCloseable {
    private static final ThreadLocal<UpstreamTally> CURRENT = new ThreadLocal<>();

    private final UpstreamTally outer;
    private int requests;
    private double millis;

    private UpstreamTally(UpstreamTally outer) {
        this.outer = outer;
    }

    /** Starts adding up on this thread, until {@link #close()}. */
    public static UpstreamTally open() {
        UpstreamTally tally = new UpstreamTally(CURRENT.get());
        CURRENT.set(tally);
        return tally;
    }

    @Override
    public void close() {
        if (outer == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(outer);
        }
    }

    public int requests() {
        return requests;
    }

    public double millis() {
        return millis;
    }

    /** The cost an answer names, counted in the tally open on this thread (if any). */
    static void record(HttpHeaders headers) {
        UpstreamTally tally = CURRENT.get();
        if (tally == null) {
            return;
        }
        try {
            headers.firstValue(Protocol.UPSTREAM_REQUESTS).ifPresent(value -> tally.requests += Integer.parseInt(value));
            headers.firstValue(Protocol.UPSTREAM_MILLIS).ifPresent(value -> tally.millis += Double.parseDouble(value));
        } catch (NumberFormatException e) {
            throw new StateCacheException("state-cache answered a malformed " + Protocol.UPSTREAM_REQUESTS + "/"
                    + Protocol.UPSTREAM_MILLIS + " header: " + e.getMessage(), e);
        }
    }
}
