package io.evmsim.api.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.evmsim.common.simulation.ResultRecords.Part;
import io.evmsim.common.simulation.SimulationEvent;
import io.evmsim.common.simulation.SimulationEvent.EventType;
import io.evmsim.common.simulation.SimulationKind;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PartJoinerTest {
    private static SimulationEvent piece(String text) {
        return new SimulationEvent("sim", "replica", 2, EventType.SUMMARY, null, "success", text,
                SimulationKind.SINGLE, 7L);
    }

    @Test
    void thePartsOfASetJoinInTheirOrderWhateverTheirArrivalAndDuplicates() {
        PartJoiner joiner = new PartJoiner(Duration.ofMinutes(1));
        assertNull(joiner.add(piece("}"), new Part("set", 2, 3)));
        assertNull(joiner.add(piece("{\"a\""), new Part("set", 0, 3)));
        assertNull(joiner.add(piece("{\"a\""), new Part("set", 0, 3))); // redelivered
        assertNull(joiner.add(piece(":1"), new Part("other-run", 1, 3))); // another run's set never mixes in
        SimulationEvent whole = joiner.add(piece(":1"), new Part("set", 1, 3));
        assertEquals("{\"a\":1}", whole.payload());
        assertEquals(2, whole.sequence());
        assertEquals(EventType.SUMMARY, whole.type());
        assertEquals(1, joiner.open());
    }

    @Test
    void aSetLeftIncompleteIsDroppedAfterItsMaximumAge() throws InterruptedException {
        PartJoiner joiner = new PartJoiner(Duration.ofMillis(1));
        joiner.add(piece("{"), new Part("stopped", 0, 2));
        Thread.sleep(5);
        assertNull(joiner.add(piece("{"), new Part("next", 0, 2)));
        assertEquals(1, joiner.open());
    }
}
