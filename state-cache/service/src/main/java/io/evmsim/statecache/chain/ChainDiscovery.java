package io.evmsim.statecache.chain;

import io.evmsim.evm.chain.ChainSchedule;
import io.evmsim.evm.chain.Chains;
import io.evmsim.evm.chain.EthConfig;
import io.evmsim.evm.chain.GenesisConfig;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Chooses the schedule of the chain an upstream node serves, at start: a built-in chain's table,
 * checked against the node's {@code eth_config} (EIP-7910) answer, refusing to start on any
 * difference; for another chain the genesis file configured (checked against the answer too), or
 * else the node's answer. A chain with neither cannot be served: no block's rules would be known.
 */
public final class ChainDiscovery {
    private static final Logger log = LoggerFactory.getLogger(ChainDiscovery.class);

    private ChainDiscovery() {
    }

    /**
     * @param chainId the node's {@code eth_chainId}
     * @param ethConfig the node's {@code eth_config} result; null when it does not answer the method
     * @param genesisConfig the configured genesis file, or null
     * @throws IllegalStateException naming what differs or what is missing
     */
    public static ServedChain choose(long chainId, JsonNode ethConfig, Path genesisConfig) {
        var builtIn = Chains.builtIn(chainId);
        if (builtIn.isPresent()) {
            ChainSchedule chain = builtIn.get();
            if (ethConfig == null) {
                log.warn("the upstream does not answer eth_config: {}'s built-in fork schedule is used unchecked",
                        chain.name());
            } else {
                requireAgreement(chain, ethConfig, "the built-in table of " + chain.name());
            }
            return new ServedChain(chain, "built-in");
        }
        if (genesisConfig != null) {
            ChainSchedule chain = readGenesis(genesisConfig);
            if (chain.chainId() != chainId) {
                throw new IllegalStateException(genesisConfig + " is the config of chain " + chain.chainId()
                        + ", the upstream serves chain " + chainId);
            }
            if (ethConfig != null) {
                requireAgreement(chain, ethConfig, genesisConfig.toString());
            }
            return new ServedChain(chain, "genesis");
        }
        if (ethConfig == null) {
            throw new IllegalStateException("chain " + chainId + " has no built-in fork schedule, the upstream "
                    + "does not answer eth_config, and statecache.chain.genesis-config names no genesis file: "
                    + "the rules of its blocks are unknown");
        }
        try {
            return new ServedChain(EthConfig.schedule(ethConfig, "chain " + chainId), "eth_config");
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("the upstream's eth_config answer cannot be used: " + e.getMessage(), e);
        }
    }

    /** The schedule of a geth-style genesis file, or of its {@code config} object alone. */
    public static ChainSchedule readGenesis(Path file) {
        JsonNode root;
        try {
            root = JsonMapper.builder().build().readTree(file.toFile());
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot read the genesis file " + file + ": " + e.getMessage(), e);
        }
        return GenesisConfig.parse(root.has("config") ? root.get("config") : root, file.getFileName().toString());
    }

    private static void requireAgreement(ChainSchedule chain, JsonNode ethConfig, String table) {
        List<String> differences;
        try {
            differences = EthConfig.differences(chain, ethConfig);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("the upstream's eth_config answer cannot be read: " + e.getMessage(), e);
        }
        if (!differences.isEmpty()) {
            throw new IllegalStateException("the upstream's eth_config disagrees with " + table + ": "
                    + String.join("; ", differences));
        }
    }
}
