package io.evmsim.worker.simulation;

import io.evmsim.common.simulation.SimulationError;

/** Where a simulation's results go, in order: each transaction's, then one summary or one error. */
public interface ResultSink {
    void transaction(int index, String outcome, String json);

    /**
     * Whether a result whose JSON takes at least {@code leastBytes} may still be published, asked before it
     * is written; when not, the simulation has ended as publishing it would have ended it (with
     * {@link SimulationError#RESULT_TOO_LARGE}), and nothing more is published.
     */
    boolean admits(long leastBytes);

    void summary(String outcome, String json);

    /** The simulation could not run, for {@code code}; {@code field} names the request field at fault, or is null. */
    void error(SimulationError code, String message, String field);
}
