package io.evmsim.api.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evmsim.api.simulation.SimulationStore.Piece;
import io.evmsim.common.simulation.ResultRecords;
import io.evmsim.common.simulation.SimulationEvent;
import io.evmsim.common.simulation.SimulationEvent.EventType;
import io.evmsim.common.simulation.SimulationKind;
import io.evmsim.testsupport.TestDatabases;
import io.evmsim.testsupport.TestDatabases.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** The results store on a real PostgreSQL with the gateway's migrations. */
class JdbcSimulationStoreTest {
    private static final Duration RETENTION = Duration.ofHours(1);
    // now: a simulation is found by id while the database's clock is before its expiry
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    private JdbcTemplate jdbc;
    private JdbcSimulationStore store;

    @BeforeEach
    void migrate() {
        TestDatabase database = TestDatabases.create("simulations");
        DriverManagerDataSource source = new DriverManagerDataSource(database.jdbcUrl(), database.username(),
                database.password());
        Flyway.configure().dataSource(source).locations("classpath:db/migration/simulations").load().migrate();
        jdbc = new JdbcTemplate(source);
        store = new JdbcSimulationStore(jdbc, RETENTION, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void aCreatedSimulationIsFoundByIdAndCreatingItAgainChangesNothing() {
        String id = UUID.randomUUID().toString();
        store.create(id, SimulationKind.BUNDLE, NOW, NOW.plus(RETENTION));
        store.create(id, SimulationKind.SINGLE, NOW, NOW.plus(RETENTION));
        assertEquals(Optional.of(SimulationKind.BUNDLE), store.kind(id));
        assertEquals(List.of(), store.events(id, 0));
    }

    @Test
    void aResultIsKeptOnceAndOnlyItsFirstCopyIsReportedNew() {
        String id = UUID.randomUUID().toString();
        store.create(id, SimulationKind.BUNDLE, NOW, NOW.plus(RETENTION));
        SimulationEvent first = event(id, 0, EventType.TRANSACTION, "{\"index\":0}");
        SimulationEvent summary = event(id, 1, EventType.SUMMARY, "{\"status\":\"success\"}");

        assertEquals(List.of(first), store.append(List.of(first)));
        // a redelivery repeats the first result next to the new one, and repeats itself within the poll
        assertEquals(List.of(summary), store.append(List.of(first, summary, summary)));
        assertEquals(List.of(), store.append(List.of(first, summary)));

        assertEquals(List.of("{\"index\":0}", "{\"status\":\"success\"}"),
                store.events(id, 0).stream().map(SimulationEvent::payload).toList());
        assertEquals(List.of(1), store.events(id, 1).stream().map(SimulationEvent::sequence).toList());
    }

    @Test
    void theEventsOfSeveralSimulationsAreReadInOneGoEachFromItsOwnSequence() {
        String a = UUID.randomUUID().toString();
        String b = UUID.randomUUID().toString();
        String none = UUID.randomUUID().toString();
        store.create(b, SimulationKind.BUNDLE, NOW, NOW.plus(RETENTION)); // still running: its row, no final event
        store.append(List.of(event(a, 0, EventType.TRANSACTION, "{}"), event(a, 1, EventType.SUMMARY, "{}"),
                event(b, 0, EventType.TRANSACTION, "{}"), event(b, 1, EventType.TRANSACTION, "{}")));
        var events = store.events(java.util.Map.of(a, 1, b, 0, none, 0, "not-a-uuid", 0));
        assertEquals(List.of(1), events.get(a).stream().map(SimulationEvent::sequence).toList());
        assertEquals(List.of(0, 1), events.get(b).stream().map(SimulationEvent::sequence).toList());
        assertEquals(EventType.SUMMARY, events.get(a).getFirst().type());
        assertEquals(java.util.Set.of(a, b), events.keySet());
    }

    @Test
    void aFinalResultWithoutItsSimulationRowIsFoundByIdAnyway() {
        String id = UUID.randomUUID().toString(); // published by a gateway that failed before writing its row
        SimulationEvent error = event(id, 0, EventType.ERROR, "{\"status\":\"error\",\"error\":\"unreadable\"}");
        assertEquals(List.of(error), store.append(List.of(error)));
        assertEquals(Optional.of(SimulationKind.SINGLE), store.kind(id));
        assertEquals(List.of(error.payload()), store.events(id, 0).stream().map(SimulationEvent::payload).toList());
    }

    @Test
    void expiredResultsAreNotKeptAndTheSweepDeletesSimulationsWithTheirResults() {
        String old = UUID.randomUUID().toString();
        Instant longAgo = NOW.minus(RETENTION).minusSeconds(1);
        assertEquals(List.of(), store.append(List.of(new SimulationEvent(old, "replica", 0, EventType.SUMMARY, null,
                "success", "{}", SimulationKind.SINGLE, longAgo.toEpochMilli()))));

        String id = UUID.randomUUID().toString();
        store.create(id, SimulationKind.SINGLE, NOW, NOW.plus(RETENTION));
        store.append(List.of(event(id, 0, EventType.SUMMARY, "{}")));
        assertEquals(0, store.deleteExpired(NOW));
        assertEquals(1, store.deleteExpired(NOW.plus(RETENTION)));
        assertEquals(Optional.empty(), store.kind(id));
        assertEquals(0, jdbc.queryForObject("SELECT count(*) FROM simulation_event", Integer.class));
    }

    @Test
    void aLargeResultIsStoredByteForByte() {
        String id = UUID.randomUUID().toString();
        store.create(id, SimulationKind.SINGLE, NOW, NOW.plus(RETENTION));
        String payload = "{\"code\":\"0x" + "60806040".repeat(5000) + "\",\"b\":1,  \"a\":2}"; // beyond a page, unordered keys
        store.append(List.of(event(id, 0, EventType.SUMMARY, payload)));
        assertEquals(payload, store.events(id, 0).getFirst().payload());
    }

    @Test
    void aPollOfMoreResultsThanOneStatementTakesIsStoredWhole() {
        List<SimulationEvent> events = new ArrayList<>();
        for (int i = 0; i < 2500; i++) {
            events.add(event(UUID.randomUUID().toString(), 0, EventType.SUMMARY, "{\"n\":" + i + "}"));
        }
        assertEquals(events, store.append(events));
        assertEquals(2500, jdbc.queryForObject("SELECT count(*) FROM simulation", Integer.class));
        assertTrue(store.append(events).isEmpty());
    }

    @Test
    void aResultInPartsIsStoredWholeOnceItsLastPartComesWhateverTheDuplicatesAndAnEarlierRunsParts() {
        String id = UUID.randomUUID().toString();
        // as large as a result may be (16 MB), in the worker's parts of 768 KB
        String payload = "{\"returnData\":\"0x" + "ab".repeat(8_388_000) + "\",\"reason\":\"\u00e9\u20ac\"}";
        List<String> texts = new ArrayList<>();
        for (byte[] piece : ResultRecords.pieces(payload.getBytes(StandardCharsets.UTF_8), 786_432)) {
            texts.add(new String(piece, StandardCharsets.UTF_8));
        }
        assertEquals(22, texts.size());
        // a run that stopped after its first part, then the run that completed, over two polls
        List<Piece> earlier = List.of(piece(id, "run-1", 0, texts));
        List<Piece> first = new ArrayList<>();
        List<Piece> rest = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            (i < 10 ? first : rest).add(piece(id, "run-2", i, texts));
        }
        rest.add(piece(id, "run-2", 3, texts)); // a duplicate
        assertEquals(List.of(), store.appendParts(earlier));
        assertEquals(List.of(), store.appendParts(first));
        assertEquals(List.of(), store.events(id, 0));

        List<SimulationEvent> stored = store.appendParts(rest);
        assertEquals(1, stored.size());
        assertEquals(payload, stored.getFirst().payload());
        assertEquals(payload, store.events(id, 0).getFirst().payload());
        assertEquals(Optional.of(SimulationKind.SINGLE), store.kind(id));
        assertEquals(0, jdbc.queryForObject("SELECT count(*) FROM simulation_event_part", Integer.class));
        // the whole set delivered again: kept once, reported new never again
        assertEquals(List.of(), store.appendParts(java.util.stream.Stream.concat(first.stream(), rest.stream()).toList()));
        assertEquals(1, store.events(id, 0).size());
    }

    @Test
    void anIncompleteSetGoesWithTheSweep() {
        String id = UUID.randomUUID().toString();
        store.appendParts(List.of(piece(id, "run-1", 0, List.of("{\"a\":", "1}"))));
        assertEquals(1, jdbc.queryForObject("SELECT count(*) FROM simulation_event_part", Integer.class));
        store.deleteExpired(NOW.plus(RETENTION));
        assertEquals(0, jdbc.queryForObject("SELECT count(*) FROM simulation_event_part", Integer.class));
    }

    private static Piece piece(String id, String set, int index, List<String> texts) {
        return new Piece(event(id, 0, EventType.SUMMARY, texts.get(index)), new ResultRecords.Part(set, index,
                texts.size()));
    }

    private static SimulationEvent event(String id, int sequence, EventType type, String payload) {
        SimulationKind kind = type == EventType.TRANSACTION || sequence > 0 ? SimulationKind.BUNDLE
                : SimulationKind.SINGLE;
        return new SimulationEvent(id, "replica", sequence, type, type == EventType.TRANSACTION ? sequence : null,
                "success", payload, kind, NOW.toEpochMilli());
    }
}
