package io.evmsim.api.tenant;

import io.evmsim.api.simulation.SimulationLimits;
import io.github.bucket4j.postgresql.PostgreSQLSelectForUpdateBasedProxyManager;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;

/** API keys, quotas and result ownership on the API port; the keys' administration is {@link KeyAdminConfiguration}. */
@Configuration(proxyBeanMethods = false)
public class TenantConfiguration {
    private static final Logger LOG = LoggerFactory.getLogger(TenantConfiguration.class);

    @Bean
    ApiKeyStore apiKeyStore(JdbcTemplate jdbc) {
        return new ApiKeyStore(jdbc);
    }

    @Bean
    ApiKeys apiKeys(ApiKeyStore store, Clock clock, TenantProperties properties) {
        if (properties.mode() == AuthMode.NONE) {
            LOG.warn("EVMSIM_AUTH=none: no API keys asked for; anyone who reaches the API port may simulate and "
                    + "read every result by its id");
        }
        return new ApiKeys(store, clock, properties.keyCacheTtl());
    }

    @Bean
    PostgreSQLSelectForUpdateBasedProxyManager<String> requestBuckets(DataSource dataSource) {
        return Quotas.buckets(dataSource);
    }

    @Bean
    Quotas quotas(PostgreSQLSelectForUpdateBasedProxyManager<String> buckets, ApiKeyStore store, Clock clock,
            TenantProperties properties) {
        return new Quotas(buckets, store, clock, properties.gasCacheTtl());
    }

    @Bean
    TenantMetrics tenantMetrics(MeterRegistry registry, TenantProperties properties) {
        return new TenantMetrics(registry, properties.metricKeys());
    }

    @Bean
    Tenancy tenancy(TenantProperties properties, ApiKeyStore store, TenantMetrics metrics, SimulationLimits limits,
            Clock clock) {
        return new Tenancy(properties.mode(), store, metrics, limits.retention(), clock);
    }

    /** Before anything reads the request; on the API port only (the management port is a context of its own). */
    @Bean
    FilterRegistrationBean<TenantFilter> tenantFilter(TenantProperties properties, ApiKeys keys, Quotas quotas,
            ApiKeyStore store, TenantMetrics metrics) {
        FilterRegistrationBean<TenantFilter> registration = new FilterRegistrationBean<>(
                new TenantFilter(properties.mode(), keys, quotas, store, metrics));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 100);
        return registration;
    }

    @Bean
    TenantSweeper tenantSweeper(ApiKeyStore store, PostgreSQLSelectForUpdateBasedProxyManager<String> buckets,
            Clock clock) {
        return new TenantSweeper(store, buckets, clock);
    }

    /** Deletes ownerships past retention, gas counts of past days and idle buckets. */
    static final class TenantSweeper {
        private static final int BUCKETS_PER_STATEMENT = 1000;
        /** Gas counts are kept a while for reports; only today's is read. */
        private static final int GAS_DAYS_KEPT = 35;

        private final ApiKeyStore store;
        private final PostgreSQLSelectForUpdateBasedProxyManager<String> buckets;
        private final Clock clock;

        TenantSweeper(ApiKeyStore store, PostgreSQLSelectForUpdateBasedProxyManager<String> buckets, Clock clock) {
            this.store = store;
            this.buckets = buckets;
            this.clock = clock;
        }

        @Scheduled(fixedDelayString = "${evmsim.retention-sweep:PT10M}", initialDelayString = "PT1M")
        public void sweep() {
            store.deleteExpired(clock.instant(), LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).minusDays(GAS_DAYS_KEPT));
            while (buckets.removeExpired(BUCKETS_PER_STATEMENT) == BUCKETS_PER_STATEMENT) {
                // another batch
            }
        }
    }
}
