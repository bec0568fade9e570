package io.evmsim.standalone;

import io.evmsim.common.simulation.SimulationTopics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * The Kafka hops of a simulation and nothing else, in one JVM with bin/standalone's embedded broker
 * (not a timed test: it prints, it does not judge; run with {@code bin/bench-simulate --kafka-hops}).
 * Clients publish a request record (300 bytes) and wait for its result (the size of an ERC-20
 * transfer's result document, about 6 KB); a worker consumer answers each request from an engine
 * thread pool; the gateway's live and store consumers both read the results. Producer and consumer
 * settings are those of the gateway's and the worker's property files. The CPU time per round trip is
 * the floor that Kafka sets under {@code POST /v1/simulate} on this machine.
 */
@Tag("benchmark")
class KafkaHopsBenchmark {
    private static final int PARTITIONS = 6; // evmsim.kafka.partitions
    private static final Duration WARM_UP = Duration.ofSeconds(30);
    private static final Duration MEASURED = Duration.ofSeconds(15);
    private static final byte[] REQUEST = new byte[300];
    private static final byte[] RESULT = ("{\"stateDiff\":\"0x" + "60806040".repeat(730) + "\"}")
            .getBytes(StandardCharsets.UTF_8);

    @Test
    void report() throws Exception {
        EmbeddedKafkaKraftBroker broker = Standalone.startKafka();
        String servers = broker.getBrokersAsString();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers))) {
            admin.createTopics(List.of(new NewTopic(SimulationTopics.REQUESTS, PARTITIONS, (short) 1),
                    new NewTopic(SimulationTopics.RESULTS, PARTITIONS, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        Map<String, Object> producerConfig = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, "0",
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1");
        AtomicBoolean running = new AtomicBoolean(true);
        ConcurrentHashMap<String, CompletableFuture<Void>> waiting = new ConcurrentHashMap<>();
        ExecutorService engine = Executors.newFixedThreadPool(4); // evmsim.worker.engine-threads
        List<Thread> consumers = new ArrayList<>();
        try (KafkaProducer<String, byte[]> gateway = producer(producerConfig);
             KafkaProducer<String, byte[]> worker = producer(producerConfig)) {
            consumers.add(consume(servers, "executor-worker", SimulationTopics.REQUESTS, Map.of(), running,
                    records -> records.forEach(request -> engine.execute(() -> worker.send(
                            new ProducerRecord<>(SimulationTopics.RESULTS, request.key(), RESULT))))));
            consumers.add(consume(servers, "simulate-api-live", SimulationTopics.RESULTS, Map.of(), running,
                    records -> records.forEach(result -> {
                        CompletableFuture<Void> client = waiting.remove(result.key());
                        if (client != null) {
                            client.complete(null);
                        }
                    })));
            consumers.add(consume(servers, "simulate-api-store", SimulationTopics.RESULTS,
                    Map.of(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, "65536", ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "5"),
                    running, records -> { }));
            Thread.sleep(5_000); // the consumer groups take their partitions
            for (int clients : new int[] {1, 16}) {
                roundTrips(gateway, waiting, clients, WARM_UP);
                long cpu = processCpuNanos();
                Figures figures = roundTrips(gateway, waiting, clients, MEASURED);
                double perRoundTrip = (processCpuNanos() - cpu) / 1e6 / figures.count;
                System.out.printf("kafka hops c=%2d  %6.0f round trips/s  p50 %.2f ms  p99 %.2f ms  "
                        + "CPU %.3f ms per round trip (the whole JVM: broker, producers, consumers)%n", clients,
                        figures.count / (MEASURED.toNanos() / 1e9), figures.p50, figures.p99, perRoundTrip);
            }
        } finally {
            running.set(false);
            for (Thread consumer : consumers) {
                consumer.join(5_000);
            }
            engine.shutdownNow();
            broker.destroy();
        }
    }

    private record Figures(long count, double p50, double p99) {
    }

    /** Closed loop: each client publishes a request and waits for its result, for {@code duration}. */
    private static Figures roundTrips(KafkaProducer<String, byte[]> gateway,
            ConcurrentHashMap<String, CompletableFuture<Void>> waiting, int clients, Duration duration)
            throws Exception {
        long end = System.nanoTime() + duration.toNanos();
        List<CompletableFuture<long[]>> results = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            results.add(CompletableFuture.supplyAsync(() -> {
                long[] latencies = new long[1 << 20];
                int n = 0;
                while (System.nanoTime() < end && n < latencies.length) {
                    String id = UUID.randomUUID().toString();
                    CompletableFuture<Void> result = new CompletableFuture<>();
                    waiting.put(id, result);
                    long start = System.nanoTime();
                    gateway.send(new ProducerRecord<>(SimulationTopics.REQUESTS, id, REQUEST));
                    result.orTimeout(10, TimeUnit.SECONDS).join();
                    latencies[n++] = System.nanoTime() - start;
                }
                return Arrays.copyOf(latencies, n);
            }, Executors.newVirtualThreadPerTaskExecutor()));
        }
        long[] all = results.stream().map(CompletableFuture::join).flatMapToLong(Arrays::stream).sorted().toArray();
        return new Figures(all.length, all[all.length / 2] / 1e6, all[(int) (all.length * 0.99)] / 1e6);
    }

    private static KafkaProducer<String, byte[]> producer(Map<String, Object> config) {
        return new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }

    private static Thread consume(String servers, String group, String topic, Map<String, Object> settings,
            AtomicBoolean running, Consumer<ConsumerRecords<String, byte[]>> handler) {
        Map<String, Object> config = new java.util.HashMap<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers,
                ConsumerConfig.GROUP_ID_CONFIG, group, ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false", ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "50"));
        config.putAll(settings);
        Thread thread = new Thread(() -> {
            try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                    new ByteArrayDeserializer())) {
                consumer.subscribe(List.of(topic));
                while (running.get()) {
                    handler.accept(consumer.poll(Duration.ofMillis(100)));
                }
            }
        }, group);
        thread.start();
        return thread;
    }

    /** This JVM's CPU time (Linux /proc: user and system ticks of 10 ms). */
    private static long processCpuNanos() throws Exception {
        String stat = Files.readString(Path.of("/proc/self/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10_000_000L;
    }
}
