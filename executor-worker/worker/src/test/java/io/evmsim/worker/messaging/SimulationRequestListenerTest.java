package io.evmsim.worker.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evmsim.common.simulation.CallRequest;
import io.evmsim.common.simulation.RequestRecords;
import io.evmsim.common.simulation.ResultRecords;
import io.evmsim.common.simulation.SimulationEvent;
import io.evmsim.common.simulation.SimulationJson;
import io.evmsim.common.simulation.SimulationKind;
import io.evmsim.common.simulation.SimulationRequest;
import io.evmsim.common.simulation.SimulationTopics;
import io.evmsim.common.types.Address;
import io.evmsim.evm.chain.ChainFork;
import io.evmsim.evm.chain.ChainSchedule;
import io.evmsim.evm.state.CodeCache;
import io.evmsim.statecache.client.BlockHeader;
import io.evmsim.worker.LoopingState;
import io.evmsim.worker.chain.ChainRules;
import io.evmsim.worker.rpc.RpcExecutor;
import io.evmsim.worker.simulation.SimulationExecutor;
import io.evmsim.worker.state.CodeStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import tools.jackson.databind.JsonNode;

/**
 * Whatever a simulation throws, {@link Error}s included, ends it with an {@code INTERNAL} error
 * record, frees its place and lets its partition's offset move on; a dead-lettering that keeps
 * failing is retried, then counted, and the offset still moves on.
 */
class SimulationRequestListenerTest {
    private static final int PLACES = 2;

    /** Answers at once; the blocks named {@code overflow} and {@code oom} throw those errors while the block is resolved. */
    private static final class FailingState extends LoopingState {
        @Override
        public BlockHeader resolveBlock(String blockId) {
            return switch (blockId) {
                case "overflow" -> throw new StackOverflowError("deep");
                case "oom" -> throw new OutOfMemoryError("Java heap space");
                default -> super.resolveBlock(blockId);
            };
        }
    }

    /** A producer that acknowledges every send at once, except those {@link #refuse} names. */
    private static final class FakeKafka extends KafkaTemplate<String, byte[]> {
        final List<ProducerRecord<String, byte[]>> sent = Collections.synchronizedList(new ArrayList<>());
        volatile Predicate<ProducerRecord<String, byte[]>> refuse = record -> false;

        FakeKafka() {
            super(new DefaultKafkaProducerFactory<>(Map.of()));
        }

        @Override
        public CompletableFuture<SendResult<String, byte[]>> send(ProducerRecord<String, byte[]> record) {
            sent.add(record);
            return refuse.test(record) ? CompletableFuture.failedFuture(new KafkaException("refused by the test"))
                    : CompletableFuture.completedFuture(new SendResult<>(record, null));
        }

        List<ProducerRecord<String, byte[]>> to(String topic) {
            synchronized (sent) {
                return sent.stream().filter(record -> record.topic().equals(topic)).toList();
            }
        }
    }

    private final ExecutorService engineThreads = Executors.newFixedThreadPool(PLACES);
    private final FakeKafka kafka = new FakeKafka();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final List<Long> acknowledged = Collections.synchronizedList(new ArrayList<>());
    private final SimulationRequestListener listener;

    SimulationRequestListenerTest() {
        FailingState state = new FailingState();
        CodeStore codes = new CodeStore(state, 1 << 20);
        SimulationExecutor.WorkerMetrics noMetrics = new SimulationExecutor.WorkerMetrics() {
            @Override
            public void record(String stage, long nanos) {
            }

            @Override
            public void gasUsed(long gas) {
            }
        };
        ChainRules rules = ChainRules.of(ChainSchedule.fromGenesis(1, "test", ChainFork.OSAKA));
        listener = new SimulationRequestListener(new SimulationExecutor(state, codes, new CodeCache(16), rules, 8,
                noMetrics), new RpcExecutor(state, codes, new CodeCache(16), rules, 8, 250_000, 16L << 20), engineThreads, kafka,
                PLACES, Duration.ofMillis(10), new ResultLimits(16L << 20, 768 << 10), new Cancellations(), meters);
    }

    @AfterEach
    void stop() {
        listener.close();
        engineThreads.shutdownNow();
    }

    @Test
    void errorsEndTheirSimulationFreeTheirPlaceAndNeverStallThePartition() throws Exception {
        List<String> blocks = List.of("overflow", "oom", "overflow", "oom", "overflow", "latest");
        // more failures than places: a leaked place would block the listener for good
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            for (int offset = 0; offset < blocks.size(); offset++) {
                deliver(offset, request("s" + offset, blocks.get(offset)));
            }
            awaitAcknowledged(blocks.size() - 1);
        });
        for (int offset = 0; offset < blocks.size() - 1; offset++) {
            JsonNode error = finalPayload("s" + offset, SimulationEvent.EventType.ERROR);
            assertEquals("INTERNAL", error.get("code").stringValue());
            String expected = blocks.get(offset).equals("oom") ? "java.lang.OutOfMemoryError: Java heap space"
                    : "java.lang.StackOverflowError: deep";
            assertEquals("simulation failed: " + expected, error.get("error").stringValue());
        }
        assertEquals("success", finalPayload("s5", SimulationEvent.EventType.SUMMARY).get("status").stringValue());
        assertEquals(blocks.size() - 1, kafka.to(SimulationTopics.DEAD_LETTERS).size());
        assertEquals(0.0, meters.counter("evmsim.worker.dead.letter.failures").count());
    }

    @Test
    void aDeadLetterThatKeepsFailingIsRetriedCountedAndPassed() throws Exception {
        kafka.refuse = record -> record.topic().equals(SimulationTopics.DEAD_LETTERS);
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            deliver(0, request("s0", "overflow"));
            deliver(1, request("s1", "latest"));
            awaitAcknowledged(1);
        });
        assertEquals(SimulationRequestListener.DEAD_LETTER_ATTEMPTS, kafka.to(SimulationTopics.DEAD_LETTERS).size());
        assertEquals(1.0, meters.counter("evmsim.worker.dead.letter.failures").count());
        // the client was told each time it was tried
        assertEquals("INTERNAL", finalPayload("s0", SimulationEvent.EventType.ERROR).get("code").stringValue());
    }

    /**
     * A stopped worker sends and retries nothing more: its unfinished request stays unacknowledged, for the
     * partition's next owner (a send after the stop would open a producer nobody closes).
     */
    @Test
    void aStoppedWorkerNeitherSendsNorRetries() throws Exception {
        kafka.refuse = record -> record.topic().equals(SimulationTopics.DEAD_LETTERS);
        deliver(0, request("s0", "overflow"));
        while (kafka.to(SimulationTopics.DEAD_LETTERS).isEmpty()) {
            Thread.sleep(10);
        }
        listener.close();
        int sent = kafka.sent.size();
        Thread.sleep(3 * SimulationRequestListener.DEAD_LETTER_BACKOFF_MILLIS);
        assertEquals(sent, kafka.sent.size(), "sends after the stop");
        assertEquals(1, kafka.to(SimulationTopics.DEAD_LETTERS).size());
        assertTrue(acknowledged.isEmpty(), "a request given up by a stopping worker was acknowledged");
    }

    /**
     * A bundle received after its deadline is answered {@code EXPIRED}, numbered after its last
     * transaction: a worker that died running it may have published its first results.
     */
    @Test
    void anExpiredBundlesErrorFollowsItsTransactionsNumbers() throws Exception {
        CallRequest call = new CallRequest(null, Address.fromLong(1), Address.fromLong(2), null, null, 100_000L, null,
                null, null, null, null, null, null, null);
        SimulationRequest late = new SimulationRequest("late", "gateway", SimulationKind.BUNDLE, "latest",
                List.of(call, call, call), Map.of(), null, false, false, 50_000_000L, 5_000,
                System.currentTimeMillis() - 60_000);
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            deliver(0, late);
            awaitAcknowledged(0);
        });
        List<SimulationEvent> events = events("late");
        assertEquals(1, events.size(), events.toString());
        assertEquals(SimulationEvent.EventType.ERROR, events.getFirst().type());
        assertEquals(3, events.getFirst().sequence());
        assertTrue(events.getFirst().payload().contains("\"code\":\"EXPIRED\""), events.toString());
    }

    /**
     * A record of several requests (format 2): each runs and is answered as if it came alone, a failing one
     * dead-lettered with its own JSON under its own id, and the record is acknowledged once all are done.
     */
    @Test
    void aRecordOfSeveralRequestsRunsEachAndIsAcknowledgedWhenAllAre() throws Exception {
        List<SimulationRequest> requests = List.of(request("b0", "latest"), request("b1", "overflow"),
                request("b2", "latest"), request("b3", "latest"));
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            deliverTogether(0, requests, RequestRecords.BATCH_FORMAT);
            deliver(1, request("after", "latest"));
            awaitAcknowledged(1);
        });
        for (String id : List.of("b0", "b2", "b3", "after")) {
            assertEquals("success", finalPayload(id, SimulationEvent.EventType.SUMMARY).get("status").stringValue());
            assertEquals(1, events(id).size());
        }
        assertEquals("simulation failed: java.lang.StackOverflowError: deep",
                finalPayload("b1", SimulationEvent.EventType.ERROR).get("error").stringValue());
        List<ProducerRecord<String, byte[]>> deadLetters = kafka.to(SimulationTopics.DEAD_LETTERS);
        assertEquals(1, deadLetters.size());
        assertEquals("b1", deadLetters.getFirst().key());
        assertEquals("b1", SimulationJson.read(deadLetters.getFirst().value(), SimulationRequest.class).id());
    }

    /** A record no worker can read (a format it does not know, or not JSON) answers every client it names with an error. */
    @Test
    void aRecordThatCannotBeReadAnswersEachRequestItNames() throws Exception {
        List<SimulationRequest> requests = List.of(request("u0", "latest"), request("u1", "latest"));
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            deliverTogether(0, requests, "3");
            awaitAcknowledged(0);
        });
        for (String id : List.of("u0", "u1")) {
            JsonNode error = finalPayload(id, SimulationEvent.EventType.ERROR);
            assertEquals("INTERNAL", error.get("code").stringValue());
            assertEquals("unknown request record format 3 (this worker reads 1 and 2)", error.get("error").stringValue());
        }
        assertEquals(List.of("u0", "u1"), kafka.to(SimulationTopics.DEAD_LETTERS).stream()
                .map(ProducerRecord::key).sorted().toList());
    }

    private void deliverTogether(long offset, List<SimulationRequest> requests, String format)
            throws InterruptedException {
        ConsumerRecord<String, byte[]> record = new ConsumerRecord<>(SimulationTopics.REQUESTS, 0, offset,
                requests.getFirst().id(), RequestRecords.batch(requests.stream().map(SimulationJson::write).toList()));
        record.headers().add(RequestRecords.FORMAT, format.getBytes(StandardCharsets.UTF_8));
        record.headers().add(RequestRecords.IDS, RequestRecords.ids(requests.stream().map(SimulationRequest::id).toList()));
        record.headers().add(SimulationTopics.REPLY_TO_HEADER, "gateway".getBytes(StandardCharsets.UTF_8));
        listener.onRequest(record, () -> acknowledged.add(offset));
    }

    private void deliver(long offset, SimulationRequest request) throws InterruptedException {
        ConsumerRecord<String, byte[]> record = new ConsumerRecord<>(SimulationTopics.REQUESTS, 0, offset,
                request.id(), SimulationJson.write(request));
        listener.onRequest(record, () -> acknowledged.add(offset));
    }

    /** Waits until the newest acknowledged offset of the partition is {@code offset} (acknowledgments are cumulative). */
    private void awaitAcknowledged(long offset) throws InterruptedException {
        while (!acknowledged.contains(offset)) {
            Thread.sleep(10);
        }
    }

    private List<SimulationEvent> events(String id) {
        return kafka.to(SimulationTopics.RESULTS).stream()
                .filter(record -> record.key().equals(id))
                .map(record -> ResultRecords.read(id, name -> {
                    var header = record.headers().lastHeader(name);
                    return header == null ? null : header.value();
                }, record.value()))
                .toList();
    }

    private JsonNode finalPayload(String id, SimulationEvent.EventType type) {
        List<SimulationEvent> events = events(id);
        assertTrue(!events.isEmpty(), "no result for " + id);
        SimulationEvent last = events.getFirst();
        assertEquals(type, last.type(), last.toString());
        return SimulationJson.mapper().readTree(last.payload().getBytes(StandardCharsets.UTF_8));
    }

    private static SimulationRequest request(String id, String block) {
        CallRequest call = new CallRequest(null, Address.fromLong(1), Address.fromLong(2), null, null, 100_000L, null,
                null, null, null, null, null, null, null);
        return new SimulationRequest(id, "gateway", SimulationKind.SINGLE, block, List.of(call), Map.of(), null, false,
                false, 50_000_000L, 5_000, System.currentTimeMillis());
    }
}
