package io.evmsim.api.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evmsim.common.simulation.SimulationEvent;
import io.evmsim.common.simulation.SimulationEvent.EventType;
import io.evmsim.common.simulation.SimulationKind;
import io.evmsim.testsupport.TestDatabases;
import io.evmsim.testsupport.TestDatabases.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every SQL query of the results dashboard, run against the gateway's migrated schema holding what
 * the store writes: one single transaction, a bundle of two and a simulation that failed as a whole.
 * Grafana's macros are replaced by the SQL they expand to.
 */
class ResultsDashboardQueriesTest {
    private static final Path DASHBOARD = Path.of("../deploy/grafana/dashboards/evmsim-results.json");
    private static final Instant NOW = Instant.now();

    private static JdbcTemplate jdbc;
    private static Map<String, String> queries;

    @BeforeAll
    static void store() throws Exception {
        TestDatabase database = TestDatabases.create("dashboards");
        DriverManagerDataSource source = new DriverManagerDataSource(database.jdbcUrl(), database.username(),
                database.password());
        Flyway.configure().dataSource(source).locations("classpath:db/migration/simulations").load().migrate();
        jdbc = new JdbcTemplate(source);
        JdbcSimulationStore store = new JdbcSimulationStore(jdbc, Duration.ofDays(1), Clock.systemUTC());
        String single = UUID.randomUUID().toString();
        String bundle = UUID.randomUUID().toString();
        String failed = UUID.randomUUID().toString();
        store.append(List.of(
                event(single, 0, EventType.SUMMARY, null, "success", "{\"status\":\"success\",\"gasUsed\":21000}",
                        SimulationKind.SINGLE),
                event(bundle, 0, EventType.TRANSACTION, 0, "success", "{\"status\":\"success\",\"gasUsed\":51000}",
                        SimulationKind.BUNDLE),
                event(bundle, 1, EventType.TRANSACTION, 1, "reverted", "{\"status\":\"reverted\",\"gasUsed\":23000}",
                        SimulationKind.BUNDLE),
                event(bundle, 2, EventType.SUMMARY, null, "reverted", "{\"status\":\"reverted\",\"totalGasUsed\":74000}",
                        SimulationKind.BUNDLE),
                event(failed, 0, EventType.ERROR, null, "error", "{\"status\":\"error\",\"error\":\"state unavailable\"}",
                        SimulationKind.SINGLE)));
        queries = new LinkedHashMap<>();
        collect(JsonMapper.builder().build().readTree(Files.readString(DASHBOARD)).path("panels"), queries);
        assertTrue(queries.size() >= 5, "the dashboard's SQL panels: " + queries.keySet());
    }

    @Test
    void transactionsByOutcomeCountEveryTransactionSingleOrInABundle() {
        assertEquals(Map.of("success", 2L, "reverted", 1L), outcomes("Transactions by outcome"));
        assertEquals(Map.of("success", 2L, "reverted", 1L), outcomes("Outcome share"));
    }

    @Test
    void gasUsedSumsTheTransactions() {
        Map<String, Object> row = jdbc.queryForMap(sql("Gas used"));
        assertEquals(95_000L, ((Number) row.get("total gas")).longValue());
    }

    @Test
    void kindsCountSimulations() {
        Map<String, Long> kinds = new LinkedHashMap<>();
        jdbc.query(sql("Single transactions and bundles"),
                rs -> {
                    kinds.put(rs.getString("metric"), rs.getLong("value"));
                });
        assertEquals(Map.of("single", 2L, "bundle", 1L), kinds);
    }

    @Test
    void failedSimulationsAreCounted() {
        assertEquals(1L, jdbc.queryForObject(sql("Simulations failed as a whole"), Long.class));
    }

    @Test
    void latestTransactionsListEveryTransactionWithItsGas() {
        List<Long> gas = new ArrayList<>();
        jdbc.query(sql("Latest transactions"), rs -> {
            gas.add(rs.getLong("gas_used"));
        });
        assertEquals(List.of(21_000L, 23_000L, 51_000L), gas.stream().sorted().toList());
    }

    private static Map<String, Long> outcomes(String panel) {
        Map<String, Long> counts = new LinkedHashMap<>();
        jdbc.query(sql(panel), rs -> {
            counts.merge(rs.getString("metric"), rs.getLong("value"), Long::sum);
        });
        return counts;
    }

    /** The panel's query with Grafana's PostgreSQL macros expanded over the last hour. */
    private static String sql(String panel) {
        String raw = queries.get(panel);
        assertTrue(raw != null, "no SQL panel \"" + panel + "\" in " + DASHBOARD);
        return raw.replaceAll("\\$__timeGroupAlias\\(([^,]+), '1m'\\)", "date_trunc('minute', $1) AS time")
                .replaceAll("\\$__timeFilter\\(([^)]+)\\)", "$1 BETWEEN now() - interval '1 hour' AND now() + interval '1 hour'");
    }

    private static void collect(JsonNode panels, Map<String, String> into) {
        for (JsonNode panel : panels) {
            for (JsonNode target : panel.path("targets")) {
                if (target.hasNonNull("rawSql")) {
                    into.put(panel.path("title").asString(), target.path("rawSql").asString());
                }
            }
            collect(panel.path("panels"), into);
        }
    }

    private static SimulationEvent event(String id, int sequence, EventType type, Integer index, String outcome,
            String payload, SimulationKind kind) {
        return new SimulationEvent(id, "replica", sequence, type, index, outcome, payload, kind, NOW.toEpochMilli());
    }
}
