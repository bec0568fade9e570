package io.evmsim.api.tenant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evmsim.testsupport.TestDatabases;
import java.time.Clock;
import java.time.Duration;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** The quotas on PostgreSQL: two {@link Quotas}, as two replicas, share each key's bucket. */
class QuotasTest {
    private static DriverManagerDataSource dataSource;
    private static ApiKeyStore store;
    private static ApiKeys keys;

    @BeforeAll
    static void database() {
        TestDatabases.TestDatabase database = TestDatabases.create("quotas");
        dataSource = new DriverManagerDataSource(database.jdbcUrl(), database.username(), database.password());
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration/simulations").load().migrate();
        store = new ApiKeyStore(new JdbcTemplate(dataSource));
        keys = new ApiKeys(store, Clock.systemUTC(), Duration.ZERO);
    }

    @Test
    void twoReplicasTakeFromOneBucket() {
        ApiKey key = keys.create("shared", 3, 1_000).key();
        Quotas first = replica();
        Quotas second = replica();
        int allowed = 0;
        long started = System.nanoTime();
        for (int i = 0; i < 8; i++) {
            allowed += (i % 2 == 0 ? first : second).takeRequest(key).allowed() ? 1 : 0;
        }
        long refilled = (long) Math.ceil((System.nanoTime() - started) / 1e9 * 3);
        assertTrue(allowed >= 3 && allowed <= 3 + refilled, "a bucket of 3, and " + refilled + " refilled: " + allowed);
    }

    @Test
    void aChangedRateAppliesFromTheNextRequest() throws InterruptedException {
        ApiKey key = keys.create("raised", 1, 1_000).key();
        Quotas quotas = replica();
        assertTrue(quotas.takeRequest(key).allowed());
        Quotas.RateDecision refused = quotas.takeRequest(key);
        assertFalse(refused.allowed());
        assertEquals(1, refused.seconds());
        ApiKey raised = keys.update(key.id(), null, 1000, null).orElseThrow();
        assertEquals(key.version() + 1, raised.version());
        Thread.sleep(20);
        assertTrue(quotas.takeRequest(raised).allowed(), "1000 a second: a token within a millisecond");
        assertTrue(replica().takeRequest(raised).allowed(), "and on another replica");

        ApiKey lowered = keys.update(key.id(), null, 1, null).orElseThrow();
        Quotas restarted = replica(); // a replica that never saw the key at 1000 a second
        assertTrue(restarted.takeRequest(lowered).allowed());
        assertFalse(restarted.takeRequest(lowered).allowed(), "the stored bucket takes the key's rate as read now");
    }

    @Test
    void aDaysGasIsChargedToTheOwnerOfEachSimulation() {
        ApiKey key = keys.create("metered", 10, 50_000).key();
        java.util.UUID simulation = java.util.UUID.randomUUID();
        store.own(simulation, key.id(), java.time.Instant.now().plusSeconds(60));
        Quotas quotas = replica();
        assertEquals(Duration.ZERO, quotas.gasWait(key));
        java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneOffset.UTC);
        assertEquals(java.util.List.of(new ApiKeyStore.Charge(key.id(), "metered", 60_000)),
                store.charge(java.util.Map.of(simulation, 60_000L, java.util.UUID.randomUUID(), 5L), today));
        assertEquals(60_000, store.gasUsed(key.id(), today));
        assertTrue(quotas.gasWait(key).compareTo(Duration.ZERO) > 0, "over its 50,000: until tomorrow");
    }

    private static Quotas replica() {
        return new Quotas(Quotas.buckets(dataSource), store, Clock.systemUTC(), Duration.ZERO);
    }
}
