package io.evmsim.common.simulation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.evmsim.common.simulation.SimulationEvent.EventType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
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
    void recordsThatShareOneComeBackAsTheyWereAloneAndAMalformedBatchIsRefused() {
        List<ResultRecords.Batched> records = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            SimulationEvent event = new SimulationEvent("sim-" + i, "replica-a", i, EventType.SUMMARY, null, "success",
                    PAYLOAD, SimulationKind.SINGLE, 1_700_000_000_000L + i);
            Map<String, byte[]> headers = new LinkedHashMap<>();
            ResultRecords.writeHeaders(event, headers::put);
            records.add(new ResultRecords.Batched(event.simulationId(), headers, ResultRecords.value(event)));
        }
        byte[] value = ResultRecords.batch(records);
        List<ResultRecords.Batched> read = ResultRecords.unbatch(value);
        assertEquals(3, read.size());
        for (int i = 0; i < 3; i++) {
            ResultRecords.Batched one = read.get(i);
            SimulationEvent event = ResultRecords.read(one.key(), one.headers()::get, one.value());
            assertEquals("sim-" + i, event.simulationId());
            assertEquals(i, event.sequence());
            assertEquals("replica-a", event.replyTo());
            assertEquals(PAYLOAD, event.payload(), "the payload byte for byte");
        }
        assertThrows(IllegalArgumentException.class, () -> ResultRecords.unbatch(Arrays.copyOf(value, value.length - 1)));
        assertThrows(IllegalArgumentException.class, () -> ResultRecords.unbatch(Arrays.copyOf(value, value.length + 1)));
        assertThrows(IllegalArgumentException.class,
                () -> ResultRecords.unbatch(PAYLOAD.getBytes(StandardCharsets.UTF_8)), "a format-1 value");
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

    @Test
    void aPayloadLargerThanARecordIsCutBetweenCharactersAndItsPartsJoinToIt() {
        // two- three- and four-byte characters where the cuts fall
        String payload = "{\"reason\":\"" + "a\u00e9\u20ac\uD83D\uDE00".repeat(50_000) + "\"}";
        byte[] value = payload.getBytes(StandardCharsets.UTF_8);
        for (int max : new int[] {4, 5, 7, 1000, 65_536}) {
            java.util.List<byte[]> pieces = ResultRecords.pieces(value, max);
            StringBuilder joined = new StringBuilder();
            for (byte[] piece : pieces) {
                assertEquals(true, piece.length <= max && piece.length > 0);
                String text = new String(piece, StandardCharsets.UTF_8);
                assertEquals(piece.length, text.getBytes(StandardCharsets.UTF_8).length, "a piece is whole characters");
                joined.append(text);
            }
            assertEquals(payload, joined.toString());
        }
        assertEquals(1, ResultRecords.pieces(value, value.length).size());
    }

    @Test
    void aPartIsReadFromItsHeadersAndAMalformedOneIsNamed() {
        Map<String, byte[]> headers = new HashMap<>();
        assertNull(ResultRecords.part(headers::get));
        ResultRecords.writePart(new ResultRecords.Part("set-1", 2, 3), headers::put);
        assertEquals(new ResultRecords.Part("set-1", 2, 3), ResultRecords.part(headers::get));
        headers.put(ResultRecords.PART_INDEX, "3".getBytes(StandardCharsets.UTF_8));
        assertThrows(IllegalArgumentException.class, () -> ResultRecords.part(headers::get));
        headers.remove(ResultRecords.PART_COUNT);
        assertEquals("the record has no evmsim-part-count header", assertThrows(IllegalArgumentException.class,
                () -> ResultRecords.part(headers::get)).getMessage());
    }
}
