package io.evmsim.api.storage;

import io.evmsim.api.simulation.SimulationStore;
import io.evmsim.common.simulation.SimulationEvent;
import io.evmsim.common.simulation.SimulationEvent.EventType;
import io.evmsim.common.simulation.SimulationKind;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/** {@link SimulationStore} in the {@code simulations} PostgreSQL database (schema by Flyway). */
public final class JdbcSimulationStore implements SimulationStore {
    private final JdbcClient jdbc;

    public JdbcSimulationStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void create(String id, SimulationKind kind, Instant createdAt, Instant expiresAt) {
        jdbc.sql("INSERT INTO simulation (id, kind, created_at, expires_at) VALUES (?, ?, ?, ?)")
                .params(UUID.fromString(id), kind.name(), Timestamp.from(createdAt), Timestamp.from(expiresAt))
                .update();
    }

    @Override
    public boolean append(SimulationEvent event) {
        UUID id = parse(event.simulationId());
        if (id == null) {
            return false;
        }
        // a result whose simulation expired meanwhile (or was never recorded) has nothing to join
        return jdbc.sql("""
                INSERT INTO simulation_event (simulation_id, sequence, type, tx_index, outcome, payload)
                SELECT ?, ?, ?, ?, ?, CAST(? AS jsonb) WHERE EXISTS (SELECT 1 FROM simulation WHERE id = ?)
                ON CONFLICT DO NOTHING""")
                .params(id, event.sequence(), event.type().name(), event.index(), event.outcome(), event.payload(), id)
                .update() == 1;
    }

    @Override
    public Optional<SimulationKind> kind(String id) {
        UUID uuid = parse(id);
        if (uuid == null) {
            return Optional.empty();
        }
        return jdbc.sql("SELECT kind FROM simulation WHERE id = ? AND expires_at > now()").param(uuid)
                .query(String.class).optional().map(SimulationKind::valueOf);
    }

    @Override
    public List<SimulationEvent> events(String id, int fromSequence) {
        UUID uuid = parse(id);
        if (uuid == null) {
            return List.of();
        }
        return jdbc.sql("""
                SELECT e.sequence, e.type, e.tx_index, e.outcome, e.payload::text AS payload, s.kind, s.created_at
                FROM simulation_event e JOIN simulation s ON s.id = e.simulation_id
                WHERE e.simulation_id = ? AND e.sequence >= ? ORDER BY e.sequence""")
                .params(uuid, fromSequence)
                .query((rs, row) -> new SimulationEvent(id, null, rs.getInt("sequence"),
                        EventType.valueOf(rs.getString("type")), (Integer) rs.getObject("tx_index"),
                        rs.getString("outcome"), rs.getString("payload"), SimulationKind.valueOf(rs.getString("kind")),
                        rs.getTimestamp("created_at").getTime()))
                .list();
    }

    @Override
    public int deleteExpired(Instant now) {
        return jdbc.sql("DELETE FROM simulation WHERE expires_at <= ?").param(Timestamp.from(now)).update();
    }

    /** Ids are UUIDs; anything else names no simulation. */
    private static UUID parse(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
