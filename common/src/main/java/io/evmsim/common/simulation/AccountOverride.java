package io.evmsim.common.simulation;

import io.evmsim.common.types.Address;
import io.evmsim.common.types.UInt256;
import java.util.Map;

/**
 * Replaces parts of an account before the simulation, as geth's {@code eth_call} state overrides:
 * {@code state} replaces the whole storage, {@code stateDiff} only the slots it names (at most one
 * of the two). Null fields keep the account's own value.
 *
 * @param movePrecompileToAddress eth_simulateV1 (execution-apis): the precompile at this account's
 *     address answers at the given address instead, and this address becomes an ordinary account; null
 *     keeps precompiles where they are
 */
public record AccountOverride(UInt256 balance, Long nonce, byte[] code, Map<UInt256, UInt256> state,
        Map<UInt256, UInt256> stateDiff, Address movePrecompileToAddress) {

    public AccountOverride(UInt256 balance, Long nonce, byte[] code, Map<UInt256, UInt256> state,
            Map<UInt256, UInt256> stateDiff) {
        this(balance, nonce, code, state, stateDiff, null);
    }
}
