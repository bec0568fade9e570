package io.evmsim.statecache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import io.evmsim.common.types.Address;
import io.evmsim.common.types.UInt256;
import io.evmsim.statecache.block.BlockResolver;
import io.evmsim.statecache.cache.MemoryStore;
import io.evmsim.statecache.cache.PostgresAvailability;
import io.evmsim.statecache.cache.PostgresStore;
import io.evmsim.statecache.client.AccountData;
import io.evmsim.statecache.client.BlockHeader;
import io.evmsim.statecache.devnet.GenesisStateSource;
import io.evmsim.statecache.state.StateReader;
import io.evmsim.testsupport.TestDatabases;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The state cache without its database: the database refuses connections (its existing ones cut), reads
 * are served from the source and the memory tier, the outage is counted and shown, and once the database
 * takes connections again the PostgreSQL tier is used and filled again.
 */
class PostgresOutageTest {
    private static final Address ALICE = Address.fromHex("0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266");
    private static final Address BOB = Address.fromHex("0x70997970c51812dc3a010c7d01b50e0d17dc79c8");
    private static final Address CAROL = Address.fromHex("0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc");
    private static final UInt256 TEN_THOUSAND_ETHER = UInt256.parse("0x21e19e0c9bab2400000");

    private final TestDatabases.TestDatabase database = TestDatabases.create("statecache");
    private final HikariDataSource dataSource = new HikariDataSource();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @AfterEach
    void close() throws SQLException {
        allowConnections(true);
        dataSource.close();
    }

    @Test
    void readsAreServedWithoutTheDatabaseAndTheTierIsUsedAgainWhenItReturns() throws Exception {
        dataSource.setJdbcUrl(database.jdbcUrl());
        dataSource.setUsername(database.username());
        dataSource.setPassword(database.password());
        dataSource.setMaximumPoolSize(4);
        dataSource.setConnectionTimeout(500);
        Flyway.configure().dataSource(dataSource).load().migrate();
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        PostgresAvailability availability = new PostgresAvailability(jdbc, Duration.ofMillis(200), meters,
                Clock.systemUTC());
        PostgresStore postgres = new PostgresStore(jdbc, new TransactionTemplate(new DataSourceTransactionManager(
                dataSource)), meters, availability);
        GenesisStateSource devnet = GenesisStateSource.fromClasspath("/devnet/genesis.json");
        MemoryStore memory = new MemoryStore(new io.evmsim.statecache.cache.CacheProperties(1000, 1 << 20,
                Duration.ofHours(1), Duration.ofDays(1), Duration.ofMinutes(10), Duration.ofMillis(200)));
        StateReader reader = new StateReader(List.of(memory, postgres), devnet, meters);
        BlockHeader genesis = new BlockResolver(devnet, postgres).resolve("latest");

        assertEquals(TEN_THOUSAND_ETHER, read(reader, genesis, ALICE).balance());
        assertEquals(1, cachedRows(ALICE));

        allowConnections(false);
        long started = System.nanoTime();
        assertEquals(TEN_THOUSAND_ETHER, read(reader, genesis, BOB).balance(), "served from the source");
        assertEquals(TEN_THOUSAND_ETHER, read(reader, genesis, ALICE).balance(), "served from the memory tier");
        BlockHeader again = new BlockResolver(devnet, postgres).byHash(genesis.hash());
        assertEquals(genesis, again, "a header by hash from the source");
        assertFalse(availability.available());
        assertTrue(availability.status().get("postgres").toString().startsWith("unavailable since"),
                availability.status().toString());
        for (int i = 0; i < 20; i++) {
            read(reader, genesis, BOB);
        }
        assertTrue(Duration.ofNanos(System.nanoTime() - started).compareTo(Duration.ofSeconds(5)) < 0,
                "one wait on the dead database, not one per read");
        assertTrue(skipped("read") > 0, "reads skipped are counted");
        assertTrue(skipped("write") > 0, "writes dropped are counted");
        assertEquals(1.0, meters.get("evmsim.statecache.postgres.unavailable").gauge().value());

        allowConnections(true);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!availability.available() && System.nanoTime() < deadline) {
            postgres.header(genesis.hash()); // a skipped operation starts the background probe
            Thread.sleep(50);
        }
        assertTrue(availability.available(), "the tier is in use again: " + availability.status());
        assertEquals(0.0, meters.get("evmsim.statecache.postgres.unavailable").gauge().value());
        assertEquals(TEN_THOUSAND_ETHER, read(reader, genesis, CAROL).balance());
        assertEquals(1, cachedRows(CAROL), "what is fetched after the outage is cached again");
        assertEquals(0, cachedRows(BOB), "what was fetched during the outage was dropped, not queued");
    }

    private static AccountData read(StateReader reader, BlockHeader block, Address address) {
        return reader.read(block, Map.of(address, Set.of())).getFirst();
    }

    private double skipped(String operation) {
        return meters.get("evmsim.statecache.postgres.skipped").tag("operation", operation).counter().count();
    }

    private int cachedRows(Address address) throws SQLException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
             var rows = statement.executeQuery("SELECT count(*) FROM account_state WHERE address = '\\x"
                     + address.toString().substring(2) + "'")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    /** Stops (or resumes) the database taking connections, and cuts the ones it has. */
    private void allowConnections(boolean allowed) throws SQLException {
        String name = database.jdbcUrl().substring(database.jdbcUrl().lastIndexOf('/') + 1).replaceAll("\\?.*", "");
        String admin = database.jdbcUrl().substring(0, database.jdbcUrl().lastIndexOf('/') + 1) + "postgres";
        try (Connection connection = DriverManager.getConnection(admin, database.username(), database.password());
             Statement statement = connection.createStatement()) {
            statement.execute("ALTER DATABASE " + name + " ALLOW_CONNECTIONS " + allowed);
            if (!allowed) {
                statement.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + name + "'");
            }
        }
    }
}
