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
    /** Header naming why a record went to {@link #DEAD_LETTERS}. */
    public static final String ERROR_HEADER = "evmsim-error";
    /** Header of a request naming its gateway replica, readable even when the body is not. */
    public static final String REPLY_TO_HEADER = "evmsim-reply-to";

    private SimulationTopics() {
    }
}
