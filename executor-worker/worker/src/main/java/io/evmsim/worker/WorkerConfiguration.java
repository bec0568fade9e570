package io.evmsim.worker;

import io.evmsim.common.simulation.SimulationTopics;
import io.evmsim.evm.state.CodeCache;
import io.evmsim.statecache.client.HttpStateCacheClient;
import io.evmsim.statecache.client.StateCacheClient;
import io.evmsim.worker.messaging.ResultLimits;
import io.evmsim.worker.messaging.Cancellations;
import io.evmsim.worker.chain.ChainRules;
import io.evmsim.worker.messaging.SimulationRequestListener;
import io.evmsim.worker.preview.PreviewProperties;
import io.evmsim.worker.preview.Previewer;
import io.evmsim.worker.preview.TokenMetadataCache;
import io.evmsim.worker.rpc.RpcExecutor;
import io.evmsim.worker.simulation.SimulationExecutor;
import io.evmsim.worker.state.BlockStateCache;
import io.evmsim.worker.state.CodeStore;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaTemplate;

/** Wires the worker: state-cache client, caches, the executor and the Kafka listener. */
@Configuration(proxyBeanMethods = false)
public class WorkerConfiguration {
    /** A thread stack deep enough for 1,024 nested call frames of the interpreter. */
    private static final long ENGINE_STACK_BYTES = 64L << 20;

    /** The state-cache service behind this worker's own cache of state by block hash. */
    @Bean
    @ConditionalOnMissingBean
    StateCacheClient stateCacheClient(WorkerProperties properties) {
        return new BlockStateCache(new HttpStateCacheClient(properties.stateCacheUrl(), properties.stateCacheTimeout()),
                properties.blockTagFreshness(), properties.cachedAccounts(), properties.cachedSlots());
    }

    @Bean
    CodeStore codeStore(StateCacheClient client, WorkerProperties properties) {
        return new CodeStore(client, properties.codeCacheBytes());
    }

    @Bean
    CodeCache codeCache() {
        return new CodeCache(10_000);
    }

    /** Each block's rules, from the chain's fork schedule as the state cache serves it. */
    @Bean
    ChainRules chainRules(StateCacheClient client) {
        return ChainRules.from(client);
    }

    @Bean
    SimulationExecutor simulationExecutor(StateCacheClient client, CodeStore codes, CodeCache codeCache,
            ChainRules chain, WorkerProperties properties, MeterRegistry registry, Previewer previewer) {
        return new SimulationExecutor(client, codes, codeCache, chain, properties.maxFetchRounds(), metrics(registry),
                previewer);
    }

    /** Previews (token metadata, summaries, warnings), with the token metadata cache's hits and misses as meters. */
    @Bean
    Previewer previewer(PreviewProperties properties, MeterRegistry registry) {
        Previewer previewer = Previewer.of(properties);
        FunctionCounter.builder("evmsim.token.metadata.cache", previewer.cache(), TokenMetadataCache::hits)
                .tag("result", "hit").register(registry);
        FunctionCounter.builder("evmsim.token.metadata.cache", previewer.cache(), TokenMetadataCache::misses)
                .tag("result", "miss").register(registry);
        return previewer;
    }

    @Bean
    RpcExecutor rpcExecutor(StateCacheClient client, CodeStore codes, CodeCache codeCache, ChainRules chain,
            WorkerProperties properties, SimulationExecutor simulations) {
        return new RpcExecutor(client, codes, codeCache, chain, properties.maxFetchRounds(),
                properties.traceMaxSteps(), properties.traceMaxBytes().toBytes(), simulations);
    }

    @Bean(destroyMethod = "shutdown")
    ExecutorService engineThreads(WorkerProperties properties) {
        AtomicInteger count = new AtomicInteger();
        return Executors.newFixedThreadPool(properties.engineThreads(),
                task -> new Thread(null, task, "engine-" + count.incrementAndGet(), ENGINE_STACK_BYTES));
    }

    /** Twice the engine threads may be under way: each thread has the next simulation ready. */
    @Bean
    SimulationRequestListener simulationRequestListener(SimulationExecutor executor, RpcExecutor rpc,
            ExecutorService engineThreads, KafkaTemplate<String, byte[]> kafka, WorkerProperties properties,
            Cancellations cancellations, MeterRegistry registry,
            @Value("${evmsim.kafka.max-results-per-record:64}") int maxResultsPerRecord) {
        return new SimulationRequestListener(executor, rpc, engineThreads, kafka, 2 * properties.engineThreads(),
                properties.commitInterval(), new ResultLimits(properties.maxResultSize().toBytes(),
                        Math.toIntExact(properties.resultRecordSize().toBytes()), maxResultsPerRecord), cancellations,
                registry);
    }

    @Bean
    Cancellations cancellations() {
        return new Cancellations();
    }

    /**
     * The worker declares the topics it reads and writes as the gateway does, so they exist with
     * their partition count before its consumers subscribe (a topic auto-created by a subscription
     * would get the broker's default count, and partitions added later reach a consumer late).
     */
    @Bean
    NewTopic requestsTopic(@Value("${evmsim.kafka.partitions:6}") int partitions,
            @Value("${evmsim.kafka.replicas:1}") short replicas) {
        return TopicBuilder.name(SimulationTopics.REQUESTS).partitions(partitions).replicas(replicas).build();
    }

    @Bean
    NewTopic resultsTopic(@Value("${evmsim.kafka.partitions:6}") int partitions,
            @Value("${evmsim.kafka.replicas:1}") short replicas) {
        return TopicBuilder.name(SimulationTopics.RESULTS).partitions(partitions).replicas(replicas).build();
    }

    @Bean
    NewTopic deadLetterTopic(@Value("${evmsim.kafka.replicas:1}") short replicas) {
        return TopicBuilder.name(SimulationTopics.DEAD_LETTERS).partitions(1).replicas(replicas).build();
    }

    @Bean
    NewTopic cancellationsTopic(@Value("${evmsim.kafka.replicas:1}") short replicas) {
        return TopicBuilder.name(SimulationTopics.CANCELLATIONS).partitions(1).replicas(replicas)
                .config("retention.ms", SimulationTopics.CANCELLATIONS_RETENTION_MILLIS)
                .config("segment.ms", SimulationTopics.CANCELLATIONS_SEGMENT_MILLIS).build();
    }

    private static SimulationExecutor.WorkerMetrics metrics(MeterRegistry registry) {
        DistributionSummary gas = DistributionSummary.builder("evmsim.gas.used")
                .description("Gas used per simulated transaction").register(registry);
        Timer queueWait = Timer.builder("evmsim.queue.wait").register(registry);
        // a few stages, each recorded for every simulation: their timers are looked up once
        Map<String, Timer> stages = new ConcurrentHashMap<>();
        return new SimulationExecutor.WorkerMetrics() {
            @Override
            public void record(String stage, long nanos) {
                if (stage.equals("queue")) {
                    queueWait.record(nanos, TimeUnit.NANOSECONDS);
                }
                stages.computeIfAbsent(stage, name -> Timer.builder("evmsim.stage.duration").tag("stage", name)
                        .publishPercentileHistogram().register(registry)).record(nanos, TimeUnit.NANOSECONDS);
            }

            @Override
            public void gasUsed(long gasUsed) {
                gas.record(gasUsed);
            }
        };
    }
}
