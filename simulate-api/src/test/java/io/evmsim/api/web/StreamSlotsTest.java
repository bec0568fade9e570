package io.evmsim.api.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.evmsim.api.problem.ApiProblem;
import io.evmsim.api.problem.ProblemException;
import org.junit.jupiter.api.Test;

class StreamSlotsTest {
    private final StreamSlots slots = new StreamSlots(new StreamLimits(3, 2));

    @Test
    void aClientPastItsLimitIsRefusedWhileOthersAreNot() {
        slots.take("a");
        StreamSlots.Slot second = slots.take("a");
        ProblemException refused = assertThrows(ProblemException.class, () -> slots.take("a"));
        assertEquals(ApiProblem.TOO_MANY_STREAMS, refused.problem());
        slots.take("b");
        assertEquals(3, slots.open());
        second.release();
        second.release(); // once only, however many ways the stream ends
        assertEquals(1, slots.open("a"));
        slots.take("a");
        assertEquals(2, slots.open("a"));
    }

    @Test
    void pastTheTotalEveryClientIsRefusedUntilASlotIsGivenBack() {
        StreamSlots.Slot first = slots.take("a");
        slots.take("b");
        slots.take("c");
        assertThrows(ProblemException.class, () -> slots.take("d"));
        assertEquals(0, slots.open("d"));
        assertEquals(3, slots.open());
        first.release();
        slots.take("d");
        assertEquals(0, slots.open("a"));
        assertEquals(3, slots.open());
    }
}
