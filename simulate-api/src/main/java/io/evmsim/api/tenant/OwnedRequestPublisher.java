package io.evmsim.api.tenant;

import io.evmsim.api.simulation.RequestPublisher;
import io.evmsim.common.simulation.SimulationRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

/**
 * Records the key of the request that publishes a simulation as its owner, before publishing it: the row
 * exists before any result does, so the result is never readable by another key, and its gas finds its key.
 */
final class OwnedRequestPublisher implements RequestPublisher {
    private final RequestPublisher publisher;
    private final ApiKeyStore keys;
    private final Duration retention;
    private final Clock clock;

    OwnedRequestPublisher(RequestPublisher publisher, ApiKeyStore keys, Duration retention, Clock clock) {
        this.publisher = publisher;
        this.keys = keys;
        this.retention = retention;
        this.clock = clock;
    }

    @Override
    public Publication publish(SimulationRequest request) {
        CurrentKey.get().ifPresent(key -> keys.own(UUID.fromString(request.id()), key.id(),
                clock.instant().plus(retention)));
        return publisher.publish(request);
    }

    @Override
    public void cancel(String id, long deadlineMillis) {
        publisher.cancel(id, deadlineMillis);
    }
}
