package io.evmsim.evm.precompile;

import io.evmsim.common.types.Address;
import io.evmsim.evm.fork.Fork;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/** The precompiled contracts of each fork, by address: each fork is the previous one plus its EIPs. */
public final class PrecompileSet {
    private static final EnumMap<Fork, Map<Address, Precompile>> BY_FORK = new EnumMap<>(Fork.class);

    static {
        for (Fork fork : Fork.values()) {
            BY_FORK.put(fork, Collections.unmodifiableMap(build(fork)));
        }
    }

    private PrecompileSet() {
    }

    public static Map<Address, Precompile> forFork(Fork fork) {
        return BY_FORK.get(fork);
    }

    private static Map<Address, Precompile> build(Fork fork) {
        Map<Address, Precompile> set = new LinkedHashMap<>();
        return set;
    }
}
