package io.evmsim.worker.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evmsim.common.simulation.ResultRecords;
import io.evmsim.common.simulation.SimulationEvent;
import io.evmsim.common.simulation.SimulationEvent.EventType;
import io.evmsim.common.simulation.SimulationKind;
import io.evmsim.common.simulation.SimulationTopics;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;

/**
 * Results bound for one replica that come while its record is in flight share the next record, whole
 * results only and within the limits; each completes with the acknowledgement of the record that holds it.
 */
class ResultLanesTest {
    private static final class HeldKafka extends KafkaTemplate<String, byte[]> {
        final List<ProducerRecord<String, byte[]>> sent = new ArrayList<>();
        final List<CompletableFuture<SendResult<String, byte[]>>> acks = new ArrayList<>();

        HeldKafka() {
            super(new DefaultKafkaProducerFactory<>(Map.of()));
        }

        @Override
        public List<PartitionInfo> partitionsFor(String topic) {
            return List.of(new PartitionInfo(topic, 0, null, null, null));
        }

        @Override
        public synchronized CompletableFuture<SendResult<String, byte[]>> send(ProducerRecord<String, byte[]> record) {
            sent.add(record);
            CompletableFuture<SendResult<String, byte[]>> ack = new CompletableFuture<>();
            acks.add(ack);
            return ack;
        }

        synchronized int sends() {
            return sent.size();
        }

        void acknowledgeAndAwait(int send, int sends) throws InterruptedException {
            acks.get(send).complete(new SendResult<>(sent.get(send), null));
            for (int i = 0; i < 500 && sends() < sends; i++) {
                Thread.sleep(10);
            }
            assertEquals(sends, sends());
        }
    }

    private final HeldKafka kafka = new HeldKafka();

    @Test
    void resultsThatQueueShareTheNextRecordAndAPartGoesAlone() throws Exception {
        ResultLanes lanes = new ResultLanes(kafka, new ResultLimits(16 << 20, 4096, 3));
        CompletableFuture<?> first = lanes.send(result("a", 0), "replica");
        assertEquals(1, kafka.sends());
        assertNull(kafka.sent.getFirst().headers().lastHeader(ResultRecords.FORMAT), "alone, as before");

        List<CompletableFuture<?>> queued = new ArrayList<>();
        for (ProducerRecord<String, byte[]> record : List.of(result("b", 0), result("a", 1), result("c", 0),
                result("d", 0))) {
            queued.add(lanes.send(record, "replica"));
        }
        ProducerRecord<String, byte[]> part = result("e", 0);
        ResultRecords.writePart(new ResultRecords.Part("set", 0, 2), part.headers()::add);
        queued.add(lanes.send(part, "replica"));
        assertEquals(1, kafka.sends());

        kafka.acknowledgeAndAwait(0, 2);
        assertTrue(first.isDone());
        ProducerRecord<String, byte[]> shared = kafka.sent.get(1);
        assertEquals(ResultRecords.BATCH_FORMAT, new String(shared.headers().lastHeader(ResultRecords.FORMAT).value(),
                StandardCharsets.UTF_8));
        assertEquals("replica", ResultRecords.replyTo(name -> shared.headers().lastHeader(name) == null ? null
                : shared.headers().lastHeader(name).value()));
        List<String> inside = ResultRecords.unbatch(shared.value()).stream()
                .map(one -> ResultRecords.read(one.key(), one.headers()::get, one.value()))
                .map(event -> event.simulationId() + "#" + event.sequence()).toList();
        assertEquals(List.of("b#0", "a#1", "c#0"), inside, "at most 3, in the order sent");
        assertFalse(queued.getFirst().isDone());

        kafka.acknowledgeAndAwait(1, 3);
        assertTrue(queued.get(2).isDone());
        assertEquals("d", kafka.sent.get(2).key());
        assertNull(kafka.sent.get(2).headers().lastHeader(ResultRecords.FORMAT), "the part does not join it");
        kafka.acknowledgeAndAwait(2, 4);
        assertEquals("e", kafka.sent.get(3).key());
        assertEquals("set", new String(kafka.sent.get(3).headers().lastHeader(ResultRecords.PART_SET).value(),
                StandardCharsets.UTF_8));
        assertFalse(queued.get(4).isDone());
        kafka.acknowledgeAndAwait(3, 4);
        assertTrue(queued.get(4).isDone());
    }

    @Test
    void aRecordTakesNoMoreThanItsSize() throws Exception {
        ResultLanes lanes = new ResultLanes(kafka, new ResultLimits(16 << 20, 1024, 64));
        lanes.send(result("a", 0), "replica");
        for (String id : List.of("b", "c", "d", "e", "f", "g")) {
            lanes.send(result(id, 0), "replica");
        }
        kafka.acknowledgeAndAwait(0, 2);
        ProducerRecord<String, byte[]> shared = kafka.sent.get(1);
        assertTrue(shared.value().length <= 1024, shared.value().length + " bytes");
        int inside = ResultRecords.unbatch(shared.value()).size();
        assertTrue(inside > 1 && inside < 6, inside + " results");
    }

    private static ProducerRecord<String, byte[]> result(String id, int sequence) {
        SimulationEvent event = new SimulationEvent(id, "replica", sequence, EventType.TRANSACTION, sequence, "success",
                "{\"status\":\"success\",\"returnData\":\"0x" + "00".repeat(64) + "\"}", SimulationKind.BUNDLE, 1L);
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(SimulationTopics.RESULTS, id,
                ResultRecords.value(event));
        ResultRecords.writeHeaders(event, record.headers()::add);
        return record;
    }
}
