package io.evmsim.common.simulation;

/**
 * Why a simulation ended without results: the {@code code} of its {@link SimulationEvent.EventType#ERROR}
 * record's payload, and the HTTP status the gateway answers it with. One list for the worker that
 * decides and the gateway that answers, so neither reads meaning out of a message's wording.
 */
public enum SimulationError {
    /** The request names something that does not exist or cannot be used (the payload names the field). */
    INVALID_REQUEST(400),
    /** The simulation's wall-clock budget ran out before it had its state. */
    DEADLINE_EXCEEDED(503),
    /** Chain state could not be read (state cache or upstream node unavailable). */
    STATE_UNAVAILABLE(503),
    /**
     * The result (a bundle's results together) is larger than the worker's result-size limit; the
     * message names the size and the limit.
     */
    RESULT_TOO_LARGE(413),
    /** The worker failed; the request was dead-lettered with the reason. */
    INTERNAL(500),
    /**
     * The request's deadline, counted from when the gateway accepted it, had passed when a worker
     * received it: it was not run. 503, as for an overloaded service: the client may retry.
     */
    EXPIRED(503),
    /** Its client went away before it finished (see {@link SimulationTopics#CANCELLATIONS}): it was stopped or never run. */
    CANCELLED(409),
    /** The block is under a fork whose rules the engine does not implement (the message names it). */
    UNSUPPORTED_FORK(422);

    private final int httpStatus;

    SimulationError(int httpStatus) {
        this.httpStatus = httpStatus;
    }

    public int httpStatus() {
        return httpStatus;
    }

    /** The value named {@code code}; {@link #INTERNAL} for a record written without a known code. */
    public static SimulationError of(String code) {
        for (SimulationError error : values()) {
            if (error.name().equals(code)) {
                return error;
            }
        }
        return INTERNAL;
    }
}
