package io.evmsim.evm.simulation;

import io.evmsim.common.types.Address;
import io.evmsim.common.types.UInt256;
import io.evmsim.evm.precompile.Precompile;
import io.evmsim.evm.simulation.InvalidOverrideException.Problem;
import io.evmsim.evm.state.Account;
import io.evmsim.evm.state.Code;
import io.evmsim.evm.state.JournaledState;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Applies state overrides to the journaled state of a simulation, on top of what earlier
 * transactions of the simulation wrote, and moves precompiles. The overridden values become the
 * state the next transaction starts from.
 */
final class StateOverrides {
    private StateOverrides() {
    }

    /**
     * @return the precompiles after the moves
     * @throws InvalidOverrideException for {@code state} with {@code stateDiff}, or a bad precompile move
     */
    static Map<Address, Precompile> apply(JournaledState state, Map<Address, AccountOverride> overrides,
            Map<Address, Precompile> precompiles) {
        Map<Address, Precompile> moved = movePrecompiles(overrides, precompiles);
        overrides.forEach((address, change) -> {
            if (change.state() != null && change.stateDiff() != null) {
                throw new InvalidOverrideException(Problem.STATE_AND_STATE_DIFF, address,
                        "account " + address + " has both state and stateDiff overrides");
            }
            Account account = state.account(address);
            if (change.balance() != null) {
                state.setBalance(account, change.balance());
            }
            if (change.nonce() != null) {
                state.setNonce(account, change.nonce());
            }
            if (change.code() != null) {
                state.setCode(account, Code.of(change.code()));
            }
            if (change.state() != null) {
                state.clearStorage(account);
                change.state().forEach((key, value) -> state.setStorage(state.slot(account, key), value));
            }
            if (change.stateDiff() != null) {
                change.stateDiff().forEach((key, value) -> state.setStorage(state.slot(account, key), value));
            }
        });
        state.finishTransaction();
        return moved;
    }

    /** eth_simulateV1's {@code movePrecompileToAddress}: the precompile answers at its new address only. */
    private static Map<Address, Precompile> movePrecompiles(Map<Address, AccountOverride> overrides,
            Map<Address, Precompile> precompiles) {
        Map<Address, Precompile> result = new LinkedHashMap<>(precompiles);
        Set<Address> targets = new HashSet<>();
        overrides.forEach((address, change) -> {
            Address target = change.movePrecompileToAddress();
            if (target == null) {
                return;
            }
            if (target.equals(address)) {
                throw new InvalidOverrideException(Problem.PRECOMPILE_SELF_REFERENCE, address,
                        "account " + address + " is moved onto itself");
            }
            if (!targets.add(target)) {
                throw new InvalidOverrideException(Problem.PRECOMPILE_TARGET_TAKEN, target,
                        "two accounts are moved to " + target);
            }
            Precompile precompile = precompiles.get(address);
            if (precompile == null) {
                throw new InvalidOverrideException(Problem.NOT_A_PRECOMPILE, address,
                        "account " + address + " is not a precompile");
            }
            result.remove(address);
        });
        overrides.forEach((address, change) -> {
            if (change.movePrecompileToAddress() != null) {
                result.put(change.movePrecompileToAddress(), precompiles.get(address));
            }
        });
        return result;
    }
}
