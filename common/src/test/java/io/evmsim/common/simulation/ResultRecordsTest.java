package io.evmsim.common.simulation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.evmsim.common.simulation.SimulationEvent.EventType;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResultRecordsTest {
    private static final String PAYLOAD = "{\"status\":\"reverted\",\"revert\":{\"reason\":\"say \\\"no\\\" \u00e9\"}}";

    @Test
    void anEventSurvivesTheRecordWithItsPayloadByteForByte() {
        for (SimulationEvent event : new SimulationEvent[] {
                new SimulationEvent("id-1", "replica-a", 0, EventType.TRANSACTION, 0, "reverted", PAYLOAD,
                        SimulationKind.BUNDLE, 1_700_000_000_123L),
                new SimulationEvent("id-2", "replica-b", 3, EventType.SUMMARY, null, "success", "{}",
                        SimulationKind.SINGLE, 42L)}) {
            Map<String, byte[]> headers = new HashMap<>();
            ResultRecords.writeHeaders(event, headers::put);
            byte[] value = ResultRecords.value(event);
            assertEquals(event.payload(), new String(value, StandardCharsets.UTF_8));
            assertEquals(event, ResultRecords.read(event.simulationId(), headers::get, value));
            assertEquals(event.replyTo(), ResultRecords.replyTo(headers::get));
        }
    }

    @Test
    void aMissingOrMalformedHeaderIsNamed() {
        SimulationEvent event = new SimulationEvent("id", "replica", 1, EventType.ERROR, null, "error", "{}",
                SimulationKind.SINGLE, 1L);
        Map<String, byte[]> headers = new HashMap<>();
        ResultRecords.writeHeaders(event, headers::put);
        headers.remove(ResultRecords.SEQUENCE);
        assertEquals("the record has no evmsim-sequence header", assertThrows(IllegalArgumentException.class,
                () -> ResultRecords.read("id", headers::get, new byte[] {'{', '}'})).getMessage());
        headers.put(ResultRecords.SEQUENCE, "1".getBytes(StandardCharsets.UTF_8));
        headers.put(ResultRecords.TYPE, "FINAL".getBytes(StandardCharsets.UTF_8));
        assertEquals("the record's evmsim-type header is not valid: FINAL", assertThrows(IllegalArgumentException.class,
                () -> ResultRecords.read("id", headers::get, new byte[] {'{', '}'})).getMessage());
        assertThrows(IllegalArgumentException.class, () -> ResultRecords.read(null, headers::get, new byte[0]));
        headers.put(ResultRecords.TYPE, "ERROR".getBytes(StandardCharsets.UTF_8));
        assertEquals("the record's value is not JSON text: it holds a NUL character",
                assertThrows(IllegalArgumentException.class,
                        () -> ResultRecords.read("id", headers::get, new byte[] {'{', 0, '}'})).getMessage());
        assertNull(ResultRecords.replyTo(name -> null));
    }
}
