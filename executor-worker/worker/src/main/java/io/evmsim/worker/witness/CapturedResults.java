package io.evmsim.worker.witness;

import io.evmsim.common.simulation.SimulationError;
import io.evmsim.worker.simulation.ResultSink;
import java.util.ArrayList;
import java.util.List;

/** A simulation's results kept in memory as the executor publishes them, for a caller that runs it in-process. */
public final class CapturedResults implements ResultSink {
    private final List<String> transactions = new ArrayList<>();
    private String summary;
    private SimulationError error;
    private String errorMessage;

    @Override
    public void transaction(int index, String outcome, String json) {
        transactions.add(json);
    }

    @Override
    public boolean admits(long leastBytes) {
        return true;
    }

    @Override
    public void summary(String outcome, String json) {
        summary = json;
    }

    @Override
    public void error(SimulationError code, String message, String field) {
        error = code;
        errorMessage = message;
    }

    /** A bundle's transaction results, in order (a single transaction's is the summary). */
    public List<String> transactions() {
        return transactions;
    }

    public String summary() {
        return summary;
    }

    /** Why the simulation could not run, or null. */
    public SimulationError error() {
        return error;
    }

    public String errorMessage() {
        return errorMessage;
    }
}
