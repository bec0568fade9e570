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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@link SimulationStore} in the {@code simulations} PostgreSQL database (schema by Flyway). Each
 * simulation is one row written when it is accepted, concurrent acceptances together
 * ({@link GroupCommit}); each result is one row, a poll of results in one statement.
 */
public final class JdbcSimulationStore implements SimulationStore, AutoCloseable {
    /** Rows per statement: PostgreSQL takes at most 65,535 parameters. */
    private static final int MAX_ROWS = 1000;
    private static final String EVENT_COLUMNS =
            " (simulation_id, sequence, type, tx_index, outcome, payload, expires_at)";

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final Duration retention;
    private final Clock clock;
    private final GroupCommit<Created> creations;

    public JdbcSimulationStore(JdbcTemplate template, Duration retention, Clock clock) {
        this.template = template;
        this.jdbc = JdbcClient.create(template);
        this.retention = retention;
        this.clock = clock;
        this.creations = new GroupCommit<>("simulation-rows", MAX_ROWS, this::insertSimulations);
    }

    @Override
    public void create(String id, SimulationKind kind, Instant createdAt, Instant expiresAt) {
        creations.write(new Created(UUID.fromString(id), kind, createdAt, expiresAt));
    }

    private void insertSimulations(List<Created> rows) {
        if (rows.isEmpty()) {
            return;
        }
        List<Object> params = new ArrayList<>(rows.size() * 4);
        for (Created row : rows) {
            params.add(row.id);
            params.add(row.kind.name());
            params.add(Timestamp.from(row.createdAt));
            params.add(Timestamp.from(row.expiresAt));
        }
        template.update("INSERT INTO simulation (id, kind, created_at, expires_at) VALUES "
                + values(rows.size(), 4) + " ON CONFLICT DO NOTHING", params.toArray());
    }

    /**
     * Two statements per thousand events: the simulation rows of the final events (a
     * request may reach the workers without its row, when its gateway failed after publishing it,
     * and its result must still be found by id), then the events, with {@code RETURNING} telling
     * which were new. An event does not depend on its simulation's row, which a result may overtake.
     */
    @Override
    public List<SimulationEvent> append(List<SimulationEvent> events) {
        List<SimulationEvent> stored = new ArrayList<>();
        for (int from = 0; from < events.size(); from += MAX_ROWS) {
            stored.addAll(appendRows(events.subList(from, Math.min(events.size(), from + MAX_ROWS))));
        }
        return stored;
    }

    private List<SimulationEvent> appendRows(List<SimulationEvent> events) {
        Instant now = clock.instant();
        Map<EventKey, SimulationEvent> live = new LinkedHashMap<>();
        List<Created> simulations = new ArrayList<>();
        for (SimulationEvent event : events) {
            // a result whose simulation expired meanwhile is not kept; ids are UUIDs, anything else names nothing
            UUID id = parse(event.simulationId());
            if (id != null && expiresAt(event).isAfter(now)
                    && live.putIfAbsent(new EventKey(id, event.sequence()), event) == null && event.isFinal()) {
                simulations.add(new Created(id, event.kind(), createdAt(event), expiresAt(event)));
            }
        }
        if (live.isEmpty()) {
            return List.of();
        }
        insertSimulations(simulations);
        return insertEvents(live);
    }

    private List<SimulationEvent> insertEvents(Map<EventKey, SimulationEvent> rows) {
        List<Object> params = new ArrayList<>(rows.size() * 7);
        for (Map.Entry<EventKey, SimulationEvent> row : rows.entrySet()) {
            SimulationEvent event = row.getValue();
            params.add(row.getKey().simulationId);
            params.add(event.sequence());
            params.add(event.type().name());
            params.add(new SqlParameterValue(Types.INTEGER, event.index()));
            params.add(event.outcome());
            params.add(event.payload());
            params.add(Timestamp.from(expiresAt(event)));
        }
        Set<EventKey> inserted = new HashSet<>(template.query("INSERT INTO simulation_event" + EVENT_COLUMNS
                + " VALUES " + values(rows.size(), 7) + " ON CONFLICT DO NOTHING RETURNING simulation_id, sequence",
                (rs, i) -> new EventKey(rs.getObject(1, UUID.class), rs.getInt(2)), params.toArray()));
        List<SimulationEvent> stored = new ArrayList<>(inserted.size());
        for (Map.Entry<EventKey, SimulationEvent> row : rows.entrySet()) {
            if (inserted.contains(row.getKey())) {
                stored.add(row.getValue());
            }
        }
        return stored;
    }

    /** {@code (?, ?, ...), (?, ?, ...), ...}: rows of columns placeholders. */
    private static String values(int rows, int columns) {
        String row = "(" + "?, ".repeat(columns - 1) + "?)";
        StringBuilder sql = new StringBuilder(rows * (row.length() + 2));
        for (int i = 0; i < rows; i++) {
            sql.append(i == 0 ? "" : ", ").append(row);
        }
        return sql.toString();
    }

    private Instant expiresAt(SimulationEvent event) {
        return createdAt(event).plus(retention);
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
        jdbc.sql("DELETE FROM simulation_event WHERE expires_at <= ?").param(Timestamp.from(now)).update();
        return jdbc.sql("DELETE FROM simulation WHERE expires_at <= ?").param(Timestamp.from(now)).update();
    }

    @Override
    public void close() {
        creations.close();
    }

    private record Created(UUID id, SimulationKind kind, Instant createdAt, Instant expiresAt) {
    }

    private record EventKey(UUID simulationId, int sequence) {
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
