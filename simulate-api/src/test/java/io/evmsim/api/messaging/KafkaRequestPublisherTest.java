package io.evmsim.api.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evmsim.api.simulation.PublishFailedException;
import io.evmsim.api.simulation.RequestPublisher.Publication;
import io.evmsim.common.simulation.CallRequest;
import io.evmsim.common.simulation.RequestRecords;
import io.evmsim.common.simulation.SimulationJson;
import io.evmsim.common.simulation.SimulationKind;
import io.evmsim.common.simulation.SimulationRequest;
import io.evmsim.common.simulation.SimulationTopics;
import io.evmsim.common.types.Address;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;

/**
 * Requests that come while their partition's record is in flight share the next record (format 2, at most
 * the configured number); an idle gateway sends each at once, alone, as before; each publication completes
 * with the acknowledgement of the record that holds it.
 */
class KafkaRequestPublisherTest {
    /** A producer of one partition whose sends the test acknowledges (or refuses) one by one. */
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

        void acknowledge(int send) {
            acks.get(send).complete(new SendResult<>(sent.get(send), null));
        }

        void awaitSends(int count) throws InterruptedException {
            for (int i = 0; i < 500 && sends() < count; i++) {
                Thread.sleep(10);
            }
            assertEquals(count, sends());
        }
    }

    private final HeldKafka kafka = new HeldKafka();

    @Test
    void requestsThatQueueBehindARecordShareTheNext() throws Exception {
        KafkaRequestPublisher publisher = new KafkaRequestPublisher(kafka, Duration.ofSeconds(5), 3);
        Publication first = publisher.publish(request("a"));
        kafka.awaitSends(1);
        ProducerRecord<String, byte[]> alone = kafka.sent.getFirst();
        assertEquals("a", alone.key());
        assertNull(alone.headers().lastHeader(RequestRecords.FORMAT), "an idle gateway's record is format 1");
        assertEquals("a", SimulationJson.read(alone.value(), SimulationRequest.class).id());

        List<Publication> queued = new ArrayList<>();
        for (String id : List.of("b", "c", "d", "e")) {
            queued.add(publisher.publish(request(id)));
        }
        assertEquals(1, kafka.sends(), "nothing more is sent while the record is in flight");
        kafka.acknowledge(0);
        first.await();
        kafka.awaitSends(2);
        ProducerRecord<String, byte[]> together = kafka.sent.get(1);
        assertEquals(RequestRecords.BATCH_FORMAT, header(together, RequestRecords.FORMAT));
        assertEquals("b,c,d", header(together, RequestRecords.IDS));
        assertEquals("gateway", header(together, SimulationTopics.REPLY_TO_HEADER));
        assertEquals(List.of("b", "c", "d"), Arrays.stream(SimulationJson.read(together.value(),
                SimulationRequest[].class)).map(SimulationRequest::id).toList());
        assertEquals(0, together.partition());

        kafka.acknowledge(1);
        kafka.awaitSends(3);
        assertEquals("e", kafka.sent.get(2).key());
        assertNull(kafka.sent.get(2).headers().lastHeader(RequestRecords.FORMAT));
        for (Publication publication : queued.subList(0, 3)) {
            publication.await();
        }
        AtomicReference<PublishFailedException> failed = new AtomicReference<>();
        queued.get(3).whenFailed(failed::set);
        kafka.acks.get(2).completeExceptionally(new KafkaException("refused by the test"));
        PublishFailedException refused = assertThrows(PublishFailedException.class, queued.get(3)::await);
        assertTrue(refused.getMessage().endsWith("refused by the test"), refused.getMessage());
        assertEquals(refused.getMessage(), failed.get().getMessage());

        // idle again: the next request goes at once
        publisher.publish(request("f"));
        kafka.awaitSends(4);
    }

    @Test
    void oneRequestPerRecordWhenBatchingIsOff() throws Exception {
        KafkaRequestPublisher publisher = new KafkaRequestPublisher(kafka, Duration.ofSeconds(5), 1);
        publisher.publish(request("a"));
        publisher.publish(request("b"));
        publisher.publish(request("c"));
        kafka.acknowledge(0);
        kafka.awaitSends(2);
        kafka.acknowledge(1);
        kafka.awaitSends(3);
        for (ProducerRecord<String, byte[]> record : kafka.sent) {
            assertNull(record.headers().lastHeader(RequestRecords.FORMAT));
        }
        assertEquals(List.of("a", "b", "c"), kafka.sent.stream().map(ProducerRecord::key).toList());
    }

    private static String header(ProducerRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    private static SimulationRequest request(String id) {
        CallRequest call = new CallRequest(null, Address.fromLong(1), Address.fromLong(2), null, null, 100_000L, null,
                null, null, null, null, null, null, null);
        return new SimulationRequest(id, "gateway", SimulationKind.SINGLE, "latest", List.of(call), Map.of(), null,
                false, false, 50_000_000L, 5_000, System.currentTimeMillis());
    }
}
