package io.evmsim.statecache.chain;

import io.evmsim.evm.chain.GenesisConfig;
import io.evmsim.statecache.upstream.JsonRpcUpstream;
import io.evmsim.statecache.upstream.RpcResult;
import io.evmsim.statecache.upstream.UpstreamConfigured;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The chain served: learned from the upstream at start ({@link ChainDiscovery}), or the devnet's
 * genesis config when there is no upstream. Served to workers as {@code GET /v1/chain}.
 */
@Configuration(proxyBeanMethods = false)
public class ChainConfiguration {
    @Bean
    @Conditional(UpstreamConfigured.class)
    ServedChain upstreamChain(JsonRpcUpstream upstream, ChainProperties properties) {
        long chainId = Long.decode(upstream.call("eth_chainId").asString());
        RpcResult answer = upstream.batch(List.of(new JsonRpcUpstream.Call("eth_config"))).getFirst();
        if (answer.failed() && !answer.methodUnsupported()) {
            answer.orThrow();
        }
        JsonNode ethConfig = answer.failed() || answer.result() == null || answer.result().isNull() ? null
                : answer.result();
        return ChainDiscovery.choose(chainId, ethConfig, properties.genesisConfig());
    }

    @Bean
    @Conditional(UpstreamConfigured.Absent.class)
    ServedChain devnetChain() {
        try (InputStream in = ChainConfiguration.class.getResourceAsStream("/devnet/genesis.json")) {
            JsonNode config = JsonMapper.builder().build().readTree(in).get("config");
            return new ServedChain(GenesisConfig.parse(config, "devnet"), "genesis");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the devnet genesis", e);
        }
    }
}
