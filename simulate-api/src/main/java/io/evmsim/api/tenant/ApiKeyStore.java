package io.evmsim.api.tenant;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Keys, their gas per day and the ownership of simulations, in the gateway's {@code simulations} database. */
public final class ApiKeyStore {
    private static final String KEY_COLUMNS =
            "id, name, key_prefix, requests_per_second, gas_per_day, version, created_at, revoked_at";

    private final JdbcClient jdbc;

    public ApiKeyStore(JdbcTemplate template) {
        this.jdbc = JdbcClient.create(template);
    }

    void insert(ApiKey key, byte[] hash) {
        jdbc.sql("INSERT INTO api_key (id, name, key_hash, key_prefix, requests_per_second, gas_per_day, version, "
                        + "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(key.id(), key.name(), hash, key.prefix(), key.requestsPerSecond(), key.gasPerDay(),
                        key.version(), Timestamp.from(key.createdAt()))
                .update();
    }

    /** Every key, the newest first, with the gas it used on {@code day}. */
    List<KeyUsage> list(LocalDate day) {
        return jdbc.sql("SELECT k.id, k.name, k.key_prefix, k.requests_per_second, k.gas_per_day, k.version, "
                        + "k.created_at, k.revoked_at, coalesce(g.gas_used, 0) AS gas_used FROM api_key k "
                        + "LEFT JOIN api_key_gas g ON g.key_id = k.id AND g.day = ? ORDER BY k.created_at DESC")
                .param(day)
                .query((rs, row) -> new KeyUsage(key(rs), rs.getLong("gas_used")))
                .list();
    }

    Optional<ApiKey> find(UUID id) {
        return jdbc.sql("SELECT " + KEY_COLUMNS + " FROM api_key WHERE id = ?").param(id)
                .query((rs, row) -> key(rs)).optional();
    }

    Optional<ApiKey> findByHash(byte[] hash) {
        return jdbc.sql("SELECT " + KEY_COLUMNS + " FROM api_key WHERE key_hash = ?").param(hash)
                .query((rs, row) -> key(rs)).optional();
    }

    /** Changes what is given (null: unchanged); a change of a quota raises the version. */
    Optional<ApiKey> update(UUID id, String name, Integer requestsPerSecond, Long gasPerDay) {
        return jdbc.sql("UPDATE api_key SET name = coalesce(?, name), "
                        + "requests_per_second = coalesce(?, requests_per_second), gas_per_day = coalesce(?, gas_per_day), "
                        + "version = version + CASE WHEN coalesce(?, requests_per_second) <> requests_per_second "
                        + "OR coalesce(?, gas_per_day) <> gas_per_day THEN 1 ELSE 0 END "
                        + "WHERE id = ? RETURNING " + KEY_COLUMNS)
                .params(name, requestsPerSecond, gasPerDay, requestsPerSecond, gasPerDay, id)
                .query((rs, row) -> key(rs)).optional();
    }

    /** Revokes the key (once: revoking again keeps the first time). */
    Optional<ApiKey> revoke(UUID id, Instant at) {
        return jdbc.sql("UPDATE api_key SET revoked_at = coalesce(revoked_at, ?) WHERE id = ? RETURNING " + KEY_COLUMNS)
                .params(Timestamp.from(at), id)
                .query((rs, row) -> key(rs)).optional();
    }

    long gasUsed(UUID key, LocalDate day) {
        return jdbc.sql("SELECT gas_used FROM api_key_gas WHERE key_id = ? AND day = ?").params(key, day)
                .query(Long.class).optional().orElse(0L);
    }

    /** Records that {@code key} created the simulation (before it is published, so before any result). */
    void own(UUID simulation, UUID key, Instant expiresAt) {
        jdbc.sql("INSERT INTO simulation_owner (simulation_id, key_id, expires_at) VALUES (?, ?, ?)")
                .params(simulation, key, Timestamp.from(expiresAt)).update();
    }

    Optional<Ownership> owner(UUID simulation) {
        return jdbc.sql("SELECT key_id, shared FROM simulation_owner WHERE simulation_id = ? AND expires_at > now()")
                .param(simulation)
                .query((rs, row) -> new Ownership(rs.getObject("key_id", UUID.class), rs.getBoolean("shared")))
                .optional();
    }

    /** Shares or unshares a simulation of {@code key}; false when it has none by this id. */
    boolean share(UUID simulation, UUID key, boolean shared) {
        return jdbc.sql("UPDATE simulation_owner SET shared = ? WHERE simulation_id = ? AND key_id = ? "
                        + "AND expires_at > now()")
                .params(shared, simulation, key).update() == 1;
    }

    /**
     * Adds the gas of each simulation to its owner's use on {@code day}, in one statement; simulations
     * without an owner (run with {@code EVMSIM_AUTH=none}) are skipped.
     *
     * @return the gas charged per key
     */
    List<Charge> charge(Map<UUID, Long> gasBySimulation, LocalDate day) {
        if (gasBySimulation.isEmpty()) {
            return List.of();
        }
        List<UUID> ids = new ArrayList<>(gasBySimulation.keySet());
        Long[] gas = ids.stream().map(gasBySimulation::get).toArray(Long[]::new);
        return jdbc.sql("""
                WITH charges AS (
                    SELECT o.key_id, sum(c.gas)::bigint AS gas
                    FROM unnest(?::uuid[], ?::bigint[]) AS c(id, gas) JOIN simulation_owner o ON o.simulation_id = c.id
                    GROUP BY o.key_id),
                added AS (
                    INSERT INTO api_key_gas (key_id, day, gas_used) SELECT key_id, ?, gas FROM charges
                    ON CONFLICT (key_id, day) DO UPDATE SET gas_used = api_key_gas.gas_used + excluded.gas_used)
                SELECT c.key_id, k.name, c.gas FROM charges c JOIN api_key k ON k.id = c.key_id""")
                .params(ids.toArray(UUID[]::new), gas, day)
                .query((rs, row) -> new Charge(rs.getObject("key_id", UUID.class), rs.getString("name"),
                        rs.getLong("gas")))
                .list();
    }

    /** Deletes ownerships past their simulations' retention and gas counts of days before {@code oldestDay}. */
    int deleteExpired(Instant now, LocalDate oldestDay) {
        jdbc.sql("DELETE FROM api_key_gas WHERE day < ?").param(oldestDay).update();
        return jdbc.sql("DELETE FROM simulation_owner WHERE expires_at <= ?").param(Timestamp.from(now)).update();
    }

    private static ApiKey key(ResultSet rs) throws SQLException {
        Timestamp revoked = rs.getTimestamp("revoked_at");
        return new ApiKey(rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("key_prefix"),
                rs.getInt("requests_per_second"), rs.getLong("gas_per_day"), rs.getInt("version"),
                rs.getTimestamp("created_at").toInstant(), revoked == null ? null : revoked.toInstant());
    }

    /** A key and the gas it used today. */
    public record KeyUsage(ApiKey key, long gasUsedToday) {
    }

    /** Who may read a simulation: its key, and anyone when shared. */
    record Ownership(UUID key, boolean shared) {
    }

    /** Gas added to a key's day. */
    record Charge(UUID key, String name, long gas) {
    }
}
