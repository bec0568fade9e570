package io.evmsim.api.storage;

import io.evmsim.api.simulation.SimulationStore;
import io.evmsim.common.simulation.SimulationEvent;
import io.evmsim.common.simulation.SimulationEvent.EventType;
import io.evmsim.common.simulation.SimulationKind;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** {@link SimulationStore} in the {@code simulations} PostgreSQL database (schema by Flyway). */
public final class JdbcSimulationStore implements SimulationStore {
    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final TransactionTemplate transactions;
    private final Duration retention;
    private final Clock clock;

    public JdbcSimulationStore(JdbcTemplate template, PlatformTransactionManager transactions, Duration retention,
            Clock clock) {
        this.template = template;
        this.jdbc = JdbcClient.create(template);
        this.transactions = new TransactionTemplate(transactions);
        this.retention = retention;
        this.clock = clock;
    }

    @Override
    public void create(String id, SimulationKind kind, Instant createdAt, Instant expiresAt) {
        jdbc.sql("INSERT INTO simulation (id, kind, created_at, expires_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING")
                .params(UUID.fromString(id), kind.name(), Timestamp.from(createdAt), Timestamp.from(expiresAt))
                .update();
    }

    /**
     * Two batched statements in one transaction, whatever the number of events: the simulations
     * (a result may overtake its simulation's {@link #create}), then the events.
     */
    @Override
    public List<SimulationEvent> append(List<SimulationEvent> events) {
        Instant now = clock.instant();
        List<SimulationEvent> live = new ArrayList<>();
        for (SimulationEvent event : events) {
            // a result whose simulation expired meanwhile is not kept; ids are UUIDs, anything else names nothing
            if (parse(event.simulationId()) != null && createdAt(event).plus(retention).isAfter(now)) {
                live.add(event);
            }
        }
        if (live.isEmpty()) {
            return List.of();
        }
        int[] inserted = transactions.execute(status -> {
            template.batchUpdate("INSERT INTO simulation (id, kind, created_at, expires_at) VALUES (?, ?, ?, ?) "
                    + "ON CONFLICT DO NOTHING", live, live.size(), (statement, event) -> {
                        Instant created = createdAt(event);
                        statement.setObject(1, UUID.fromString(event.simulationId()));
                        statement.setString(2, event.kind().name());
                        statement.setTimestamp(3, Timestamp.from(created));
                        statement.setTimestamp(4, Timestamp.from(created.plus(retention)));
                    });
            int[][] counts = template.batchUpdate("""
                    INSERT INTO simulation_event (simulation_id, sequence, type, tx_index, outcome, payload)
                    VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""", live, live.size(), (statement, event) -> {
                        statement.setObject(1, UUID.fromString(event.simulationId()));
                        statement.setInt(2, event.sequence());
                        statement.setString(3, event.type().name());
                        statement.setObject(4, event.index(), Types.INTEGER);
                        statement.setString(5, event.outcome());
                        statement.setString(6, event.payload());
                    });
            return counts[0];
        });
        List<SimulationEvent> stored = new ArrayList<>();
        for (int i = 0; i < live.size(); i++) {
            if (inserted[i] != 0) { // 1, or SUCCESS_NO_INFO (-2) when the driver cannot tell
                stored.add(live.get(i));
            }
        }
        return stored;
    }

    private static Instant createdAt(SimulationEvent event) {
        return Instant.ofEpochMilli(event.submittedAtMillis());
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
                SELECT e.sequence, e.type, e.tx_index, e.outcome, e.payload, s.kind, s.created_at
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
