package io.evmsim.worker.rpc;

import io.evmsim.common.simulation.AccountOverride;
import io.evmsim.common.types.Address;
import io.evmsim.evm.precompile.Precompile;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * eth_simulateV1's (and geth's eth_call's) {@code movePrecompileToAddress}: the precompile leaves
 * its address, which then behaves as an ordinary account (with whatever code the override gives
 * it), and answers at the new address.
 */
final class PrecompileMoves {
    /** execution-apis: a precompile moved onto its own address. */
    static final int SELF_REFERENCE = -38022;

    private PrecompileMoves() {
    }

    /** The precompiles after the overrides' moves; {@code active} is left as it is. */
    static Map<Address, Precompile> apply(Map<Address, Precompile> active, Map<Address, AccountOverride> overrides) {
        Map<Address, Precompile> moved = null;
        // in address order, so that of two faulty moves the error names the same one every time (geth: the lower)
        for (Map.Entry<Address, AccountOverride> entry : new TreeMap<>(overrides).entrySet()) {
            Address target = entry.getValue().movePrecompileToAddress();
            if (target == null) {
                continue;
            }
            Address source = entry.getKey();
            Precompile precompile = active.get(source);
            if (precompile == null) {
                throw new RpcError(RpcError.SERVER_ERROR, "account " + source + " is not a precompile");
            }
            if (target.equals(source)) {
                throw new RpcError(SELF_REFERENCE, "account " + source
                        + " has movePrecompileToAddress referencing itself");
            }
            if (moved == null) {
                moved = new LinkedHashMap<>(active);
            }
            moved.remove(source);
            moved.put(target, precompile);
        }
        return moved == null ? active : Map.copyOf(moved);
    }
}
