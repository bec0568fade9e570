package io.evmsim.statecache.cache;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The cache tiers.
 *
 * @param memoryEntries     accounts and slots held in memory (across blocks)
 * @param memoryCodeBytes   bytes of code held in memory, and again of verified trie nodes
 * @param retention         how long state and headers stay in PostgreSQL
 * @param codeRetention     how long code stays in PostgreSQL (code is shared across blocks, so it is kept longer)
 * @param retentionInterval how often expired rows are deleted
 * @param postgresProbeInterval while PostgreSQL is unavailable, how often one probe asks whether it is back
 */
@ConfigurationProperties("statecache.cache")
public record CacheProperties(
        @DefaultValue("1000000") long memoryEntries,
        @DefaultValue("268435456") long memoryCodeBytes,
        @DefaultValue("24h") Duration retention,
        @DefaultValue("30d") Duration codeRetention,
        @DefaultValue("10m") Duration retentionInterval,
        @DefaultValue("5s") Duration postgresProbeInterval) {
}
