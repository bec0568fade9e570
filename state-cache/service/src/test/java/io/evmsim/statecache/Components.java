package io.evmsim.statecache;

import io.evmsim.statecache.block.BlockResolver;
import io.evmsim.statecache.cache.CacheProperties;
import io.evmsim.statecache.cache.MemoryStore;
import io.evmsim.statecache.cache.PostgresAvailability;
import io.evmsim.statecache.cache.PostgresStore;
import io.evmsim.statecache.follow.ChainFollower;
import io.evmsim.statecache.follow.FollowProperties;
import io.evmsim.statecache.proof.AccountProofs;
import io.evmsim.statecache.state.StateReader;
import io.evmsim.statecache.upstream.JsonRpcUpstream;
import io.evmsim.statecache.upstream.UpstreamProperties;
import io.evmsim.statecache.upstream.UpstreamStateSource;
import io.evmsim.testsupport.TestDatabases;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.unit.DataSize;

/** The service's parts wired by hand (no web server): for tests and the benchmark that look inside the tiers. */
public final class Components {
    public final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    public final JsonRpcUpstream upstream;
    public final UpstreamStateSource source;
    public final MemoryStore memory;
    public final PostgresStore postgres;
    public final StateReader reader;
    public final BlockResolver blocks;
    public final ChainFollower follower;

    public Components(URI upstreamUrl) {
        this(upstreamUrl, false);
    }

    /** @param allowUnprovenReads statecache.upstream.allow-unproven-reads */
    public Components(URI upstreamUrl, boolean allowUnprovenReads) {
        TestDatabases.TestDatabase database = TestDatabases.create("statecache");
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(database.jdbcUrl());
        dataSource.setUsername(database.username());
        dataSource.setPassword(database.password());
        dataSource.setMaximumPoolSize(4);
        Flyway.configure().dataSource(dataSource).load().migrate();
        upstream = new JsonRpcUpstream(new UpstreamProperties(List.of(upstreamUrl), Duration.ofSeconds(10), 8, 3,
                Duration.ofMillis(20), Duration.ofSeconds(1), 100, true, DataSize.ofMegabytes(32), allowUnprovenReads), meters);
        source = new UpstreamStateSource(upstream, new AccountProofs(meters, true), allowUnprovenReads, meters);
        CacheProperties cache = new CacheProperties(1_000_000, 64 << 20, Duration.ofHours(1), Duration.ofDays(1),
                Duration.ofMinutes(10), Duration.ofMillis(200));
        memory = new MemoryStore(cache);
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        postgres = new PostgresStore(jdbc, new TransactionTemplate(new DataSourceTransactionManager(dataSource)), meters,
                new PostgresAvailability(jdbc, cache.postgresProbeInterval(), meters, Clock.systemUTC()));
        reader = new StateReader(List.of(memory, postgres), source, meters);
        blocks = new BlockResolver(source, postgres);
        follower = new ChainFollower(blocks, upstream, postgres, new FollowProperties(true, Duration.ofSeconds(2), 16,
                Duration.ofMinutes(10)));
    }

    /** The same parts without the memory tier, so that every read goes to PostgreSQL. */
    public StateReader postgresOnly() {
        return new StateReader(List.of(postgres), source, meters);
    }
}
