package io.evmsim.worker.messaging;

import io.evmsim.common.simulation.SimulationJson;
import io.evmsim.common.simulation.SimulationKind;
import io.evmsim.common.simulation.SimulationRequest;
import io.evmsim.common.simulation.SimulationTopics;
import io.evmsim.worker.rpc.RpcExecutor;
import io.evmsim.worker.simulation.SimulationExecutor;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Takes requests from {@code simulation-requests} (consumer group {@code executor-worker}) and runs
 * them on the engine's threads. The container commits the offset after this method returns, that
 * is after the broker acknowledged every result (at least once). A request that cannot be read or run goes
 * to the dead-letter topic with the reason, and its client gets an error result.
 */
public final class SimulationRequestListener {
    private static final Logger LOG = LoggerFactory.getLogger(SimulationRequestListener.class);

    private final SimulationExecutor executor;
    private final RpcExecutor rpc;
    private final ExecutorService engineThreads;
    private final KafkaTemplate<String, byte[]> kafka;

    public SimulationRequestListener(SimulationExecutor executor, RpcExecutor rpc, ExecutorService engineThreads,
            KafkaTemplate<String, byte[]> kafka) {
        this.executor = executor;
        this.rpc = rpc;
        this.engineThreads = engineThreads;
        this.kafka = kafka;
    }

    @KafkaListener(topics = SimulationTopics.REQUESTS, groupId = "executor-worker",
            concurrency = "${evmsim.worker.consumers:4}")
    public void onRequest(ConsumerRecord<String, byte[]> record) throws InterruptedException {
        SimulationRequest request;
        try {
            request = SimulationJson.read(record.value(), SimulationRequest.class);
        } catch (RuntimeException e) {
            String replyTo = header(record, SimulationTopics.REPLY_TO_HEADER);
            reject(record, "unreadable request: " + e.getMessage(),
                    new KafkaResultSink(kafka, record.key(), replyTo, SimulationKind.SINGLE, record.timestamp(),
                            executor.metrics()));
            return;
        }
        KafkaResultSink sink = new KafkaResultSink(kafka, request.id(), request.replyTo(), request.kind(),
                request.submittedAtMillis(), executor.metrics());
        try {
            engineThreads.submit(() -> {
                if (request.rpc() != null) {
                    rpc.run(request, sink); // a JSON-RPC method: one answer record
                } else {
                    executor.run(request, sink);
                }
            }).get();
        } catch (ExecutionException e) {
            LOG.error("simulation {} failed", request.id(), e.getCause());
            reject(record, "simulation failed: " + e.getCause(), sink);
            return;
        }
        sink.awaitAcknowledgements(); // "could not publish": retried by the container, then dead-lettered
    }

    private void reject(ConsumerRecord<String, byte[]> record, String reason, KafkaResultSink sink) {
        var deadLetter = new org.apache.kafka.clients.producer.ProducerRecord<>(SimulationTopics.DEAD_LETTERS,
                record.key(), record.value());
        deadLetter.headers().add(SimulationTopics.ERROR_HEADER, reason.getBytes(StandardCharsets.UTF_8));
        kafka.send(deadLetter);
        sink.error(reason, null);
        sink.awaitAcknowledgements();
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
