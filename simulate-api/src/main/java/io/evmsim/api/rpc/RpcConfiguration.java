package io.evmsim.api.rpc;

import io.evmsim.api.simulation.SimulationLimits;
import io.evmsim.api.simulation.SimulationService;
import io.evmsim.statecache.client.HttpStateCacheClient;
import io.evmsim.statecache.client.StateCacheClient;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the JSON-RPC door: the state-cache client for the read methods and the endpoint. */
@Configuration(proxyBeanMethods = false)
public class RpcConfiguration {

    @Bean
    @ConditionalOnMissingBean
    StateCacheClient stateCacheClient(RpcProperties properties) {
        return new HttpStateCacheClient(properties.stateCacheUrl(), properties.stateCacheTimeout());
    }

    @Bean
    JsonRpcEndpoint jsonRpcEndpoint(RpcProperties properties, SimulationLimits limits, StateCacheClient stateCache,
            SimulationService simulations) {
        RpcMethods methods = new RpcMethods(new EngineRequests(limits, properties.maxSimulatedBlocks()),
                new StateReads(stateCache), simulations);
        return new JsonRpcEndpoint(methods, properties.maxBatch());
    }
}
