package io.evmsim.api.simulation;

import io.evmsim.common.simulation.SimulationEvent;
import io.evmsim.common.simulation.SimulationKind;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The results kept for fetching again by id, shared by every gateway replica. */
public interface SimulationStore {
    void create(String id, SimulationKind kind, Instant createdAt, Instant expiresAt);

    /** Keeps the first copy of each (simulation, sequence): true when this one was new. */
    boolean append(SimulationEvent event);

    Optional<SimulationKind> kind(String id);

    /** The stored events of a simulation with a sequence of at least {@code fromSequence}, in order. */
    List<SimulationEvent> events(String id, int fromSequence);

    /** Deletes what expired before {@code now}; returns how many simulations went. */
    int deleteExpired(Instant now);
}
