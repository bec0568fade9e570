package io.evmsim.worker.messaging;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.springframework.kafka.support.Acknowledgment;

/**
 * Simulations finish in any order, but a partition's offset may only move past records whose
 * results are published. Records are taken here in the order the consumer delivers them (offset order
 * per partition) and acknowledged to the container in that order: a finished record waits for every
 * earlier record of its partition. (The container's own {@code async-acks} would do this too, but it
 * pauses the consumer until a whole poll is acknowledged, which stalls the pipeline.)
 */
final class InOrderAcknowledgments {
    private final Map<TopicPartition, ArrayDeque<Taken>> partitions = new HashMap<>();

    /** Called on the consumer thread for each record, in delivery order. */
    synchronized Taken take(ConsumerRecord<?, ?> record, Acknowledgment acknowledgment) {
        Taken taken = new Taken(new TopicPartition(record.topic(), record.partition()), acknowledgment);
        partitions.computeIfAbsent(taken.partition, key -> new ArrayDeque<>()).addLast(taken);
        return taken;
    }

    /** The record's results are published: acknowledges it and every finished record after it, up to the first unfinished one. */
    synchronized void finished(Taken taken) {
        taken.finished = true;
        ArrayDeque<Taken> queue = partitions.get(taken.partition);
        while (!queue.isEmpty() && queue.peekFirst().finished) {
            queue.pollFirst().acknowledgment.acknowledge();
        }
    }

    /** A record accepted by the listener and not yet acknowledged. */
    static final class Taken {
        private final TopicPartition partition;
        private final Acknowledgment acknowledgment;
        private boolean finished;

        private Taken(TopicPartition partition, Acknowledgment acknowledgment) {
            this.partition = partition;
            this.acknowledgment = acknowledgment;
        }
    }
}
