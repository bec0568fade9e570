package io.evmsim.worker.messaging;

import io.evmsim.common.simulation.SimulationRequest;
import io.evmsim.common.simulation.SimulationTopics;
import io.evmsim.worker.simulation.RunBudget;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.annotation.PartitionOffset;
import org.springframework.kafka.annotation.TopicPartition;

/**
 * The simulations whose clients went away, read from {@link SimulationTopics#CANCELLATIONS}, and the
 * budgets of the simulations this worker is running. A cancellation stops a running simulation
 * ({@link RunBudget#cancel()}), and one still queued is not run when it arrives. Every worker reads
 * the whole topic (its one partition assigned, no consumer group, from its beginning: its retention
 * is short), since any of them may hold the request. A cancellation is kept until the request's
 * deadline (plus a margin for clock skew): after that the request would expire anyway.
 */
public final class Cancellations {
    private static final Logger LOG = LoggerFactory.getLogger(Cancellations.class);
    private static final long KEPT_PAST_DEADLINE_MILLIS = TimeUnit.MINUTES.toMillis(1);
    private static final long SWEEP_INTERVAL_MILLIS = TimeUnit.SECONDS.toMillis(10);

    private final ConcurrentHashMap<String, Long> cancelledUntil = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, RunBudget> running = new ConcurrentHashMap<>();
    private volatile long nextSweep;

    @KafkaListener(id = "simulation-cancellations", topicPartitions = @TopicPartition(
            topic = SimulationTopics.CANCELLATIONS,
            partitionOffsets = @PartitionOffset(partition = "0", initialOffset = "0", seekPosition = "BEGINNING")))
    public void onCancellation(ConsumerRecord<String, byte[]> record) {
        long until;
        try {
            until = Long.parseLong(new String(record.value(), StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            LOG.warn("unreadable cancellation of {} at offset {}: {}", record.key(), record.offset(), e.toString());
            return;
        }
        cancel(record.key(), until);
    }

    /** {@code id}'s client went away; its request's deadline is {@code deadlineMillis} (epoch milliseconds). */
    void cancel(String id, long deadlineMillis) {
        long now = System.currentTimeMillis();
        if (deadlineMillis + KEPT_PAST_DEADLINE_MILLIS < now) {
            return; // read again from the topic's beginning long after it mattered
        }
        cancelledUntil.put(id, deadlineMillis + KEPT_PAST_DEADLINE_MILLIS);
        RunBudget budget = running.get(id);
        if (budget != null) {
            budget.cancel();
            LOG.info("simulation {} cancelled while under way", id);
        }
        if (now >= nextSweep) {
            nextSweep = now + SWEEP_INTERVAL_MILLIS;
            cancelledUntil.values().removeIf(kept -> kept < now);
        }
    }

    /**
     * The budget of a request about to run, cancelled already when its cancellation came first;
     * {@link #finished} must follow.
     */
    RunBudget start(SimulationRequest request) {
        RunBudget budget = RunBudget.of(request);
        running.put(request.id(), budget);
        if (cancelledUntil.containsKey(request.id())) { // after the put: a cancellation in between finds it running
            budget.cancel();
        }
        return budget;
    }

    void finished(String id) {
        running.remove(id);
    }
}
