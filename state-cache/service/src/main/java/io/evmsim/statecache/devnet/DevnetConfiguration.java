package io.evmsim.statecache.devnet;

import io.evmsim.statecache.upstream.UpstreamConfigured;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/** The devnet genesis as the only source, when ETH_RPC_URL is unset. */
@Configuration(proxyBeanMethods = false)
@Conditional(UpstreamConfigured.Absent.class)
public class DevnetConfiguration {
    @Bean
    GenesisStateSource genesisStateSource() {
        return GenesisStateSource.fromClasspath("/devnet/genesis.json");
    }
}
