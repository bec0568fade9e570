package io.evmsim.api.simulation;

/**
 * Whether the client that sent a request is still there to be answered. Asked from time to time while a
 * synchronous caller waits, so that a client that went away has its simulation cancelled rather than run
 * for nobody.
 */
@FunctionalInterface
public interface ClientPresence {
    /** For callers that cannot tell (no connection to watch): the client is taken to be there. */
    ClientPresence ASSUMED = () -> false;

    /** True once the client is known to have closed its connection. */
    boolean gone();
}
