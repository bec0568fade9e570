package io.evmsim.common.simulation;

import io.evmsim.common.types.UInt256;
import java.util.Map;

/**
 * Replaces parts of an account before the simulation, as geth's {@code eth_call} state overrides:
 * {@code state} replaces the whole storage, {@code stateDiff} only the slots it names (at most one
 * of the two). Null fields keep the account's own value.
 */
public record AccountOverride(UInt256 balance, Long nonce, byte[] code, Map<UInt256, UInt256> state,
        Map<UInt256, UInt256> stateDiff) {
}
