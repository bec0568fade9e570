package io.evmsim.api.simulation;

import io.evmsim.common.simulation.SimulationRequest;
import java.util.function.Consumer;

/** Hands a validated request to the workers. */
public interface RequestPublisher {
    /**
     * Starts publishing; the caller may do other work before it {@link Publication#await awaits} acceptance.
     *
     * @throws PublishFailedException when the request cannot even be sent
     */
    Publication publish(SimulationRequest request);

    /** A request on its way to the workers. */
    interface Publication {
        /** Returns once the request is durably accepted; throws {@link PublishFailedException} when it could not be. */
        void await();

        /** Calls {@code handler} (on some other thread, or at once) if the request turns out not to be accepted. */
        void whenFailed(Consumer<PublishFailedException> handler);
    }
}
