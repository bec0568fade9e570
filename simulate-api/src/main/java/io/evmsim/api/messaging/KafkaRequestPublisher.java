package io.evmsim.api.messaging;

import io.evmsim.api.simulation.PublishFailedException;
import io.evmsim.api.simulation.RequestPublisher;
import io.evmsim.common.simulation.RequestRecords;
import io.evmsim.common.simulation.SimulationJson;
import io.evmsim.common.simulation.SimulationRequest;
import io.evmsim.common.simulation.SimulationTopics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
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
    private final Map<Integer, Lane> lanes = new ConcurrentHashMap<>();
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
        lanes.computeIfAbsent(partition, Lane::new).offer(queued);
        CompletableFuture<Void> accepted = queued.sent.orTimeout(sendTimeout.toMillis(), TimeUnit.MILLISECONDS);
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

    /** A request waiting for its record; {@code sent} completes with the record's acknowledgement. */
    private record Queued(String id, String replyTo, byte[] json, CompletableFuture<Void> sent) {
        Queued(String id, String replyTo, byte[] json) {
            this(id, replyTo, json, new CompletableFuture<>());
        }
    }

    /** One partition's requests: at most one record in flight, the requests that come meanwhile queued. */
    private final class Lane {
        private final int partition;
        private final ArrayDeque<Queued> queued = new ArrayDeque<>();
        private boolean inFlight;

        Lane(int partition) {
            this.partition = partition;
        }

        void offer(Queued request) {
            List<Queued> next;
            synchronized (this) {
                queued.addLast(request);
                if (inFlight) {
                    return;
                }
                inFlight = true;
                next = take();
            }
            send(next);
        }

        /** The next record's requests, the ones whose clients were already told of a timeout left out. */
        private List<Queued> take() {
            List<Queued> next = new ArrayList<>(Math.min(queued.size(), maxPerRecord));
            while (!queued.isEmpty() && next.size() < maxPerRecord) {
                Queued request = queued.pollFirst();
                if (!request.sent.isDone()) {
                    next.add(request);
                }
            }
            return next;
        }

        /** Sends {@code first}, or (when it cannot be sent, or is empty) the next requests queued, if any. */
        private void send(List<Queued> first) {
            for (List<Queued> requests = first; requests != null; requests = next()) {
                if (!requests.isEmpty() && sent(requests)) {
                    return;
                }
            }
        }

        /** Whether the record of {@code requests} is on its way; when not, they have failed. */
        private boolean sent(List<Queued> requests) {
            try {
                kafka.send(record(requests)).whenComplete((ok, failure) -> {
                    requests.forEach(request -> complete(request, failure));
                    nextSends.execute(() -> send(List.of()));
                });
                return true;
            } catch (RuntimeException e) { // e.g. no metadata for the topic within max.block.ms
                requests.forEach(request -> complete(request, e));
                return false;
            }
        }

        /** The requests queued meanwhile, or null (the lane idle again) when there are none. */
        private synchronized List<Queued> next() {
            if (queued.isEmpty()) {
                inFlight = false;
                return null;
            }
            return take();
        }

        private ProducerRecord<String, byte[]> record(List<Queued> requests) {
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

        private static void complete(Queued request, Throwable failure) {
            if (failure == null) {
                request.sent.complete(null);
            } else {
                request.sent.completeExceptionally(failure);
            }
        }
    }
}
