package io.evmsim.common.simulation;

import io.evmsim.common.types.Address;
import java.util.List;
import java.util.Map;

/**
 * One {@code blockStateCalls} entry of eth_simulateV1: the block's overrides, the state overrides
 * applied before its first call, and its calls in order.
 */
public record SimulatedBlock(BlockOverrides blockOverrides, Map<Address, AccountOverride> stateOverrides,
        List<CallRequest> calls) {

    public SimulatedBlock {
        stateOverrides = stateOverrides == null ? Map.of() : Map.copyOf(stateOverrides);
        calls = calls == null ? List.of() : List.copyOf(calls);
    }
}
