package io.evmsim.evm.precompile.bls12381;

import io.evmsim.evm.precompile.Precompile;

/**
 * BLS12_G1ADD and BLS12_G2ADD (EIP-2537, "ABI for G1 addition", "ABI for G2 addition"): two
 * encoded points in, their sum out. Points must be on the curve but, as the EIP states, there is
 * no subgroup check.
 */
abstract class PointAddition<F extends FieldElement<F>> implements Precompile {
    private final Bls12Group<F> group;
    private final long gas;

    PointAddition(Bls12Group<F> group, long gas) {
        this.group = group;
        this.gas = gas;
    }

    @Override
    public long gasCost(byte[] input) {
        return gas;
    }

    @Override
    public byte[] compute(byte[] input) {
        if (input.length != 2 * group.pointLength) {
            return null;
        }
        JacobianPoint<F> first = group.decodePoint(input, 0);
        if (first == null) {
            return null;
        }
        JacobianPoint<F> second = group.decodePoint(input, group.pointLength);
        if (second == null) {
            return null;
        }
        return group.encodePoint(first.add(second));
    }
}
