package io.evmsim.evm.precompile.bls12381;

import io.evmsim.evm.precompile.Precompile;

/**
 * BLS12_MAP_FP_TO_G1 and BLS12_MAP_FP2_TO_G2 (EIP-2537, "ABI for mapping Fp element to G1
 * point" and "... Fp2 element to G2 point"): one encoded field element in, its image under the
 * SSWU map with cofactor clearing out.
 */
abstract class MapToCurvePrecompile<F extends FieldElement<F>> implements Precompile {
    private final Bls12Group<F> group;
    private final SimplifiedSwuMap<F> map;
    private final Bls12Group.FieldDecoder<F> decoder;
    private final long gas;

    MapToCurvePrecompile(Bls12Group<F> group, SimplifiedSwuMap<F> map, Bls12Group.FieldDecoder<F> decoder,
            long gas) {
        this.group = group;
        this.map = map;
        this.decoder = decoder;
        this.gas = gas;
    }

    @Override
    public long gasCost(byte[] input) {
        return gas;
    }

    @Override
    public byte[] compute(byte[] input) {
        if (input.length != group.fieldLength) {
            return null;
        }
        F u = decoder.decode(input, 0);
        return u == null ? null : group.encodePoint(map.map(u));
    }
}
