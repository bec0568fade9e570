package io.evmsim.api.simulation;

import io.evmsim.common.simulation.SimulationEvent;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The simulations whose clients are connected to this replica, by id. Results for other replicas'
 * clients never reach here (they carry another {@code replyTo}); a result for an id no longer
 * watched (its client gave up after the 202) is only stored.
 */
public final class PendingSimulations {
    private final ConcurrentHashMap<String, SimulationWatch> watches = new ConcurrentHashMap<>();
    public SimulationWatch watch(String id) {
        return watches.computeIfAbsent(id, key -> new SimulationWatch());
    }

    public void forget(String id) {
        watches.remove(id);
    }

    /** Hands the event to its waiting client; true when it is the final event of a simulation still watched. */
    public boolean deliver(SimulationEvent event) {
        SimulationWatch watch = watches.get(event.simulationId());
        if (watch != null && watch.accept(event)) {
            watches.remove(event.simulationId());
            return true;
        }
        return false;
    }
}
