package io.evmsim.statecache.upstream;

import io.evmsim.statecache.proof.AccountProofs;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/** State from upstream nodes, when ETH_RPC_URL names any. */
@Configuration(proxyBeanMethods = false)
@Conditional(UpstreamConfigured.class)
public class UpstreamConfiguration {
    @Bean
    JsonRpcUpstream jsonRpcUpstream(UpstreamProperties properties, MeterRegistry meters) {
        return new JsonRpcUpstream(properties, meters);
    }

    @Bean
    UpstreamStateSource upstreamStateSource(JsonRpcUpstream upstream, UpstreamProperties properties,
            MeterRegistry meters) {
        return new UpstreamStateSource(upstream, new AccountProofs(meters, properties.verifyProofs()),
                properties.allowUnprovenReads(), meters);
    }
}
