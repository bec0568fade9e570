package io.evmsim.worker.messaging;

import io.evmsim.common.batching.Coalescer;
import io.evmsim.common.simulation.ResultRecords;
import io.evmsim.common.simulation.SimulationTopics;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.utils.Utils;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Sends the worker's result records. The records bound for one gateway replica and partition go one record
 * in flight at a time; those that come meanwhile share the next ({@link ResultRecords} format 2, at most
 * {@link ResultLimits#maxResultsPerRecord} of them within {@link ResultLimits#maxRecordBytes}), so under load
 * a record, its broker round trip and the gateway's reading of it serve many results, while an idle worker
 * sends each at once, alone, as before. A simulation's records share their lane, so they keep their order;
 * a part of a large result always goes alone.
 */
final class ResultLanes {
    private final KafkaTemplate<String, byte[]> kafka;
    private final ResultLimits limits;
    private final Map<Lane, Coalescer<ProducerRecord<String, byte[]>>> lanes = new ConcurrentHashMap<>();
    /** Sends a lane's next record off the producer's I/O thread, where its acknowledgement arrives. */
    private final Executor nextSends = task -> Thread.ofVirtual().name("result-publisher").start(task);
    private volatile boolean closed;

    ResultLanes(KafkaTemplate<String, byte[]> kafka, ResultLimits limits) {
        this.kafka = kafka;
        this.limits = limits;
    }

    /** Sends a result record for {@code replyTo}'s replica; completes when the record holding it is acknowledged. */
    CompletableFuture<?> send(ProducerRecord<String, byte[]> record, String replyTo) {
        if (closed) { // before partitionsFor too: it would open a producer of its own
            return stopping();
        }
        if (limits.maxResultsPerRecord() == 1) {
            return publish(record);
        }
        int partitions = kafka.partitionsFor(SimulationTopics.RESULTS).size();
        int partition = Utils.toPositive(Utils.murmur2(record.key().getBytes(StandardCharsets.UTF_8))) % partitions;
        return lanes.computeIfAbsent(new Lane(replyTo, partition), this::coalescer).offer(record);
    }

    /** Refuses every later result: the worker stops, and its unacknowledged requests go to the next owner. */
    void close() {
        closed = true;
    }

    private Coalescer<ProducerRecord<String, byte[]>> coalescer(Lane lane) {
        return new Coalescer<>(records -> publish(record(lane, records)), this::joins, nextSends);
    }

    private CompletableFuture<?> publish(ProducerRecord<String, byte[]> record) {
        return closed ? stopping() : kafka.send(record);
    }

    private static CompletableFuture<?> stopping() {
        return CompletableFuture.failedFuture(new IllegalStateException("the worker is stopping"));
    }

    /** Whole results only, as many as a record takes. */
    private boolean joins(List<ProducerRecord<String, byte[]>> records, ProducerRecord<String, byte[]> next) {
        if (records.size() >= limits.maxResultsPerRecord() || isPart(records.getFirst()) || isPart(next)) {
            return false;
        }
        long bytes = 4 + size(next);
        for (ProducerRecord<String, byte[]> record : records) {
            bytes += size(record);
        }
        return bytes <= limits.maxRecordBytes();
    }

    /** Its {@link ResultRecords.Batched#size()} (keys and header names are ASCII). */
    private static int size(ProducerRecord<String, byte[]> record) {
        int size = 12 + record.key().length() + record.value().length;
        for (Header header : record.headers()) {
            size += 8 + header.key().length() + header.value().length;
        }
        return size;
    }

    private static ProducerRecord<String, byte[]> record(Lane lane, List<ProducerRecord<String, byte[]>> records) {
        ProducerRecord<String, byte[]> first = records.getFirst();
        if (records.size() == 1) {
            return new ProducerRecord<>(first.topic(), lane.partition, first.key(), first.value(), first.headers());
        }
        ProducerRecord<String, byte[]> batch = new ProducerRecord<>(first.topic(), lane.partition, first.key(),
                ResultRecords.batch(records.stream().map(ResultLanes::batched).toList()));
        batch.headers().add(ResultRecords.FORMAT, ResultRecords.BATCH_FORMAT.getBytes(StandardCharsets.UTF_8));
        if (lane.replyTo != null) {
            batch.headers().add(ResultRecords.REPLY_TO, lane.replyTo.getBytes(StandardCharsets.UTF_8));
        }
        return batch;
    }

    private static ResultRecords.Batched batched(ProducerRecord<String, byte[]> record) {
        Map<String, byte[]> headers = new LinkedHashMap<>();
        for (Header header : record.headers()) {
            headers.put(header.key(), header.value());
        }
        return new ResultRecords.Batched(record.key(), headers, record.value());
    }

    private static boolean isPart(ProducerRecord<String, byte[]> record) {
        return record.headers().lastHeader(ResultRecords.PART_SET) != null;
    }

    private record Lane(String replyTo, int partition) {
    }
}
