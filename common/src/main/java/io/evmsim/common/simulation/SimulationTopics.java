package io.evmsim.common.simulation;

/**
 * The Kafka topics of the pipeline. Every record is keyed by the simulation id, so a request and
 * all its results each stay on one partition, in order.
 */
public final class SimulationTopics {
    /** Gateway to workers: one {@link SimulationRequest} per simulation. */
    public static final String REQUESTS = "simulation-requests";
    /** Workers to gateways: {@link SimulationEvent}s. */
    public static final String RESULTS = "simulation-results";
    /** Requests a worker could not process, with the reason in the {@code evmsim-error} header. */
    public static final String DEAD_LETTERS = "simulation-requests-dlt";
    /**
     * Gateways to every worker: the simulations whose clients went away, keyed by simulation id, the
     * value the request's deadline (epoch milliseconds, decimal) after which the cancellation no
     * longer matters. Each worker reads the whole topic (no consumer group); a short retention keeps it small.
     */
    public static final String CANCELLATIONS = "simulation-cancellations";
    /** {@link #CANCELLATIONS}' {@code retention.ms}: far beyond any deadline, and what a starting worker reads. */
    public static final String CANCELLATIONS_RETENTION_MILLIS = "600000";
    /** {@link #CANCELLATIONS}' {@code segment.ms}: retention deletes whole segments, so they roll every minute. */
    public static final String CANCELLATIONS_SEGMENT_MILLIS = "60000";
    /** Header naming why a record went to {@link #DEAD_LETTERS}. */
    public static final String ERROR_HEADER = "evmsim-error";
    /** Header of a request naming its gateway replica, readable even when the body is not. */
    public static final String REPLY_TO_HEADER = "evmsim-reply-to";

    private SimulationTopics() {
    }
}
