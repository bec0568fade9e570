package io.evmsim.api.messaging;

import io.evmsim.api.simulation.PublishFailedException;
import io.evmsim.api.simulation.RequestPublisher;
import io.evmsim.common.simulation.SimulationJson;
import io.evmsim.common.simulation.SimulationRequest;
import io.evmsim.common.simulation.SimulationTopics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;

/** Publishes requests keyed by simulation id; the publication awaits the broker's acknowledgement. */
public final class KafkaRequestPublisher implements RequestPublisher {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaRequestPublisher.class);

    private final KafkaTemplate<String, byte[]> kafka;
    private final Duration sendTimeout;

    public KafkaRequestPublisher(KafkaTemplate<String, byte[]> kafka, Duration sendTimeout) {
        this.kafka = kafka;
        this.sendTimeout = sendTimeout;
    }

    @Override
    public Publication publish(SimulationRequest request) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(SimulationTopics.REQUESTS, request.id(),
                SimulationJson.write(request));
        record.headers().add(SimulationTopics.REPLY_TO_HEADER, request.replyTo().getBytes(StandardCharsets.UTF_8));
        CompletableFuture<?> sent;
        try {
            sent = kafka.send(record);
        } catch (RuntimeException e) { // e.g. no metadata for the topic within max.block.ms
            throw new PublishFailedException("the request queue did not accept the request: " + e.getMessage(), e);
        }
        CompletableFuture<?> accepted = sent.orTimeout(sendTimeout.toMillis(), TimeUnit.MILLISECONDS);
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
}
