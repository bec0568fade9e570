package io.evmsim.api.storage;

import io.evmsim.api.simulation.SimulationStore;
import io.evmsim.common.simulation.SimulationEvent;
import io.evmsim.common.simulation.SimulationEvent.EventType;
import io.evmsim.common.simulation.SimulationKind;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
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
 * {@link SimulationStore} in the {@code simulations} PostgreSQL database (schema by Flyway). A poll of
 * results is one statement: the rows of their simulations and the results themselves.
 */
public final class JdbcSimulationStore implements SimulationStore {
    /** Results per statement: PostgreSQL takes at most 65,535 parameters. */
    private static final int MAX_ROWS = 1000;

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final Duration retention;
    private final Clock clock;

    public JdbcSimulationStore(JdbcTemplate template, Duration retention, Clock clock) {
        this.template = template;
        this.jdbc = JdbcClient.create(template);
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
     * One statement per thousand events, whatever their number: the rows of the simulations whose
     * final event is among them (so a result is found by id even when its gateway never wrote its row,
     * having failed after publishing the request), then the events, {@code RETURNING} those that were
     * new. An event does not depend on its simulation's row.
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
        Map<EventKey, SimulationEvent> rows = new LinkedHashMap<>();
        List<Object> simulationParams = new ArrayList<>();
        for (SimulationEvent event : events) {
            // a result whose simulation expired meanwhile is not kept; ids are UUIDs, anything else names nothing
            UUID id = parse(event.simulationId());
            if (id != null && expiresAt(event).isAfter(now)
                    && rows.putIfAbsent(new EventKey(id, event.sequence()), event) == null && event.isFinal()) {
                simulationParams.addAll(List.of(id, event.kind().name(), Timestamp.from(createdAt(event)),
                        Timestamp.from(expiresAt(event))));
            }
        }
        if (rows.isEmpty()) {
            return List.of();
        }
        List<Object> params = new ArrayList<>(simulationParams);
        for (Map.Entry<EventKey, SimulationEvent> row : rows.entrySet()) {
            SimulationEvent event = row.getValue();
            params.addAll(List.of(row.getKey().simulationId, event.sequence(), event.type().name(),
                    new SqlParameterValue(Types.INTEGER, event.index()), event.outcome(), event.payload(),
                    Timestamp.from(expiresAt(event))));
        }
        // a data-modifying WITH runs whether or not the main statement reads it
        String simulations = simulationParams.isEmpty() ? "" : "WITH simulations AS (INSERT INTO simulation "
                + "(id, kind, created_at, expires_at) VALUES " + values(simulationParams.size() / 4, 4)
                + " ON CONFLICT DO NOTHING) ";
        Set<EventKey> inserted = new HashSet<>(template.query(simulations + "INSERT INTO simulation_event "
                + "(simulation_id, sequence, type, tx_index, outcome, payload, expires_at) VALUES "
                + values(rows.size(), 7) + " ON CONFLICT DO NOTHING RETURNING simulation_id, sequence",
                (rs, i) -> new EventKey(rs.getObject(1, UUID.class), rs.getInt(2)), params.toArray()));
        List<SimulationEvent> stored = new ArrayList<>(inserted.size());
        rows.forEach((key, event) -> {
            if (inserted.contains(key)) {
                stored.add(event);
            }
        });
        return stored;
    }

    /**
     * One statement keeps the parts, one joins the sets now complete (in SQL: a result of 16 MB is read
     * once, joined), which are appended as whole results; then their parts, and any other set of the same
     * result (an earlier run's, left incomplete), are deleted.
     */
    @Override
    public List<SimulationEvent> appendParts(List<Piece> pieces) {
        Instant now = clock.instant();
        Map<SetKey, SimulationEvent> sets = new LinkedHashMap<>();
        List<Object> params = new ArrayList<>();
        for (Piece piece : pieces) {
            SimulationEvent event = piece.event();
            UUID id = parse(event.simulationId());
            if (id != null && expiresAt(event).isAfter(now)) {
                sets.putIfAbsent(new SetKey(id, event.sequence(), piece.part().set()), event);
                params.addAll(List.of(id, event.sequence(), piece.part().set(), piece.part().index(),
                        piece.part().count(), event.payload(), Timestamp.from(expiresAt(event))));
            }
        }
        if (sets.isEmpty()) {
            return List.of();
        }
        for (int from = 0; from < params.size(); from += 7 * MAX_ROWS) {
            List<Object> rows = params.subList(from, Math.min(params.size(), from + 7 * MAX_ROWS));
            template.update("INSERT INTO simulation_event_part (simulation_id, sequence, part_set, part_index, "
                    + "part_count, payload, expires_at) VALUES " + values(rows.size() / 7, 7)
                    + " ON CONFLICT DO NOTHING", rows.toArray());
        }
        List<Object> keys = new ArrayList<>();
        sets.keySet().forEach(key -> keys.addAll(List.of(key.simulationId, key.sequence, key.set)));
        Map<SetKey, String> joined = new HashMap<>();
        template.query("SELECT simulation_id, sequence, part_set, string_agg(payload, '' ORDER BY part_index) "
                + "FROM simulation_event_part WHERE (simulation_id, sequence, part_set) IN (" + values(sets.size(), 3)
                + ") GROUP BY simulation_id, sequence, part_set HAVING count(*) = min(part_count)",
                rs -> {
                    joined.put(new SetKey(rs.getObject(1, UUID.class), rs.getInt(2), rs.getString(3)), rs.getString(4));
                }, keys.toArray());
        if (joined.isEmpty()) {
            return List.of();
        }
        List<SimulationEvent> complete = new ArrayList<>();
        List<Object> done = new ArrayList<>();
        sets.forEach((key, part) -> {
            String payload = joined.get(key);
            if (payload != null) {
                complete.add(new SimulationEvent(part.simulationId(), part.replyTo(), part.sequence(), part.type(),
                        part.index(), part.outcome(), payload, part.kind(), part.submittedAtMillis()));
                done.addAll(List.of(key.simulationId, key.sequence));
            }
        });
        List<SimulationEvent> stored = append(complete);
        template.update("DELETE FROM simulation_event_part WHERE (simulation_id, sequence) IN ("
                + values(done.size() / 2, 2) + ")", done.toArray());
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
                .query((rs, row) -> event(id, rs))
                .list();
    }

    @Override
    public Map<String, List<SimulationEvent>> events(Map<String, Integer> fromSequenceById) {
        Map<UUID, String> ids = new LinkedHashMap<>(); // in the order of fromSequences
        List<Integer> fromSequences = new ArrayList<>();
        fromSequenceById.forEach((id, from) -> {
            UUID uuid = parse(id);
            if (uuid != null && ids.putIfAbsent(uuid, id) == null) {
                fromSequences.add(from);
            }
        });
        Map<String, List<SimulationEvent>> events = new HashMap<>();
        if (ids.isEmpty()) {
            return events;
        }
        jdbc.sql("""
                SELECT e.simulation_id, e.sequence, e.type, e.tx_index, e.outcome, e.payload, s.kind, s.created_at
                FROM unnest(?::uuid[], ?::int[]) AS w(id, from_sequence)
                JOIN simulation_event e ON e.simulation_id = w.id AND e.sequence >= w.from_sequence
                JOIN simulation s ON s.id = e.simulation_id
                ORDER BY e.simulation_id, e.sequence""")
                .params(ids.keySet().toArray(UUID[]::new), fromSequences.toArray(Integer[]::new))
                .query((rs, row) -> event(ids.get(rs.getObject("simulation_id", UUID.class)), rs))
                .list()
                .forEach(event -> events.computeIfAbsent(event.simulationId(), id -> new ArrayList<>()).add(event));
        return events;
    }

    private static SimulationEvent event(String id, ResultSet rs) throws SQLException {
        return new SimulationEvent(id, null, rs.getInt("sequence"), EventType.valueOf(rs.getString("type")),
                (Integer) rs.getObject("tx_index"), rs.getString("outcome"), rs.getString("payload"),
                SimulationKind.valueOf(rs.getString("kind")), rs.getTimestamp("created_at").getTime());
    }

    @Override
    public int deleteExpired(Instant now) {
        jdbc.sql("DELETE FROM simulation_event WHERE expires_at <= ?").param(Timestamp.from(now)).update();
        jdbc.sql("DELETE FROM simulation_event_part WHERE expires_at <= ?").param(Timestamp.from(now)).update();
        return jdbc.sql("DELETE FROM simulation WHERE expires_at <= ?").param(Timestamp.from(now)).update();
    }

    private record EventKey(UUID simulationId, int sequence) {
    }

    private record SetKey(UUID simulationId, int sequence, String set) {
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
