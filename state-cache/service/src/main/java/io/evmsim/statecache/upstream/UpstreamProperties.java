package io.evmsim.statecache.upstream;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The upstream Ethereum JSON-RPC nodes.
 *
 * @param urls                  nodes in order of preference (ETH_RPC_URL, comma-separated); none = the devnet
 * @param requestTimeout        one HTTP request, connection included
 * @param maxConcurrentRequests requests in flight per node, so a burst cannot trip the provider's rate limit
 * @param maxAttempts           attempts per request across all nodes; 429, 5xx, timeouts and broken connections are retried
 * @param initialBackoff        the wait before the first retry, doubled each time up to {@code maxBackoff}
 * @param maxBatchSize          calls per JSON-RPC batch (providers cap it)
 * @param verifyProofs          verify every eth_getProof against the block's state root (when the node serves proofs)
 * @param maxResponseSize       the largest answer read from a node; a larger one fails that call. 32 MB holds six
 *                              times a full batch of 100 eth_getCode at the 24 KB code limit (EIP-170; ~4.9 MB as
 *                              hex) and some 3,500 storage proofs, while one answer cannot take the heap
 * @param allowUnprovenReads    serve a node without eth_getProof with plain reads, each marked PLAIN in the results
 *                              that use it; off by default, so such a node is an error, never a silent switch
 */
@ConfigurationProperties("statecache.upstream")
public record UpstreamProperties(
        @DefaultValue List<URI> urls,
        @DefaultValue("10s") Duration requestTimeout,
        @DefaultValue("8") int maxConcurrentRequests,
        @DefaultValue("4") int maxAttempts,
        @DefaultValue("100ms") Duration initialBackoff,
        @DefaultValue("2s") Duration maxBackoff,
        @DefaultValue("100") int maxBatchSize,
        @DefaultValue("true") boolean verifyProofs,
        @DefaultValue("32MB") DataSize maxResponseSize,
        @DefaultValue("false") boolean allowUnprovenReads) {

    public UpstreamProperties {
        urls = urls.stream().filter(url -> !url.toString().isBlank()).toList();
        if (maxResponseSize.toBytes() < 1) {
            throw new IllegalArgumentException("statecache.upstream.max-response-size must be positive");
        }
        if (maxConcurrentRequests < 1 || maxAttempts < 1 || maxBatchSize < 1) {
            throw new IllegalArgumentException("statecache.upstream: maxConcurrentRequests, maxAttempts and "
                    + "maxBatchSize must be at least 1");
        }
    }
}
