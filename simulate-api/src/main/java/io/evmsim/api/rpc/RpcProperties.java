package io.evmsim.api.rpc;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The JSON-RPC door's settings.
 *
 * @param stateCacheUrl the state-cache service the read methods ask ({@code STATE_CACHE_URL})
 * @param stateCacheTimeout one state-cache round trip's limit
 * @param maxBatch the most requests one batch may hold
 * @param maxSimulatedBlocks eth_simulateV1's block limit (geth's 256; -38026 beyond)
 */
@ConfigurationProperties("evmsim.rpc")
public record RpcProperties(
        @DefaultValue("http://localhost:8082") URI stateCacheUrl,
        @DefaultValue("10s") Duration stateCacheTimeout,
        @DefaultValue("100") int maxBatch,
        @DefaultValue("256") int maxSimulatedBlocks) {
}
