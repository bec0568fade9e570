package io.evmsim.worker.messaging;

import io.evmsim.common.simulation.SimulationError;
import io.evmsim.common.simulation.SimulationEvent;
import io.evmsim.common.simulation.SimulationEvent.EventType;
import io.evmsim.common.simulation.SimulationJson;
import io.evmsim.common.simulation.ResultRecords;
import io.evmsim.common.simulation.SimulationKind;
import io.evmsim.common.simulation.SimulationTopics;
import io.evmsim.worker.simulation.ResultSink;
import io.evmsim.worker.simulation.SimulationExecutor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Publishes a simulation's results to {@code simulation-results}, keyed by the simulation id. Sends
 * do not wait: the listener acknowledges the request (lets its offset be committed) once
 * {@link #acknowledged()} completes, so the offset moves only after every result is durable (at least
 * once), while no thread waits for the broker. One key means one partition, and the producer
 * keeps their order. Sequence numbers make a redelivered request's results recognisable as duplicates.
 */
final class KafkaResultSink implements ResultSink {
    private static final long SEND_TIMEOUT_SECONDS = 10;

    private final KafkaTemplate<String, byte[]> kafka;
    private final String simulationId;
    private final String replyTo;
    private final SimulationKind kind;
    private final long submittedAtMillis;
    private final SimulationExecutor.WorkerMetrics metrics;
    private int sequence;
    private final List<CompletableFuture<?>> pending = new ArrayList<>();
    private long firstSentNanos;

    KafkaResultSink(KafkaTemplate<String, byte[]> kafka, String simulationId, String replyTo, SimulationKind kind,
            long submittedAtMillis, SimulationExecutor.WorkerMetrics metrics) {
        this.kafka = kafka;
        this.simulationId = simulationId;
        this.replyTo = replyTo;
        this.kind = kind;
        this.submittedAtMillis = submittedAtMillis;
        this.metrics = metrics;
    }

    /** Numbers the next record {@code sequence} (and the ones after it from there). */
    void continueAt(int sequence) {
        this.sequence = sequence;
    }

    @Override
    public void transaction(int index, String outcome, String json) {
        publish(EventType.TRANSACTION, index, outcome, json);
    }

    @Override
    public void summary(String outcome, String json) {
        publish(EventType.SUMMARY, null, outcome, json);
    }

    @Override
    public void error(SimulationError code, String message, String field) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("status", "error");
        body.put("code", code.name());
        body.put("error", message);
        if (field != null) {
            body.put("field", field);
        }
        publish(EventType.ERROR, null, "error", SimulationJson.mapper().writeValueAsString(body));
    }

    private void publish(EventType type, Integer index, String outcome, String json) {
        SimulationEvent event = new SimulationEvent(simulationId, replyTo, sequence++, type, index, outcome, json,
                kind, submittedAtMillis);
        if (pending.isEmpty()) {
            firstSentNanos = System.nanoTime();
        }
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(SimulationTopics.RESULTS, simulationId,
                ResultRecords.value(event));
        ResultRecords.writeHeaders(event, record.headers()::add);
        pending.add(kafka.send(record));
    }

    /**
     * Completes when the broker acknowledged every result sent so far (exceptionally when one was
     * refused or not acknowledged in time); the {@code publish} stage is the time from the first send
     * to the last acknowledgement.
     */
    CompletableFuture<Void> acknowledged() {
        if (pending.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        long first = firstSentNanos;
        CompletableFuture<Void> all = CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new))
                .orTimeout(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        pending.clear();
        return all.whenComplete((ok, e) -> metrics.record("publish", System.nanoTime() - first));
    }
}
