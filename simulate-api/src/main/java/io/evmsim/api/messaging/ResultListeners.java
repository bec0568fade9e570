package io.evmsim.api.messaging;

import io.evmsim.api.simulation.PendingSimulations;
import io.evmsim.api.simulation.SimulationMetrics;
import io.evmsim.api.simulation.SimulationStore;
import io.evmsim.common.simulation.SimulationEvent;
import io.evmsim.common.simulation.ResultRecords;
import io.evmsim.common.simulation.ResultRecords.Part;
import io.evmsim.common.simulation.SimulationTopics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;

/**
 * The two readers of the results topic.
 *
 * <p>Live delivery: every replica reads the whole topic in a consumer group of its own
 * ({@code simulate-api-<replica id>}) and hands to its waiting clients the records whose
 * {@code replyTo} is this replica. Storage: all replicas share the group {@code simulate-api-store},
 * so each record is stored (and counted in the metrics) by one of them, whichever replica the
 * client used; a result stored twice after a redelivery is kept once.
 *
 * <p>Results that shared a record under load ({@link ResultRecords#BATCH_FORMAT}) are read one by one, as
 * if each had come alone. A result that travelled in several records ({@link ResultRecords.Part}) is joined before either
 * use: in memory for live delivery, in the store for storage (a part committed past is never lost to a
 * restart).
 */
public final class ResultListeners {
    private static final Logger LOG = LoggerFactory.getLogger(ResultListeners.class);
    /** Longer than any client waits for a result; a set incomplete by then never completes. */
    private static final Duration PART_MAX_AGE = Duration.ofMinutes(2);

    private final String replicaId;
    private final PendingSimulations pending;
    private final SimulationStore store;
    private final SimulationMetrics metrics;
    private final PartJoiner joiner = new PartJoiner(PART_MAX_AGE);

    public ResultListeners(String replicaId, PendingSimulations pending, SimulationStore store,
            SimulationMetrics metrics) {
        this.replicaId = replicaId;
        this.pending = pending;
        this.store = store;
        this.metrics = metrics;
    }

    /** Never acknowledged, so never committed: each start of a replica reads from the end of the topic anyway. */
    @KafkaListener(topics = SimulationTopics.RESULTS, groupId = "simulate-api-#{@gatewayReplica.id()}",
            properties = "auto.offset.reset=latest", containerFactory = "uncommittedListenerFactory")
    public void deliver(ConsumerRecord<String, byte[]> record) {
        if (!replicaId.equals(ResultRecords.replyTo(header(record)))) {
            return; // another replica's client: not even read
        }
        for (Decoded decoded : decode(record)) {
            SimulationEvent event = decoded.part() == null ? decoded.event()
                    : joiner.add(decoded.event(), decoded.part());
            if (event != null && pending.deliver(event)) {
                metrics.answered(event);
            }
        }
    }

    /**
     * Each poll's records are stored in one statement; offsets are committed once a second. The broker
     * answers a fetch as soon as a result arrives, and the results that arrive while a statement runs
     * come with the next poll: under load they go in batches, as large as the database is slow, and
     * a result is stored within milliseconds of reaching its client. (A fetch held open to fill it
     * would make an idle consumer ask the broker hundreds of times a second.)
     */
    @KafkaListener(topics = SimulationTopics.RESULTS, groupId = "simulate-api-store", batch = "true",
            containerFactory = "storeListenerFactory",
            properties = "auto.offset.reset=earliest")
    public void store(List<ConsumerRecord<String, byte[]>> records) {
        List<SimulationEvent> events = new ArrayList<>(records.size());
        List<SimulationStore.Piece> pieces = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            for (Decoded decoded : decode(record)) {
                if (decoded.part() != null) {
                    pieces.add(new SimulationStore.Piece(decoded.event(), decoded.part()));
                } else {
                    events.add(decoded.event());
                }
            }
        }
        List<SimulationEvent> stored = new ArrayList<>(store.append(events));
        if (!pieces.isEmpty()) {
            stored.addAll(store.appendParts(pieces));
        }
        for (SimulationEvent event : stored) {
            if (event.isFinal()) {
                metrics.finished(event);
            }
        }
    }

    /**
     * A record's events (several in a format-2 record), each with its part when it carries one; none (logged)
     * for a record that cannot be read.
     */
    private static List<Decoded> decode(ConsumerRecord<String, byte[]> record) {
        try {
            Function<String, byte[]> header = header(record);
            byte[] format = header.apply(ResultRecords.FORMAT);
            if (format == null) {
                return List.of(new Decoded(ResultRecords.read(record.key(), header, record.value()),
                        ResultRecords.part(header)));
            }
            String named = new String(format, StandardCharsets.UTF_8);
            if (!named.equals(ResultRecords.BATCH_FORMAT)) {
                throw new IllegalArgumentException("unknown result record format " + named + " (this gateway reads 1 and "
                        + ResultRecords.BATCH_FORMAT + ")");
            }
            List<ResultRecords.Batched> batched = ResultRecords.unbatch(record.value());
            List<Decoded> decoded = new ArrayList<>(batched.size());
            for (ResultRecords.Batched one : batched) {
                decoded.add(new Decoded(ResultRecords.read(one.key(), one.headers()::get, one.value()),
                        ResultRecords.part(one.headers()::get)));
            }
            return decoded;
        } catch (IllegalArgumentException e) {
            LOG.error("unreadable result record at {}-{}@{} (key {}): {}", record.topic(), record.partition(),
                    record.offset(), record.key(), e.getMessage());
            return List.of();
        }
    }

    private static Function<String, byte[]> header(ConsumerRecord<String, byte[]> record) {
        return name -> {
            Header header = record.headers().lastHeader(name);
            return header == null ? null : header.value();
        };
    }

    private record Decoded(SimulationEvent event, Part part) {
    }
}
