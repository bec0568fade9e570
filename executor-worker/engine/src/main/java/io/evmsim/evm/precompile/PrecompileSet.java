package io.evmsim.evm.precompile;

import io.evmsim.common.types.Address;
import io.evmsim.evm.fork.Fork;
import io.evmsim.evm.precompile.bls12381.Bls12G1Add;
import io.evmsim.evm.precompile.bls12381.Bls12G1Msm;
import io.evmsim.evm.precompile.bls12381.Bls12G2Add;
import io.evmsim.evm.precompile.bls12381.Bls12G2Msm;
import io.evmsim.evm.precompile.bls12381.Bls12MapFp2ToG2;
import io.evmsim.evm.precompile.bls12381.Bls12MapFpToG1;
import io.evmsim.evm.precompile.bls12381.Bls12PairingCheck;
import io.evmsim.evm.precompile.bn254.Bn254Add;
import io.evmsim.evm.precompile.bn254.Bn254Mul;
import io.evmsim.evm.precompile.bn254.Bn254Pairing;
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
        set.put(Address.fromLong(0x01), new EcRecover());
        set.put(Address.fromLong(0x02), new Sha256());
        set.put(Address.fromLong(0x03), new Ripemd160());
        set.put(Address.fromLong(0x04), new Identity());
        set.put(Address.fromLong(0x05), new ModExp(fork)); // EIP-7823 and EIP-7883 from Osaka
        set.put(Address.fromLong(0x06), new Bn254Add());
        set.put(Address.fromLong(0x07), new Bn254Mul());
        set.put(Address.fromLong(0x08), new Bn254Pairing());
        set.put(Address.fromLong(0x09), new Blake2F());
        set.put(Address.fromLong(0x0a), new KzgPointEvaluation()); // EIP-4844, Cancun
        if (fork.isAtLeast(Fork.PRAGUE)) { // EIP-2537
            set.put(Address.fromLong(0x0b), new Bls12G1Add());
            set.put(Address.fromLong(0x0c), new Bls12G1Msm());
            set.put(Address.fromLong(0x0d), new Bls12G2Add());
            set.put(Address.fromLong(0x0e), new Bls12G2Msm());
            set.put(Address.fromLong(0x0f), new Bls12PairingCheck());
            set.put(Address.fromLong(0x10), new Bls12MapFpToG1());
            set.put(Address.fromLong(0x11), new Bls12MapFp2ToG2());
        }
        if (fork.isAtLeast(Fork.OSAKA)) { // EIP-7951
            set.put(Address.fromLong(0x100), new P256Verify());
        }
        return set;
    }
}
