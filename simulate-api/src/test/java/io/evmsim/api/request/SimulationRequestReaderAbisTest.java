package io.evmsim.api.request;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.evmsim.api.simulation.SimulationLimits;
import io.evmsim.common.simulation.SimulationKind;
import io.evmsim.common.simulation.SimulationRequest;
import io.evmsim.common.types.Address;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The client's ABIs: carried to the worker by address when well-formed, refused naming the field when not. */
class SimulationRequestReaderAbisTest {
    private static final SimulationRequestReader READER = new SimulationRequestReader(new SimulationLimits(
            50_000_000L, Duration.ofSeconds(5), 100, 300_000, Duration.ofSeconds(10), Duration.ofDays(7)));
    private static final String TOKEN = "0x5fbdb2315678afecb367f032d93f642f64180aa3";

    private static SimulationRequest read(String abis) {
        String body = "{\"from\":\"0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266\",\"to\":\"" + TOKEN + "\",\"abis\":" + abis + "}";
        return READER.read(body.getBytes(StandardCharsets.UTF_8), SimulationKind.SINGLE, "id", "replica", 0);
    }

    @Test
    void aWellFormedAbiReachesTheWorker() {
        SimulationRequest request = read("{\"" + TOKEN + "\":[{\"type\":\"error\",\"name\":\"Nope\",\"inputs\":[]}]}");
        assertEquals("[{\"type\":\"error\",\"name\":\"Nope\",\"inputs\":[]}]", request.abis().get(Address.fromHex(TOKEN)));
    }

    @Test
    void aMalformedAbiIsRefusedNamingItsField() {
        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> read("{\"" + TOKEN
                + "\":[{\"type\":\"function\",\"name\":\"f\",\"inputs\":[{\"name\":\"x\",\"type\":\"uint257\"}]}]}"));
        assertEquals("abis." + TOKEN + "[0].inputs[0].type", e.field());
        e = assertThrows(InvalidRequestException.class, () -> read("{\"" + TOKEN + "\":{}}"));
        assertEquals("abis." + TOKEN, e.field());
        e = assertThrows(InvalidRequestException.class, () -> read("{\"0x12\":[]}"));
        assertEquals("abis.0x12", e.field());
        e = assertThrows(InvalidRequestException.class, () -> read("[]"));
        assertEquals("abis", e.field());
    }
}
