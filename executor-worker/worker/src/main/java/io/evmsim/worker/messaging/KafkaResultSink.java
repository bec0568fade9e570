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
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Publishes a simulation's results to {@code simulation-results}, keyed by the simulation id. Sends
 * do not wait: the listener acknowledges the request (lets its offset be committed) once
 * {@link #acknowledged()} completes, so the offset moves only after every result is durable (at least
 * once), while no thread waits for the broker. One key means one partition, and the producer
 * keeps their order. Sequence numbers make a redelivered request's results recognisable as duplicates.
 *
 * <p>A result larger than a record travels in parts ({@link ResultRecords#pieces}); results that come
 * to more than {@link ResultLimits#maxResultBytes} in all end the simulation with
 * {@link SimulationError#RESULT_TOO_LARGE} instead, and nothing of it is published after that error.
 * Under load, results of several simulations share records ({@link ResultLanes}).
 */
final class KafkaResultSink implements ResultSink {
    private static final long SEND_TIMEOUT_SECONDS = 10;

    private final ResultLanes lanes;
    private final String simulationId;
    private final String replyTo;
    private final SimulationKind kind;
    private final long submittedAtMillis;
    private final SimulationExecutor.WorkerMetrics metrics;
    private final ResultLimits limits;
    private int sequence;
    /** The JSON published so far, in bytes. */
    private long resultBytes;
    private boolean ended;
    private final List<CompletableFuture<?>> pending = new ArrayList<>();
    private long firstSentNanos;

    KafkaResultSink(ResultLanes lanes, String simulationId, String replyTo, SimulationKind kind,
            long submittedAtMillis, SimulationExecutor.WorkerMetrics metrics, ResultLimits limits) {
        this.lanes = lanes;
        this.simulationId = simulationId;
        this.replyTo = replyTo;
        this.kind = kind;
        this.submittedAtMillis = submittedAtMillis;
        this.metrics = metrics;
        this.limits = limits;
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
    public boolean admits(long leastBytes) {
        if (!ended && resultBytes + leastBytes > limits.maxResultBytes()) {
            error(SimulationError.RESULT_TOO_LARGE, tooLarge(resultBytes + leastBytes, true), null);
        }
        return !ended;
    }

    @Override
    public void summary(String outcome, String json) {
        publish(EventType.SUMMARY, null, outcome, json);
    }

    @Override
    public void error(SimulationError code, String message, String field) {
        publish(EventType.ERROR, null, "error", errorJson(code, message, field));
    }

    private static String errorJson(SimulationError code, String message, String field) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("status", "error");
        body.put("code", code.name());
        body.put("error", message);
        if (field != null) {
            body.put("field", field);
        }
        return SimulationJson.mapper().writeValueAsString(body);
    }

    private void publish(EventType type, Integer index, String outcome, String json) {
        if (ended) {
            return; // after the final record (RESULT_TOO_LARGE while the simulation still ran), nothing
        }
        SimulationEvent event = new SimulationEvent(simulationId, replyTo, sequence, type, index, outcome, json,
                kind, submittedAtMillis);
        byte[] value = ResultRecords.value(event);
        if (type != EventType.ERROR && resultBytes + value.length > limits.maxResultBytes()) {
            error(SimulationError.RESULT_TOO_LARGE, tooLarge(resultBytes + value.length, resultBytes > 0), null);
            return;
        }
        sequence++;
        resultBytes += value.length;
        ended = event.isFinal();
        if (pending.isEmpty()) {
            firstSentNanos = System.nanoTime();
        }
        List<byte[]> pieces = ResultRecords.pieces(value, limits.maxRecordBytes());
        String set = pieces.size() == 1 ? null : UUID.randomUUID().toString();
        for (int i = 0; i < pieces.size(); i++) {
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(SimulationTopics.RESULTS, simulationId,
                    pieces.get(i));
            ResultRecords.writeHeaders(event, record.headers()::add);
            if (set != null) {
                ResultRecords.writePart(new ResultRecords.Part(set, i, pieces.size()), record.headers()::add);
            }
            pending.add(lanes.send(record, replyTo));
        }
    }

    /** @param atLeast whether {@code bytes} is a lower bound (the rest not written) rather than the whole */
    private String tooLarge(long bytes, boolean atLeast) {
        return "the result is too large: " + (atLeast ? "at least " : "") + bytes + " bytes of JSON, over the"
                + " result-size limit of " + limits.maxResultBytes() + " bytes";
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
