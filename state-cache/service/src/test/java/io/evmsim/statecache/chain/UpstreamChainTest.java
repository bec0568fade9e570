package io.evmsim.statecache.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.evmsim.statecache.upstream.JsonRpcUpstream;
import io.evmsim.statecache.upstream.UpstreamProperties;
import io.evmsim.testsupport.Anvil;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** The chain learned from a real node's eth_config at start (anvil 1.7.1). */
class UpstreamChainTest {
    @Test
    void a_development_node_is_served_as_its_eth_config_describes_it() {
        try (Anvil anvil = Anvil.start("--hardfork", "prague")) {
            ServedChain chain = new ChainConfiguration().upstreamChain(upstream(anvil), new ChainProperties(null));
            assertEquals("eth_config", chain.source());
            assertEquals(31337, chain.schedule().chainId());
            assertEquals("Prague", chain.schedule().rulesAt(1, 1_800_000_000L).fork().displayName());
        }
    }

    /**
     * A node calling itself mainnet (chain id 1) that runs Osaka from its genesis with Prague's blob
     * parameters is not mainnet as the built-in table knows it: the state cache refuses to start.
     */
    @Test
    void a_node_whose_eth_config_disagrees_with_the_built_in_table_is_refused_naming_each_difference() {
        try (Anvil anvil = Anvil.start("--chain-id", "1")) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> new ChainConfiguration().upstreamChain(upstream(anvil), new ChainProperties(null)));
            assertEquals("the upstream's eth_config disagrees with the built-in table of mainnet: "
                    + "eth_config.current (activation time 0): the node's precompiles are Osaka's, mainnet's table "
                    + "has Paris; eth_config.current (activation time 0): blob schedule target 6, max 9, "
                    + "baseFeeUpdateFraction 5007716, mainnet's table has none", e.getMessage());
        }
    }

    /** The upstream as the application binds it, every other setting at its default. */
    private static JsonRpcUpstream upstream(Anvil anvil) {
        UpstreamProperties properties = new Binder(new MapConfigurationPropertySource(
                Map.of("statecache.upstream.urls", anvil.url().toString())))
                .bind("statecache.upstream", UpstreamProperties.class).get();
        return new JsonRpcUpstream(properties, new SimpleMeterRegistry());
    }
}
