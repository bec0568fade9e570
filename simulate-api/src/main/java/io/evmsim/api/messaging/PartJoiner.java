package io.evmsim.api.messaging;

import io.evmsim.common.simulation.ResultRecords.Part;
import io.evmsim.common.simulation.SimulationEvent;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Joins, in memory, the parts of results that travelled in several records, for the clients waiting on
 * this replica. A duplicate part (a redelivered record) takes its own place again; a set whose last part
 * has not come within {@code maxAge} (its worker stopped half-way, and the request runs again with a new
 * set) is dropped, so what waits here is bounded by the results in flight.
 */
final class PartJoiner {
    private final long maxAgeNanos;
    private final Map<SetKey, Joining> open = new HashMap<>();

    PartJoiner(Duration maxAge) {
        this.maxAgeNanos = maxAge.toNanos();
    }

    /** The whole event once {@code piece} completes its set; null while parts are missing. */
    synchronized SimulationEvent add(SimulationEvent piece, Part part) {
        long now = System.nanoTime();
        open.values().removeIf(joining -> now - joining.startedNanos > maxAgeNanos);
        SetKey key = new SetKey(piece.simulationId(), piece.sequence(), part.set());
        Joining joining = open.computeIfAbsent(key, k -> new Joining(new String[part.count()], now));
        if (joining.parts.length != part.count()) {
            return null; // not as a worker writes them (every part of a set counts the same): never joined
        }
        joining.parts[part.index()] = piece.payload();
        for (String text : joining.parts) {
            if (text == null) {
                return null;
            }
        }
        open.remove(key);
        return new SimulationEvent(piece.simulationId(), piece.replyTo(), piece.sequence(), piece.type(),
                piece.index(), piece.outcome(), String.join("", joining.parts), piece.kind(),
                piece.submittedAtMillis());
    }

    synchronized int open() {
        return open.size();
    }

    private record SetKey(String simulationId, int sequence, String set) {
    }

    private record Joining(String[] parts, long startedNanos) {
    }
}
