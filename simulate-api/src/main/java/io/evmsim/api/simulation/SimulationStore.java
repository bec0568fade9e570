package io.evmsim.api.simulation;

import io.evmsim.common.simulation.ResultRecords;
import io.evmsim.common.simulation.SimulationEvent;
import io.evmsim.common.simulation.SimulationKind;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The results kept for fetching again by id, shared by every gateway replica. */
public interface SimulationStore {
    /** Records a simulation (again: a no-op) so that it can be found by id before its first result. */
    void create(String id, SimulationKind kind, Instant createdAt, Instant expiresAt);

    /**
     * Keeps the first copy of each (simulation, sequence), recording the simulation too when its
     * {@link #create} has not landed yet; a result whose simulation already expired is not kept.
     *
     * @return the events that were new, in the given order
     */
    List<SimulationEvent> append(List<SimulationEvent> events);

    /**
     * Keeps the parts of results that travelled in several records (a duplicate part is a no-op), and
     * {@linkplain #append appends} each result whose set of parts is now complete, joined.
     *
     * @return the joined results that were new, in the order their sets completed
     */
    List<SimulationEvent> appendParts(List<Piece> pieces);

    Optional<SimulationKind> kind(String id);

    /** The stored events of a simulation with a sequence of at least {@code fromSequence}, in order. */
    List<SimulationEvent> events(String id, int fromSequence);

    /**
     * The stored events of several simulations in one go, each from its own sequence on, in order (the
     * ids without any are left out): one statement for all the streams that follow stored results.
     */
    Map<String, List<SimulationEvent>> events(Map<String, Integer> fromSequenceById);

    /** Deletes what expired before {@code now}; returns how many simulations went. */
    int deleteExpired(Instant now);

    /** One part of a result: the event as its record reads, its payload the part's text. */
    record Piece(SimulationEvent event, ResultRecords.Part part) {
    }
}
