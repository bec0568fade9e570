package io.evmsim.api.tenant;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * API keys and their quotas.
 *
 * @param mode {@code keys} (the default) or {@code none} ({@code EVMSIM_AUTH})
 * @param keyCacheTtl how long a replica trusts what it read of a key: a key revoked or changed through another
 *     replica takes effect here within this time (at once on the replica that changed it)
 * @param gasCacheTtl how long a replica trusts a key's gas used today before reading it again
 * @param metricKeys the most keys named in the per-key metrics; the others are counted as {@code other}, so a
 *     cluster with many keys keeps a bounded number of series
 */
@ConfigurationProperties("evmsim.auth")
public record TenantProperties(
        @DefaultValue("keys") AuthMode mode,
        @DefaultValue("5s") Duration keyCacheTtl,
        @DefaultValue("1s") Duration gasCacheTtl,
        @DefaultValue("50") int metricKeys) {
}
