package io.evmsim.common.simulation;

/**
 * One record of the {@code simulation-results} topic ({@link ResultRecords}), keyed by the simulation id: a transaction's
 * result the moment it is ready, then exactly one final record ({@link EventType#SUMMARY} or
 * {@link EventType#ERROR}). A single transaction's result is ready when the simulation ends, so it
 * is the summary itself: one record, the transaction's result with the block, fork and timings.
 *
 * <p>Delivery is at least once: a redelivered request produces the same (simulationId, sequence)
 * pairs again, and consumers keep the first of each.
 *
 * @param replyTo the gateway replica that holds the client's connection; every replica reads the
 *     whole topic and delivers only its own records (stored results are shared through PostgreSQL)
 * @param sequence 0, 1, ... in publishing order within the simulation
 * @param index the transaction's position in the request, or null for a final record
 * @param outcome success, reverted, halted, invalid or error: the transaction's status, or for the
 *     final record the simulation's (the first transaction that did not succeed decides)
 * @param payload the JSON document of the result, serialized once by the worker
 * @param kind the request's kind, for the gateway's metrics
 * @param submittedAtMillis when the gateway accepted the request, for the end-to-end duration
 */
public record SimulationEvent(String simulationId, String replyTo, int sequence, EventType type, Integer index,
        String outcome, String payload, SimulationKind kind, long submittedAtMillis) {

    public enum EventType {
        TRANSACTION,
        SUMMARY,
        ERROR;

        /** The server-sent event name. */
        public String eventName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public boolean isFinal() {
        return type != EventType.TRANSACTION;
    }
}
