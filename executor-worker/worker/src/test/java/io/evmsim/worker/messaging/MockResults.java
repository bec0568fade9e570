package io.evmsim.worker.messaging;

import io.evmsim.common.simulation.ResultRecords;
import io.evmsim.common.simulation.SimulationEvent;
import io.evmsim.common.simulation.SimulationKind;
import io.evmsim.worker.simulation.SimulationExecutor;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.mock.MockProducerFactory;

/** A result sink on a mock producer, and what it sent read back as the gateway reads it (parts joined). */
final class MockResults {
    static final SimulationExecutor.WorkerMetrics NO_METRICS = new SimulationExecutor.WorkerMetrics() {
        @Override
        public void record(String stage, long nanos) {
        }

        @Override
        public void gasUsed(long gas) {
        }
    };

    /** One producer for every send: the template closes its producer after each, as with a factory's own. */
    final MockProducer<String, byte[]> producer = new MockProducer<>(true, null, new StringSerializer(),
            new ByteArraySerializer()) {
        @Override
        public void close(java.time.Duration timeout) {
        }
    };
    private final KafkaTemplate<String, byte[]> kafka = new KafkaTemplate<>(new MockProducerFactory<>(() -> producer));

    KafkaResultSink sink(String id, ResultLimits limits) {
        return new KafkaResultSink(new ResultLanes(kafka, limits), id, "replica", SimulationKind.SINGLE, 1L, NO_METRICS, limits);
    }

    List<ProducerRecord<String, byte[]>> records() {
        return producer.history();
    }

    /** The events sent, each part set joined into its event (in the order of its first part). */
    List<SimulationEvent> events() {
        List<SimulationEvent> events = new ArrayList<>();
        ByteArrayOutputStream joining = null;
        for (ProducerRecord<String, byte[]> record : producer.history()) {
            Function<String, byte[]> header = name -> {
                Header last = record.headers().lastHeader(name);
                return last == null ? null : last.value();
            };
            ResultRecords.Part part = ResultRecords.part(header);
            if (part == null) {
                events.add(ResultRecords.read(record.key(), header, record.value()));
                continue;
            }
            if (part.index() == 0) {
                joining = new ByteArrayOutputStream();
            }
            joining.writeBytes(record.value());
            if (part.index() == part.count() - 1) {
                events.add(ResultRecords.read(record.key(), header, joining.toByteArray()));
            }
        }
        return events;
    }
}
