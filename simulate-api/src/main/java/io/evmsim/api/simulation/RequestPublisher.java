package io.evmsim.api.simulation;

import io.evmsim.common.simulation.SimulationRequest;

/** Hands a validated request to the workers. */
public interface RequestPublisher {
    /** Returns once the request is durably accepted; throws when it could not be. */
    void publish(SimulationRequest request);
}
