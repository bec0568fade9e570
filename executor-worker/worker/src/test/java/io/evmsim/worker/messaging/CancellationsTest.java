package io.evmsim.worker.messaging;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evmsim.common.simulation.CallRequest;
import io.evmsim.common.simulation.SimulationKind;
import io.evmsim.common.simulation.SimulationRequest;
import io.evmsim.common.types.Address;
import io.evmsim.worker.simulation.RunBudget;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A cancellation reaches the request whether it is read before the request runs or while it runs. */
class CancellationsTest {
    private final Cancellations cancellations = new Cancellations();

    @Test
    void aCancellationReadFirstCancelsTheRequestWhenItStarts() {
        SimulationRequest request = request("queued");
        cancellations.cancel("queued", request.submittedAtMillis() + request.deadlineMillis());
        assertTrue(cancellations.start(request).cancelled());
        assertFalse(cancellations.start(request("other")).cancelled());
    }

    @Test
    void aCancellationStopsTheRunningRequest() {
        SimulationRequest request = request("running");
        RunBudget budget = cancellations.start(request);
        assertFalse(budget.cancelled());
        long before = budget.clock().getAsLong();
        cancellations.cancel("running", request.submittedAtMillis() + request.deadlineMillis());
        assertTrue(budget.cancelled());
        assertTrue(budget.clock().getAsLong() - budget.deadlineNanos() > 0, "the watchdog's clock is past the deadline");
        assertTrue(budget.clock().getAsLong() - before > 0);
    }

    @Test
    void aFinishedRequestIsNoLongerReachedAndAnOldCancellationIsIgnored() {
        SimulationRequest request = request("done");
        RunBudget budget = cancellations.start(request);
        cancellations.finished("done");
        cancellations.cancel("done", request.submittedAtMillis() + request.deadlineMillis());
        assertFalse(budget.cancelled());

        SimulationRequest late = request("late");
        cancellations.cancel("late", System.currentTimeMillis() - 3_600_000); // read again long after its deadline
        assertFalse(cancellations.start(late).cancelled());
    }

    private static SimulationRequest request(String id) {
        CallRequest call = new CallRequest(null, Address.fromLong(1), Address.fromLong(2), null, null, null, null,
                null, null, null, null, null, null, null);
        return new SimulationRequest(id, "gateway", SimulationKind.SINGLE, "latest", List.of(call), Map.of(), null,
                false, false, 50_000_000L, 5_000, System.currentTimeMillis());
    }
}
