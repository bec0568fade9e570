package io.evmsim.statecache.chain;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the fork schedule of a chain without a built-in table comes from, besides the node.
 *
 * @param genesisConfig a go-ethereum style genesis file ({@code config} with {@code cancunTime},
 *        {@code pragueTime}, {@code osakaTime}, {@code bpo1Time}..., {@code blobSchedule}), or its
 *        {@code config} object alone ({@code STATECACHE_CHAIN_GENESIS_CONFIG}); used when the upstream
 *        does not answer {@code eth_config}, and checked against its answer when it does
 */
@ConfigurationProperties("statecache.chain")
public record ChainProperties(Path genesisConfig) {
}
