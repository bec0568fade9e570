package io.evmsim.worker.simulation;

import io.evmsim.common.simulation.SimulationError;

/** Where a simulation's results go, in order: each transaction's, then one summary or one error. */
public interface ResultSink {
    void transaction(int index, String outcome, String json);

    void summary(String outcome, String json);

    /** The simulation could not run, for {@code code}; {@code field} names the request field at fault, or is null. */
    void error(SimulationError code, String message, String field);
}
