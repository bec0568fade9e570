package io.evmsim.api.simulation;

import io.evmsim.common.simulation.SimulationRequest;

/** Hands a validated request to the workers. */
public interface RequestPublisher {
    /** Starts publishing; the caller may do other work before it {@link Publication#await awaits} acceptance. */
    Publication publish(SimulationRequest request);

    /** A request on its way to the workers. */
    @FunctionalInterface
    interface Publication {
        /** Returns once the request is durably accepted; throws {@link PublishFailedException} when it could not be. */
        void await();
    }
}
