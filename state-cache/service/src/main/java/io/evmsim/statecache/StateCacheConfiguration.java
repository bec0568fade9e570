package io.evmsim.statecache;

import io.evmsim.common.simulation.StateProvenance;
import io.evmsim.statecache.block.BlockResolver;
import io.evmsim.statecache.cache.CacheProperties;
import io.evmsim.statecache.cache.MemoryStore;
import io.evmsim.statecache.cache.PostgresAvailability;
import io.evmsim.statecache.cache.PostgresStore;
import io.evmsim.statecache.cache.RetentionJob;
import io.evmsim.statecache.client.StateCacheJson;
import io.evmsim.statecache.state.StateReader;
import io.evmsim.statecache.state.StateSource;
import io.evmsim.statecache.witness.WitnessBuilder;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.List;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JacksonModule;

/** The tiers and application services, around whichever {@link StateSource} is configured. */
@Configuration(proxyBeanMethods = false)
public class StateCacheConfiguration {
    @Bean
    JacksonModule stateCacheJsonModule() {
        return StateCacheJson.module();
    }

    @Bean
    MemoryStore memoryStore(CacheProperties properties) {
        return new MemoryStore(properties);
    }

    @Bean
    PostgresAvailability postgresAvailability(JdbcTemplate jdbc, CacheProperties properties, MeterRegistry meters) {
        return new PostgresAvailability(jdbc, properties.postgresProbeInterval(), meters, Clock.systemUTC());
    }

    @Bean
    PostgresStore postgresStore(JdbcTemplate jdbc, TransactionTemplate transactions, MeterRegistry meters,
            PostgresAvailability availability) {
        return new PostgresStore(jdbc, transactions, meters, availability);
    }

    @Bean
    RetentionJob retentionJob(PostgresStore store, CacheProperties properties) {
        return new RetentionJob(store, properties);
    }

    @Bean
    StateReader stateReader(MemoryStore memory, PostgresStore postgres, StateSource source, MeterRegistry meters) {
        return new StateReader(List.of(memory, postgres), source, meters);
    }

    @Bean
    BlockResolver blockResolver(StateSource source, PostgresStore postgres) {
        return new BlockResolver(source, postgres);
    }

    /**
     * UNPROVEN (HTTP 200, shown without details) while the source serves plain reads, which every result using
     * them names as PLAIN; the details say what the source is and why.
     */
    @Bean
    WitnessBuilder witnessBuilder(StateReader state, StateSource source, BlockResolver blocks) {
        return new WitnessBuilder(state, source, blocks);
    }

    @Bean
    HealthIndicator stateSourceHealthIndicator(StateSource source) {
        return () -> (source.serves() == StateProvenance.PLAIN ? Health.status(UNPROVEN) : Health.up())
                .withDetail("source", source.describe()).withDetail("serves", source.serves()).build();
    }

    /** The state source's health status while it serves reads not proven against state roots. */
    public static final String UNPROVEN = "UNPROVEN";

    /**
     * The database as the cache sees it: DEGRADED (still serving, HTTP 200) while PostgreSQL is unavailable. It
     * replaces Spring's {@code db} indicator (management.health.db.enabled=false), whose DOWN would call a
     * state cache that serves without its database down.
     */
    @Bean
    HealthIndicator postgresTierHealthIndicator(PostgresAvailability availability) {
        return () -> (availability.check() ? Health.up() : Health.status(PostgresAvailability.DEGRADED))
                .withDetails(availability.status()).build();
    }
}
