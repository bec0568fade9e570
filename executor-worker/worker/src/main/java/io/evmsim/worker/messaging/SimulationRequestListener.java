package io.evmsim.worker.messaging;

import io.evmsim.common.simulation.SimulationError;
import io.evmsim.common.simulation.SimulationJson;
import io.evmsim.common.simulation.SimulationKind;
import io.evmsim.common.simulation.SimulationRequest;
import io.evmsim.common.simulation.SimulationTopics;
import io.evmsim.worker.rpc.RpcExecutor;
import io.evmsim.worker.simulation.SimulationExecutor;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.Acknowledgment;

/**
 * Takes requests from {@code simulation-requests} (consumer group {@code executor-worker}) and runs
 * them on the engine's threads. The consumer thread never waits for a simulation, only for a free
 * place when {@code places} simulations are already under way, so one consumer keeps every engine
 * thread busy and fetches requests in batches.
 *
 * <p>At least once: a request is acknowledged ({@code ack-mode=manual}: its offset may be committed)
 * only after the broker acknowledged all its results and every earlier request of its partition is
 * done too ({@link InOrderAcknowledgments}), at most once per commit interval. A simulation whose results are not acknowledged runs
 * again, up to {@value #ATTEMPTS} times (duplicates carry the same sequence numbers, and readers keep
 * the first). A request that cannot be read or run, or whose results still cannot be published, goes
 * to the dead-letter topic with the reason, and its client gets an error result.
 */
public final class SimulationRequestListener implements AutoCloseable {
    static final int ATTEMPTS = 4;
    private static final long RETRY_DELAY_MILLIS = 500;
    private static final Logger LOG = LoggerFactory.getLogger(SimulationRequestListener.class);

    private final SimulationExecutor executor;
    private final RpcExecutor rpc;
    private final ExecutorService engineThreads;
    private final KafkaTemplate<String, byte[]> kafka;
    private final Semaphore places;
    private final InOrderAcknowledgments acknowledgments = new InOrderAcknowledgments();
    private final ScheduledExecutorService committer;
    private final ResultLimits resultLimits;

    /**
     * @param places simulations accepted and not yet acknowledged, at most
     * @param commitInterval how often the offsets of finished requests are committed
     */
    public SimulationRequestListener(SimulationExecutor executor, RpcExecutor rpc, ExecutorService engineThreads,
            KafkaTemplate<String, byte[]> kafka, int places, Duration commitInterval, ResultLimits resultLimits) {
        this.executor = executor;
        this.rpc = rpc;
        this.engineThreads = engineThreads;
        this.kafka = kafka;
        this.places = new Semaphore(places);
        this.resultLimits = resultLimits;
        this.committer = Executors.newSingleThreadScheduledExecutor(task -> Thread.ofPlatform().daemon()
                .name("request-offsets").unstarted(task));
        committer.scheduleWithFixedDelay(acknowledgments::flush, commitInterval.toNanos(), commitInterval.toNanos(),
                TimeUnit.NANOSECONDS);
    }

    @Override
    public void close() {
        committer.shutdownNow();
    }

    @KafkaListener(topics = SimulationTopics.REQUESTS, groupId = "executor-worker",
            concurrency = "${evmsim.worker.consumers:1}")
    public void onRequest(ConsumerRecord<String, byte[]> record, Acknowledgment acknowledgment)
            throws InterruptedException {
        places.acquire();
        InOrderAcknowledgments.Taken taken = acknowledgments.take(record, acknowledgment);
        try {
            engineThreads.execute(() -> attempt(record, taken, 1));
        } catch (RuntimeException e) { // the pool is shut down: the request is redelivered to the next owner
            places.release();
            throw e;
        }
    }

    private void attempt(ConsumerRecord<String, byte[]> record, InOrderAcknowledgments.Taken taken, int attempt) {
        SimulationRequest request;
        try {
            request = SimulationJson.read(record.value(), SimulationRequest.class);
        } catch (RuntimeException e) {
            KafkaResultSink sink = new KafkaResultSink(kafka, record.key(), header(record, SimulationTopics.REPLY_TO_HEADER),
                    SimulationKind.SINGLE, record.timestamp(), executor.metrics(), resultLimits);
            deadLetter(record, taken, "unreadable request: " + e.getMessage(), sink);
            return;
        }
        KafkaResultSink sink = new KafkaResultSink(kafka, request.id(), request.replyTo(), request.kind(),
                request.submittedAtMillis(), executor.metrics(), resultLimits);
        try {
            if (request.rpc() != null) {
                rpc.run(request, sink); // a JSON-RPC method: one answer record
            } else {
                executor.run(request, sink);
            }
        } catch (RuntimeException e) {
            LOG.error("simulation {} failed", request.id(), e);
            deadLetter(record, taken, "simulation failed: " + e, sink);
            return;
        }
        sink.acknowledged().whenComplete((ok, failure) -> {
            if (failure == null) {
                done(taken);
            } else if (attempt < ATTEMPTS) {
                LOG.warn("results of {} were not acknowledged ({}); running it again, attempt {} of {}", request.id(),
                        failure.toString(), attempt + 1, ATTEMPTS);
                CompletableFuture.delayedExecutor(RETRY_DELAY_MILLIS, TimeUnit.MILLISECONDS, engineThreads)
                        .execute(() -> attempt(record, taken, attempt + 1));
            } else {
                deadLetter(record, taken,
                        "could not publish the results after " + ATTEMPTS + " attempts: " + failure, sink);
            }
        });
    }

    /**
     * Sends the request to the dead-letter topic and its client an error. When even that is not
     * acknowledged, the request stays unacknowledged: its offset is not committed past, and it is
     * delivered again when its partition is next assigned.
     */
    private void deadLetter(ConsumerRecord<String, byte[]> record, InOrderAcknowledgments.Taken taken, String reason,
            KafkaResultSink sink) {
        ProducerRecord<String, byte[]> deadLetter = new ProducerRecord<>(SimulationTopics.DEAD_LETTERS, record.key(),
                record.value());
        deadLetter.headers().add(SimulationTopics.ERROR_HEADER, reason.getBytes(StandardCharsets.UTF_8));
        CompletableFuture<?> dead = kafka.send(deadLetter);
        sink.error(SimulationError.INTERNAL, reason, null);
        CompletableFuture.allOf(dead, sink.acknowledged()).whenComplete((ok, failure) -> {
            if (failure == null) {
                done(taken);
            } else {
                places.release();
                LOG.error("request {} at {}-{}@{} could not be dead-lettered ({}); left unacknowledged for "
                        + "redelivery. Reason: {}", record.key(), record.topic(), record.partition(), record.offset(),
                        failure.toString(), reason);
            }
        });
    }

    private void done(InOrderAcknowledgments.Taken taken) {
        places.release();
        acknowledgments.finished(taken);
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
