package io.evmsim.api.request;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.evmsim.api.simulation.SimulationLimits;
import io.evmsim.common.simulation.ResultPart;
import io.evmsim.common.simulation.SimulationJson;
import io.evmsim.common.simulation.SimulationKind;
import io.evmsim.common.simulation.SimulationRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A request's {@code include}: the parts of each transaction's result it asks for. */
class IncludeTest {
    private static final String CALL = "\"from\":\"0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266\","
            + "\"to\":\"0x00000000000000000000000000000000000f00d1\"";
    private final SimulationRequestReader reader = new SimulationRequestReader(new SimulationLimits(50_000_000L,
            Duration.ofSeconds(5), 100, 300_000, Duration.ofSeconds(10), Duration.ofDays(7)));

    private SimulationRequest read(String body, SimulationKind kind) {
        return reader.read(body.getBytes(StandardCharsets.UTF_8), kind, "id", "replica", 0);
    }

    @Test
    void everyPartWhenTheRequestDoesNotSay() {
        assertEquals(ResultPart.ALL, read("{" + CALL + "}", SimulationKind.SINGLE).include());
    }

    @Test
    void onlyTheNamedParts() {
        assertEquals(EnumSet.of(ResultPart.LOGS, ResultPart.STATE_DIFF),
                read("{" + CALL + ",\"include\":[\"stateDiff\",\"logs\",\"logs\"]}", SimulationKind.SINGLE).include());
        assertEquals(Set.of(), read("{" + CALL + ",\"include\":[]}", SimulationKind.SINGLE).include());
        assertEquals(EnumSet.of(ResultPart.CALL_TREE), read("{\"transactions\":[{" + CALL + "}],"
                + "\"include\":[\"callTree\"]}", SimulationKind.BUNDLE).include());
    }

    @Test
    void anUnknownPartIsRefusedByItsPlace() {
        InvalidRequestException e = assertThrows(InvalidRequestException.class,
                () -> read("{" + CALL + ",\"include\":[\"logs\",\"trace\"]}", SimulationKind.SINGLE));
        assertEquals("include[1]", e.field());
        assertEquals("must be one of logs, stateDiff, callTree, assetChanges, gas, preview", e.getMessage());
        assertEquals("include", assertThrows(InvalidRequestException.class,
                () -> read("{" + CALL + ",\"include\":\"logs\"}", SimulationKind.SINGLE)).field());
        assertEquals("include[0]", assertThrows(InvalidRequestException.class,
                () -> read("{" + CALL + ",\"include\":[7]}", SimulationKind.SINGLE)).field());
    }

    @Test
    void theWitnessIsKeptOnlyWhenAskedWithItsOwnField() {
        assertEquals(false, read("{" + CALL + "}", SimulationKind.SINGLE).includes(ResultPart.WITNESS));
        SimulationRequest witnessed = read("{" + CALL + ",\"witness\":true}", SimulationKind.SINGLE);
        assertEquals(EnumSet.complementOf(EnumSet.noneOf(ResultPart.class)), witnessed.include());
        assertEquals(EnumSet.of(ResultPart.LOGS, ResultPart.WITNESS), read("{\"transactions\":[{" + CALL + "}],"
                + "\"include\":[\"logs\"],\"witness\":true}", SimulationKind.BUNDLE).include());
        assertEquals(ResultPart.ALL, read("{" + CALL + ",\"witness\":false}", SimulationKind.SINGLE).include());
        assertEquals(Set.of(ResultPart.WITNESS), SimulationJson.read(SimulationJson.write(read("{" + CALL
                + ",\"include\":[],\"witness\":true}", SimulationKind.SINGLE)), SimulationRequest.class).include());
        assertEquals("include[0]", assertThrows(InvalidRequestException.class,
                () -> read("{" + CALL + ",\"include\":[\"witness\"]}", SimulationKind.SINGLE)).field());
        assertEquals("witness", assertThrows(InvalidRequestException.class,
                () -> read("{" + CALL + ",\"witness\":\"yes\"}", SimulationKind.SINGLE)).field());
    }

    @Test
    void travelsToTheWorkerAndReadsAsEveryPartWhenAbsent() {
        SimulationRequest lean = read("{" + CALL + ",\"include\":[\"logs\"]}", SimulationKind.SINGLE);
        assertEquals(Set.of(ResultPart.LOGS),
                SimulationJson.read(SimulationJson.write(lean), SimulationRequest.class).include());
        // a request from a gateway that predates the field
        String old = new String(SimulationJson.write(lean), StandardCharsets.UTF_8).replace(",\"include\":[\"LOGS\"]", "");
        assertEquals(ResultPart.ALL, SimulationJson.read(old.getBytes(StandardCharsets.UTF_8),
                SimulationRequest.class).include());
    }
}
