package io.evmsim.worker.messaging;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.springframework.kafka.support.Acknowledgment;

/**
 * Simulations finish in any order, but a partition's offset may only move past records whose
 * results are published. Records are taken here in the order the consumer delivers them (offset order
 * per partition); a finished record becomes committable once every earlier record of its partition
 * has finished too. (The container's own {@code async-acks} would do this, but it pauses the consumer
 * until a whole poll is acknowledged, which stalls the pipeline.)
 *
 * <p>Commits are cumulative, so only the newest committable record of each partition is acknowledged,
 * once per {@link #flush()}: one offset commit per interval instead of one per poll, each commit being
 * a broker request and a write to its offsets log. A worker that stops between two flushes has its
 * last interval's requests delivered again, which at-least-once delivery allows (results carry their
 * sequence numbers, and readers keep the first copy).
 */
final class InOrderAcknowledgments {
    private final Map<TopicPartition, ArrayDeque<Taken>> partitions = new HashMap<>();
    private final Map<TopicPartition, Acknowledgment> committable = new HashMap<>();

    /** Called on the consumer thread for each record, in delivery order. */
    synchronized Taken take(ConsumerRecord<?, ?> record, Acknowledgment acknowledgment) {
        return take(record, acknowledgment, 1);
    }

    /** A record holding {@code requests} requests ({@code RequestRecords}): finished when each of them is. */
    synchronized Taken take(ConsumerRecord<?, ?> record, Acknowledgment acknowledgment, int requests) {
        Taken taken = new Taken(new TopicPartition(record.topic(), record.partition()), acknowledgment, requests);
        partitions.computeIfAbsent(taken.partition, key -> new ArrayDeque<>()).addLast(taken);
        return taken;
    }

    /**
     * One of the record's requests has its results published; with the last, it and every finished record after
     * it, up to the first unfinished one, may be committed.
     */
    synchronized void finished(Taken taken) {
        if (--taken.unfinished > 0) {
            return;
        }
        taken.finished = true;
        ArrayDeque<Taken> queue = partitions.get(taken.partition);
        while (!queue.isEmpty() && queue.peekFirst().finished) {
            committable.put(taken.partition, queue.pollFirst().acknowledgment);
        }
    }

    /** Acknowledges the newest committable record of each partition to the container, which commits its offset. */
    void flush() {
        List<Acknowledgment> newest;
        synchronized (this) {
            if (committable.isEmpty()) {
                return;
            }
            newest = new ArrayList<>(committable.values());
            committable.clear();
        }
        newest.forEach(Acknowledgment::acknowledge);
    }

    /** A record accepted by the listener and not yet committable. */
    static final class Taken {
        private final TopicPartition partition;
        private final Acknowledgment acknowledgment;
        private int unfinished;
        private boolean finished;

        private Taken(TopicPartition partition, Acknowledgment acknowledgment, int requests) {
            this.partition = partition;
            this.acknowledgment = acknowledgment;
            this.unfinished = requests;
        }
    }
}
