package io.evmsim.worker.rpc;

import io.evmsim.evm.state.WorldState;
import io.evmsim.common.simulation.StateProvenance;
import io.evmsim.worker.state.PrefetchedState;
import java.util.Map;
import java.util.function.Function;

/**
 * Runs a method's work on the pinned block's state until a run reads nothing that was not fetched
 * (see {@link PrefetchedState}): a run that missed is thrown away, whatever it answered or threw,
 * the misses are fetched in one batch and the work runs again. Runs are deterministic, so the
 * answer of the last run is the answer on the complete state.
 */
final class StateSession {
    private final PrefetchedState fetched;
    private final RpcDeadline deadline;
    private final int maxRounds;

    StateSession(PrefetchedState fetched, RpcDeadline deadline, int maxRounds) {
        this.fetched = fetched;
        this.deadline = deadline;
        this.maxRounds = maxRounds;
    }

    /** The unproven reads of the run under way (see {@link PrefetchedState#unprovenReads}). */
    Map<PrefetchedState.UnprovenRead, StateProvenance> unprovenReads() {
        return fetched.unprovenReads();
    }

    <T> T attempt(Function<WorldState, T> work) {
        for (int round = 0; ; round++) {
            if (fetched.hasMisses()) {
                if (round > maxRounds) {
                    throw new RpcError(RpcError.INTERNAL, "the state read set did not settle after " + maxRounds
                            + " batches");
                }
                deadline.stateCall(() -> {
                    fetched.fetchMisses();
                    return null;
                });
            }
            T result;
            fetched.beginRun();
            try {
                result = work.apply(fetched);
            } catch (RpcDeadline.Exceeded e) {
                throw e;
            } catch (RuntimeException e) {
                if (fetched.hasMisses()) {
                    continue; // the failure may come from a placeholder; decide on fetched state
                }
                throw e;
            }
            if (!fetched.hasMisses()) {
                return result;
            }
        }
    }
}
