package io.evmsim.evm.simulation;

import io.evmsim.common.types.Address;
import io.evmsim.common.types.UInt256;
import java.util.Map;

/**
 * What a state override sets on one account (geth's {@code eth_call} overrides and
 * eth_simulateV1's); null leaves a field as it is.
 *
 * @param state the whole storage: every slot not named reads as zero
 * @param stateDiff single slots, the rest kept; not together with {@code state}
 * @param movePrecompileToAddress eth_simulateV1: the precompile at this account moves there, and this
 *     address then runs the code given here (or none)
 */
public record AccountOverride(UInt256 balance, Long nonce, byte[] code, Map<UInt256, UInt256> state,
        Map<UInt256, UInt256> stateDiff, Address movePrecompileToAddress) {

    public static AccountOverride balance(UInt256 balance) {
        return new AccountOverride(balance, null, null, null, null, null);
    }
}
