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

    /**
     * Tells every worker that the client of simulation {@code id} went away, so that it is stopped or
     * never run; {@code deadlineMillis} (epoch milliseconds) is when it would expire anyway. Does not
     * wait: a cancellation that is lost only lets the simulation run to its end.
     */
    void cancel(String id, long deadlineMillis);

    /** A request on its way to the workers. */
    interface Publication {
        /** Returns once the request is durably accepted; throws {@link PublishFailedException} when it could not be. */
        void await();

        /** Calls {@code handler} (on some other thread, or at once) if the request turns out not to be accepted. */
        void whenFailed(Consumer<PublishFailedException> handler);
    }
}
