package io.evmsim.worker;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * @param stateCacheUrl the state-cache service ({@code STATE_CACHE_URL})
 * @param stateCacheTimeout one state-cache round trip's limit
 * @param engineThreads simulations run at once (each on a thread with a deep stack for 1,024 call frames)
 * @param codeCacheBytes code kept in memory by hash
 * @param maxFetchRounds state batches one simulation may need before it is abandoned
 * @param blockTagFreshness how long a resolution of {@code latest} (or another block tag) is reused: the
 *        bound on how stale a simulation at a tag may be
 * @param cachedAccounts accounts kept in memory by block hash between simulations
 * @param cachedSlots storage slots kept in memory by block hash between simulations
 * @param commitInterval how often the offsets of finished requests are committed: each commit is a broker
 *        request, and a worker that stops has at most this interval's requests delivered again
 * @param maxResultSize the JSON of one simulation's results together, at most: past it the client gets
 *        {@code RESULT_TOO_LARGE} (HTTP 413, JSON-RPC -32003) naming the size and the limit
 * @param resultRecordSize one result record's value, at most; a larger result travels in parts of this size
 *        (below the producer's {@code max.request.size} and the topic's {@code max.message.bytes})
 * @param traceMaxSteps the opcode logger's steps, at most, whatever a request's {@code limit}
 * @param traceMaxBytes the JSON of the opcode logger's steps (stack, memory, storage, return data), at most,
 *        as it estimates it before capturing a step
 */
@ConfigurationProperties("evmsim.worker")
public record WorkerProperties(
        @DefaultValue("http://localhost:8082") URI stateCacheUrl,
        @DefaultValue("10s") Duration stateCacheTimeout,
        @DefaultValue("4") int engineThreads,
        @DefaultValue("268435456") long codeCacheBytes,
        @DefaultValue("64") int maxFetchRounds,
        @DefaultValue("1s") Duration blockTagFreshness,
        @DefaultValue("100000") long cachedAccounts,
        @DefaultValue("1000000") long cachedSlots,
        @DefaultValue("100ms") Duration commitInterval,
        @DefaultValue("16MB") DataSize maxResultSize,
        @DefaultValue("768KB") DataSize resultRecordSize,
        @DefaultValue("250000") int traceMaxSteps,
        @DefaultValue("16MB") DataSize traceMaxBytes) {
}
