package io.evmsim.api.messaging;

import io.evmsim.api.simulation.PublishFailedException;
import io.evmsim.api.simulation.RequestPublisher;
import io.evmsim.common.batching.Coalescer;
import io.evmsim.common.simulation.RequestRecords;
import io.evmsim.common.simulation.SimulationJson;
import io.evmsim.common.simulation.SimulationRequest;
import io.evmsim.common.simulation.SimulationTopics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Publishes requests; each publication awaits the broker's acknowledgement of the record that holds it.
 * A request goes to its id's partition (as keyed records would). While a partition's record is in flight,
 * the requests for it queue, and the next record takes up to {@code maxPerRecord} of them at once
 * ({@link RequestRecords} format 2): an idle gateway sends each request at once, alone and in format 1,
 * while under load a record, its broker round trip and its worker poll serve many simulations.
 */
public final class KafkaRequestPublisher implements RequestPublisher {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaRequestPublisher.class);

    private final KafkaTemplate<String, byte[]> kafka;
    private final Duration sendTimeout;
    private final int maxPerRecord;
    private final Map<Integer, Coalescer<Queued>> lanes = new ConcurrentHashMap<>();
    /** Sends a lane's next record off the producer's I/O thread, where its acknowledgement arrives. */
    private final Executor nextSends = task -> Thread.ofVirtual().name("request-publisher").start(task);

    /** @param maxPerRecord the most requests one record holds; 1 sends each alone (format 1 only) */
    public KafkaRequestPublisher(KafkaTemplate<String, byte[]> kafka, Duration sendTimeout, int maxPerRecord) {
        if (maxPerRecord < 1) {
            throw new IllegalArgumentException("at least one request per record: " + maxPerRecord);
        }
        this.kafka = kafka;
        this.sendTimeout = sendTimeout;
        this.maxPerRecord = maxPerRecord;
    }

    @Override
    public Publication publish(SimulationRequest request) {
        Queued queued = new Queued(request.id(), request.replyTo(), SimulationJson.write(request));
        int partitions;
        try {
            partitions = kafka.partitionsFor(SimulationTopics.REQUESTS).size();
        } catch (RuntimeException e) { // e.g. no metadata for the topic within max.block.ms
            throw new PublishFailedException("the request queue did not accept the request: " + e.getMessage(), e);
        }
        int partition = Utils.toPositive(Utils.murmur2(request.id().getBytes(StandardCharsets.UTF_8))) % partitions;
        CompletableFuture<Void> accepted = lanes.computeIfAbsent(partition, this::lane).offer(queued)
                .orTimeout(sendTimeout.toMillis(), TimeUnit.MILLISECONDS);
        if (accepted.isCompletedExceptionally() && !(accepted.exceptionNow() instanceof TimeoutException)) {
            throw refused(accepted.exceptionNow()); // refused at once, as a send that throws
        }
        return new Publication() {
            @Override
            public void await() {
                try {
                    accepted.get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new PublishFailedException("interrupted while publishing the request", e);
                } catch (ExecutionException e) {
                    throw refused(e.getCause());
                }
            }

            @Override
            public void whenFailed(Consumer<PublishFailedException> handler) {
                accepted.whenComplete((ok, failure) -> {
                    if (failure != null) {
                        handler.accept(refused(failure));
                    }
                });
            }
        };
    }

    @Override
    public void cancel(String id, long deadlineMillis) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(SimulationTopics.CANCELLATIONS, id,
                Long.toString(deadlineMillis).getBytes(StandardCharsets.UTF_8));
        try {
            kafka.send(record).whenComplete((ok, failure) -> {
                if (failure != null) {
                    LOG.warn("the cancellation of {} was not published: {}", id, failure.toString());
                }
            });
        } catch (RuntimeException e) {
            LOG.warn("the cancellation of {} was not published: {}", id, e.toString());
        }
    }

    private static PublishFailedException refused(Throwable cause) {
        String reason = cause instanceof TimeoutException ? "no acknowledgement within the send timeout"
                : cause.getMessage();
        return new PublishFailedException("the request queue did not accept the request: " + reason, cause);
    }

    /** One partition's requests: one record in flight at a time, the requests that come meanwhile in the next. */
    private Coalescer<Queued> lane(int partition) {
        return new Coalescer<>(requests -> kafka.send(record(partition, requests)),
                (requests, next) -> requests.size() < maxPerRecord, nextSends);
    }

    private static ProducerRecord<String, byte[]> record(int partition, List<Queued> requests) {
        Queued first = requests.getFirst();
        if (requests.size() == 1) {
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(SimulationTopics.REQUESTS, partition,
                    first.id, first.json);
            record.headers().add(SimulationTopics.REPLY_TO_HEADER, first.replyTo.getBytes(StandardCharsets.UTF_8));
            return record;
        }
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(SimulationTopics.REQUESTS, partition, first.id,
                RequestRecords.batch(requests.stream().map(Queued::json).toList()));
        record.headers().add(RequestRecords.FORMAT, RequestRecords.BATCH_FORMAT.getBytes(StandardCharsets.UTF_8));
        record.headers().add(RequestRecords.IDS, RequestRecords.ids(requests.stream().map(Queued::id).toList()));
        // a replica publishes only its own clients' requests: one reply address for them all
        record.headers().add(SimulationTopics.REPLY_TO_HEADER, first.replyTo.getBytes(StandardCharsets.UTF_8));
        return record;
    }

    private record Queued(String id, String replyTo, byte[] json) {
    }
}
