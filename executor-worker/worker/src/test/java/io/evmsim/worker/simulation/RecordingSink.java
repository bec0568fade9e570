package io.evmsim.worker.simulation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.evmsim.common.simulation.SimulationError;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A sink that keeps what a run publishes, for a test to look at afterwards; it admits results of any size. */
public final class RecordingSink implements ResultSink {
    /** A transaction's or a summary's record. */
    public record Published(String outcome, String json) {
    }

    private final List<Published> transactions = new CopyOnWriteArrayList<>();
    private final List<Published> summaries = new CopyOnWriteArrayList<>();
    private final List<String> errors = new CopyOnWriteArrayList<>();

    @Override
    public void transaction(int index, String outcome, String json) {
        transactions.add(new Published(outcome, json));
    }

    @Override
    public boolean admits(long leastBytes) {
        return true;
    }

    @Override
    public void summary(String outcome, String json) {
        summaries.add(new Published(outcome, json));
    }

    @Override
    public void error(SimulationError code, String message, String field) {
        errors.add(code + " " + message);
    }

    public List<Published> transactions() {
        return transactions;
    }

    public List<Published> summaries() {
        return summaries;
    }

    /** Each error record as "CODE message". */
    public List<String> errors() {
        return errors;
    }

    /** The one summary of a run that published nothing else (a JSON-RPC answer, a single call's result). */
    public Published onlySummary() {
        assertEquals(List.of(), errors, "errors");
        assertEquals(List.of(), transactions, "transaction records");
        assertEquals(1, summaries.size(), "summaries");
        return summaries.getFirst();
    }
}
