package io.evmsim.api;

import io.evmsim.api.messaging.KafkaRequestPublisher;
import io.evmsim.api.messaging.ResultListeners;
import io.evmsim.api.simulation.PendingSimulations;
import io.evmsim.api.simulation.SimulationLimits;
import io.evmsim.api.simulation.SimulationMetrics;
import io.evmsim.api.simulation.SimulationService;
import io.evmsim.api.simulation.SimulationStore;
import io.evmsim.api.simulation.StoredEventPoller;
import io.evmsim.api.storage.JdbcSimulationStore;
import io.evmsim.api.storage.RetentionSweeper;
import io.evmsim.api.tenant.Tenancy;
import io.evmsim.common.simulation.SimulationTopics;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.kafka.autoconfigure.ConcurrentKafkaListenerContainerFactoryConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

/** Wires the gateway's plain classes to Kafka, JDBC and Micrometer. */
@Configuration(proxyBeanMethods = false)
public class GatewayConfiguration {

    /** This replica's id: the {@code replyTo} of its requests and the name of its live-results consumer group. */
    @Bean
    GatewayReplica gatewayReplica(@Value("${evmsim.replica-id:}") String configured) {
        return GatewayReplica.of(configured);
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    SimulationStore simulationStore(JdbcTemplate jdbc, SimulationLimits limits, Clock clock, Tenancy tenancy) {
        return tenancy.charging(new JdbcSimulationStore(jdbc, limits.retention(), clock));
    }

    /** For listeners whose offsets mean nothing once the replica restarts: their records are never acknowledged. */
    @Bean
    ConcurrentKafkaListenerContainerFactory<Object, Object> uncommittedListenerFactory(
            ConcurrentKafkaListenerContainerFactoryConfigurer configurer, ConsumerFactory<Object, Object> consumers) {
        ConcurrentKafkaListenerContainerFactory<Object, Object> factory = listenerFactory(configurer, consumers);
        factory.getContainerProperties().setAckMode(ContainerProperties.AckMode.MANUAL);
        return factory;
    }

    /**
     * For the store's listener: offsets committed once a second rather than after every poll (each
     * commit is a broker request); after a restart, up to a second of results is stored again, which
     * the store keeps once. A poll the database does not take is retried, backing off up to 30 s
     * between tries, for as long as it takes: results wait on the topic rather than being dropped.
     */
    @Bean
    ConcurrentKafkaListenerContainerFactory<Object, Object> storeListenerFactory(
            ConcurrentKafkaListenerContainerFactoryConfigurer configurer, ConsumerFactory<Object, Object> consumers) {
        ConcurrentKafkaListenerContainerFactory<Object, Object> factory = listenerFactory(configurer, consumers);
        factory.getContainerProperties().setAckMode(ContainerProperties.AckMode.TIME);
        factory.getContainerProperties().setAckTime(1000);
        ExponentialBackOff backOff = new ExponentialBackOff(500, 2);
        backOff.setMaxInterval(30_000);
        factory.setCommonErrorHandler(new DefaultErrorHandler(backOff));
        return factory;
    }

    /**
     * Boot's settings, but each consumer on a platform thread of its own: a consumer spends its life
     * in the selector's poll, which a virtual thread can only do by blocking its carrier.
     */
    private static ConcurrentKafkaListenerContainerFactory<Object, Object> listenerFactory(
            ConcurrentKafkaListenerContainerFactoryConfigurer configurer, ConsumerFactory<Object, Object> consumers) {
        ConcurrentKafkaListenerContainerFactory<Object, Object> factory = new ConcurrentKafkaListenerContainerFactory<>();
        configurer.configure(factory, consumers);
        factory.getContainerProperties().setListenerTaskExecutor(new SimpleAsyncTaskExecutor("results-"));
        return factory;
    }

    @Bean
    PendingSimulations pendingSimulations() {
        return new PendingSimulations();
    }

    @Bean
    SimulationService simulationService(SimulationLimits limits, KafkaTemplate<String, byte[]> kafka,
            SimulationStore store, PendingSimulations pending, GatewayReplica replica, Clock clock, Tenancy tenancy,
            @Value("${evmsim.kafka.send-timeout:5s}") Duration sendTimeout,
            @Value("${evmsim.kafka.max-requests-per-record:64}") int maxRequestsPerRecord) {
        return new SimulationService(limits,
                tenancy.owning(new KafkaRequestPublisher(kafka, sendTimeout, maxRequestsPerRecord)), store, pending,
                replica.id(), clock);
    }

    /** One reader of stored results for every stream that follows them ({@code /v1/simulations/{id}/events}). */
    @Bean(destroyMethod = "close")
    StoredEventPoller storedEventPoller(SimulationStore store) {
        return new StoredEventPoller(store, Duration.ofMillis(100));
    }

    @Bean
    ResultListeners resultListeners(GatewayReplica replica, PendingSimulations pending, SimulationStore store,
            MeterRegistry registry, Clock clock) {
        return new ResultListeners(replica.id(), pending, store, new SimulationMetrics(registry, clock));
    }

    @Bean
    RetentionSweeper retentionSweeper(SimulationStore store, Clock clock) {
        return new RetentionSweeper(store, clock);
    }

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
    NewTopic cancellationsTopic(@Value("${evmsim.kafka.replicas:1}") short replicas) {
        return TopicBuilder.name(SimulationTopics.CANCELLATIONS).partitions(1).replicas(replicas)
                .config("retention.ms", SimulationTopics.CANCELLATIONS_RETENTION_MILLIS)
                .config("segment.ms", SimulationTopics.CANCELLATIONS_SEGMENT_MILLIS).build();
    }
}
