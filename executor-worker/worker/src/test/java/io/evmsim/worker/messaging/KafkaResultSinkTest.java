package io.evmsim.worker.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evmsim.common.simulation.ResultRecords;
import io.evmsim.common.simulation.SimulationError;
import io.evmsim.common.simulation.SimulationEvent;
import io.evmsim.common.simulation.SimulationEvent.EventType;
import io.evmsim.common.simulation.SimulationJson;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class KafkaResultSinkTest {
    private static final ResultLimits LIMITS = new ResultLimits(64 * 1024, 4 * 1024);
    private final MockResults results = new MockResults();

    private static String document(int hexBytes) {
        return "{\"status\":\"success\",\"returnData\":\"0x" + "ab".repeat(hexBytes) + "\"}";
    }

    @Test
    void aResultWithinARecordTravelsWhole() {
        KafkaResultSink sink = results.sink("s1", LIMITS);
        sink.summary("success", document(100));
        assertEquals(1, results.records().size());
        assertEquals(null, results.records().getFirst().headers().lastHeader(ResultRecords.PART_SET));
        assertEquals(document(100), results.events().getFirst().payload());
    }

    @Test
    void aResultLargerThanARecordTravelsInPartsOfOneSetThatJoinToIt() {
        KafkaResultSink sink = results.sink("s1", LIMITS);
        String payload = document(10_000);
        sink.summary("success", payload);
        List<ProducerRecord<String, byte[]>> records = results.records();
        assertEquals((payload.length() + 4095) / 4096, records.size());
        Set<String> sets = new HashSet<>();
        for (ProducerRecord<String, byte[]> record : records) {
            assertTrue(record.value().length <= 4096);
            assertEquals("s1", record.key());
            sets.add(new String(record.headers().lastHeader(ResultRecords.PART_SET).value()));
        }
        assertEquals(1, sets.size());
        List<SimulationEvent> events = results.events();
        assertEquals(1, events.size());
        assertEquals(payload, events.getFirst().payload());
        assertEquals(EventType.SUMMARY, events.getFirst().type());
    }

    @Test
    void aResultPastTheLimitEndsTheSimulationWithAnErrorNamingBothSizes() {
        KafkaResultSink sink = results.sink("s1", LIMITS);
        String payload = document(40_000);
        sink.summary("success", payload);
        sink.error(SimulationError.INTERNAL, "published after the end", null); // nothing after the final record
        List<SimulationEvent> events = results.events();
        assertEquals(1, events.size());
        SimulationEvent error = events.getFirst();
        assertEquals(EventType.ERROR, error.type());
        JsonNode body = SimulationJson.mapper().readTree(error.payload());
        assertEquals("RESULT_TOO_LARGE", body.get("code").asString());
        assertEquals("the result is too large: " + payload.length() + " bytes of JSON, over the result-size limit"
                + " of 65536 bytes", body.get("error").asString());
        assertEquals(413, SimulationError.RESULT_TOO_LARGE.httpStatus());
    }

    @Test
    void aBundlesResultsCountTogether() {
        KafkaResultSink sink = results.sink("s1", LIMITS);
        sink.transaction(0, "success", document(15_000));
        sink.transaction(1, "success", document(15_000));
        sink.transaction(2, "success", document(15_000));
        sink.summary("success", "{\"status\":\"success\"}");
        List<SimulationEvent> events = results.events();
        assertEquals(List.of(EventType.TRANSACTION, EventType.TRANSACTION, EventType.ERROR),
                events.stream().map(SimulationEvent::type).toList());
        assertEquals(List.of(0, 1, 2), events.stream().map(SimulationEvent::sequence).toList());
        String message = SimulationJson.mapper().readTree(events.getLast().payload()).get("error").asString();
        assertNotNull(message);
        assertTrue(message.startsWith("the result is too large: at least ") && message.contains("65536"), message);
    }

    @Test
    void aResultThatCannotFitIsRefusedBeforeItIsWritten() {
        KafkaResultSink sink = results.sink("s1", LIMITS);
        assertTrue(sink.admits(1_000));
        assertEquals(false, sink.admits(70_000));
        assertEquals(false, sink.admits(1));
        sink.summary("success", "{}");
        List<SimulationEvent> events = results.events();
        assertEquals(List.of(EventType.ERROR), events.stream().map(SimulationEvent::type).toList());
        assertEquals("the result is too large: at least 70000 bytes of JSON, over the result-size limit of 65536 bytes",
                SimulationJson.mapper().readTree(events.getFirst().payload()).get("error").asString());
    }
}
