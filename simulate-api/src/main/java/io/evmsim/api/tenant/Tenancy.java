package io.evmsim.api.tenant;

import io.evmsim.api.simulation.RequestPublisher;
import io.evmsim.api.simulation.SimulationStore;
import java.time.Clock;
import java.time.Duration;

/**
 * What the pipeline needs of tenancy, for the gateway's wiring: with keys, every simulation published is
 * owned by its request's key, and every result stored is charged to it; without, both pass through as they are.
 */
public final class Tenancy {
    private final AuthMode mode;
    private final ApiKeyStore keys;
    private final TenantMetrics metrics;
    private final Duration retention;
    private final Clock clock;

    Tenancy(AuthMode mode, ApiKeyStore keys, TenantMetrics metrics, Duration retention, Clock clock) {
        this.mode = mode;
        this.keys = keys;
        this.metrics = metrics;
        this.retention = retention;
        this.clock = clock;
    }

    public AuthMode mode() {
        return mode;
    }

    public RequestPublisher owning(RequestPublisher publisher) {
        return mode == AuthMode.KEYS ? new OwnedRequestPublisher(publisher, keys, retention, clock) : publisher;
    }

    public SimulationStore charging(SimulationStore store) {
        return mode == AuthMode.KEYS ? new GasCharges(store, keys, metrics, clock) : store;
    }
}
