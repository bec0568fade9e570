package io.evmsim.worker.messaging;

import io.evmsim.common.simulation.SimulationError;
import io.evmsim.common.simulation.SimulationJson;
import io.evmsim.common.simulation.SimulationKind;
import io.evmsim.common.simulation.SimulationRequest;
import io.evmsim.common.simulation.SimulationTopics;
import io.evmsim.worker.rpc.RpcExecutor;
import io.evmsim.worker.simulation.RunBudget;
import io.evmsim.worker.simulation.SimulationExecutor;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
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
 * <p>A record holds one request or, under load, several that queued together at the gateway
 * ({@link io.evmsim.common.simulation.RequestRecords}, format 2): each runs, takes a place, retries and
 * is dead-lettered (its own JSON, keyed by its id) as if it had come alone, and the record is
 * acknowledged once every one of them is done.
 *
 * <p>At least once: a request is acknowledged ({@code ack-mode=manual}: its offset may be committed)
 * only after the broker acknowledged all its results and every earlier request of its partition is
 * done too ({@link InOrderAcknowledgments}), at most once per commit interval. A simulation whose results are not acknowledged runs
 * again, up to {@value #ATTEMPTS} times (duplicates carry the same sequence numbers, and readers keep
 * the first). A request that cannot be read or run (whatever is thrown, {@link Error}s included), or
 * whose results still cannot be published, goes to the dead-letter topic with the reason, and its
 * client gets an error result. A request runs within its {@link RunBudget}: its deadline counted
 * from acceptance, unless its client cancels it ({@link Cancellations}).
 */
public final class SimulationRequestListener implements AutoCloseable {
    static final int ATTEMPTS = 4;
    private static final long RETRY_DELAY_MILLIS = 500;
    static final int DEAD_LETTER_ATTEMPTS = 4;
    /** The first pause before dead-lettering again; each next one is twice as long (0.5, 1, 2 s). */
    static final long DEAD_LETTER_BACKOFF_MILLIS = 500;
    private static final Logger LOG = LoggerFactory.getLogger(SimulationRequestListener.class);

    private final SimulationExecutor executor;
    private final RpcExecutor rpc;
    private final ExecutorService engineThreads;
    private final KafkaTemplate<String, byte[]> kafka;
    private final Semaphore places;
    private final InOrderAcknowledgments acknowledgments = new InOrderAcknowledgments();
    private final ScheduledExecutorService committer;
    private final ResultLimits resultLimits;
    private final ResultLanes results;
    private final Cancellations cancellations;
    private final Counter deadLetterFailures;
    /**
     * Set when the worker stops: nothing is sent or retried after it (a send would open a new producer that
     * nobody closes); what is unfinished stays unacknowledged and goes to the partition's next owner.
     */
    private volatile boolean closed;

    /**
     * @param places simulations accepted and not yet acknowledged, at most
     * @param commitInterval how often the offsets of finished requests are committed
     */
    public SimulationRequestListener(SimulationExecutor executor, RpcExecutor rpc, ExecutorService engineThreads,
            KafkaTemplate<String, byte[]> kafka, int places, Duration commitInterval, ResultLimits resultLimits,
            Cancellations cancellations, MeterRegistry meters) {
        this.executor = executor;
        this.cancellations = cancellations;
        this.deadLetterFailures = Counter.builder("evmsim.worker.dead.letter.failures")
                .description("Requests given up after dead-lettering them failed").register(meters);
        this.rpc = rpc;
        this.engineThreads = engineThreads;
        this.kafka = kafka;
        this.places = new Semaphore(places);
        this.resultLimits = resultLimits;
        this.results = new ResultLanes(kafka, resultLimits);
        this.committer = Executors.newSingleThreadScheduledExecutor(task -> Thread.ofPlatform().daemon()
                .name("request-offsets").unstarted(task));
        committer.scheduleWithFixedDelay(acknowledgments::flush, commitInterval.toNanos(), commitInterval.toNanos(),
                TimeUnit.NANOSECONDS);
    }

    @Override
    public void close() {
        closed = true;
        results.close();
        committer.shutdownNow();
    }

    @KafkaListener(topics = SimulationTopics.REQUESTS, groupId = "executor-worker",
            concurrency = "${evmsim.worker.consumers:1}")
    public void onRequest(ConsumerRecord<String, byte[]> record, Acknowledgment acknowledgment)
            throws InterruptedException {
        List<Delivery> requests = Delivery.of(record);
        InOrderAcknowledgments.Taken taken = acknowledgments.take(record, acknowledgment, requests.size());
        for (Delivery request : requests) {
            places.acquire();
            try {
                engineThreads.execute(() -> attempt(request, taken, 1));
            } catch (RuntimeException e) { // the pool is shut down: the record is redelivered to the next owner
                places.release();
                throw e;
            }
        }
    }

    /** Runs one attempt; whatever it throws (an {@link Error} too) ends the simulation with an error result. */
    private void attempt(Delivery delivery, InOrderAcknowledgments.Taken taken, int attempt) {
        if (closed) {
            return;
        }
        SimulationRequest request = delivery.request();
        if (request == null) {
            try {
                if (delivery.unreadable() != null) {
                    throw new IllegalArgumentException(delivery.unreadable());
                }
                request = SimulationJson.read(delivery.value(), SimulationRequest.class);
            } catch (Throwable e) {
                KafkaResultSink sink = new KafkaResultSink(results, delivery.key(), delivery.replyTo(),
                        SimulationKind.SINGLE, delivery.record().timestamp(), executor.metrics(), resultLimits);
                deadLetter(delivery, taken, delivery.unreadable() != null ? delivery.unreadable()
                        : "unreadable request: " + e.getMessage(), sink, 1);
                return;
            }
        }
        KafkaResultSink sink = new KafkaResultSink(results, request.id(), request.replyTo(), request.kind(),
                request.submittedAtMillis(), executor.metrics(), resultLimits);
        try {
            RunBudget budget = cancellations.start(request);
            if ((budget.expired() || budget.cancelled()) && request.rpc() == null
                    && request.kind() == SimulationKind.BUNDLE) {
                // Not run: its one error record. A redelivered request may have been run in part by a
                // worker that died (results 0..k published); numbered after the last transaction, the
                // error cannot be taken for one of them, and a complete result's final record (which
                // has this number) wins over it as the first copy.
                sink.continueAt(request.transactions().size());
            }
            try {
                if (request.rpc() != null) {
                    rpc.run(request, budget, sink); // a JSON-RPC method: one answer record
                } else {
                    executor.run(request, budget, sink);
                }
            } finally {
                cancellations.finished(request.id());
            }
        } catch (Throwable e) { // OutOfMemoryError, StackOverflowError, a library's Error: this simulation ends here
            LOG.error("simulation {} failed", request.id(), e);
            deadLetter(delivery, taken, "simulation failed: " + e, sink, 1);
            return;
        }
        String id = request.id();
        sink.acknowledged().whenComplete((ok, failure) -> {
            if (failure == null) {
                done(taken);
            } else if (attempt < ATTEMPTS) {
                LOG.warn("results of {} were not acknowledged ({}); running it again, attempt {} of {}", id,
                        failure.toString(), attempt + 1, ATTEMPTS);
                CompletableFuture.delayedExecutor(RETRY_DELAY_MILLIS, TimeUnit.MILLISECONDS, engineThreads)
                        .execute(() -> attempt(delivery, taken, attempt + 1));
            } else {
                deadLetter(delivery, taken,
                        "could not publish the results after " + ATTEMPTS + " attempts: " + failure, sink, 1);
            }
        });
    }

    /**
     * Sends the request to the dead-letter topic and its client an error. When that is not
     * acknowledged, it is tried again after a growing pause, {@value #DEAD_LETTER_ATTEMPTS} times in
     * all; then the failure is logged and counted ({@code evmsim.worker.dead.letter.failures}) and the
     * request is given up: its place is freed and its partition's offset moves past it, so one request
     * that cannot be answered never holds back the requests behind it.
     */
    private void deadLetter(Delivery delivery, InOrderAcknowledgments.Taken taken, String reason,
            KafkaResultSink sink, int attempt) {
        if (closed) {
            return;
        }
        ConsumerRecord<String, byte[]> record = delivery.record();
        CompletableFuture<?> sent;
        try {
            ProducerRecord<String, byte[]> deadLetter = new ProducerRecord<>(SimulationTopics.DEAD_LETTERS,
                    delivery.key(), delivery.deadLetterValue());
            deadLetter.headers().add(SimulationTopics.ERROR_HEADER, reason.getBytes(StandardCharsets.UTF_8));
            CompletableFuture<?> dead = kafka.send(deadLetter);
            sink.error(SimulationError.INTERNAL, reason, null);
            sent = CompletableFuture.allOf(dead, sink.acknowledged());
        } catch (Throwable e) { // a send refused at once (no metadata within max.block.ms, a closed producer)
            sent = CompletableFuture.failedFuture(e);
        }
        sent.whenComplete((ok, failure) -> {
            if (failure == null) {
                done(taken);
            } else if (attempt < DEAD_LETTER_ATTEMPTS) {
                long pause = DEAD_LETTER_BACKOFF_MILLIS << (attempt - 1);
                LOG.warn("request {} could not be dead-lettered ({}); trying again in {} ms, attempt {} of {}",
                        delivery.key(), failure.toString(), pause, attempt + 1, DEAD_LETTER_ATTEMPTS);
                CompletableFuture.delayedExecutor(pause, TimeUnit.MILLISECONDS)
                        .execute(() -> deadLetter(delivery, taken, reason, sink, attempt + 1));
            } else {
                deadLetterFailures.increment();
                LOG.error("request {} at {}-{}@{} could not be dead-lettered after {} attempts ({}); given up, its "
                        + "offset moves on. Reason: {}", delivery.key(), record.topic(), record.partition(),
                        record.offset(), DEAD_LETTER_ATTEMPTS, failure.toString(), reason);
                done(taken);
            }
        });
    }

    private void done(InOrderAcknowledgments.Taken taken) {
        places.release();
        acknowledgments.finished(taken);
    }

}
