package io.evmsim.evm.precompile.bls12381;

import io.evmsim.evm.precompile.Precompile;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * BLS12_G1MSM and BLS12_G2MSM (EIP-2537, "ABI for G1 MSM", "ABI for G2 MSM"): k slices of an
 * encoded point followed by a 32-byte big-endian scalar, k > 0; points must be on the curve and
 * in the subgroup. Gas is k * multiplication_cost * discount(k) / 1000 with the group's discount
 * table, capped at its last entry for k beyond the table ("G1/G2 MSM" gas schedule).
 */
abstract class MultiScalarMultiplicationPrecompile<F extends FieldElement<F>> implements Precompile {
    static final int SCALAR_LENGTH = 32;
    private static final long DISCOUNT_MULTIPLIER = 1000;

    private final Bls12Group<F> group;
    private final long multiplicationCost;
    private final int[] discounts;
    private final int sliceLength;

    /** @param discounts discount(k) for k = 1, 2, ... in order */
    MultiScalarMultiplicationPrecompile(Bls12Group<F> group, long multiplicationCost, int[] discounts) {
        this.group = group;
        this.multiplicationCost = multiplicationCost;
        this.discounts = discounts.clone();
        this.sliceLength = group.pointLength + SCALAR_LENGTH;
    }

    @Override
    public long gasCost(byte[] input) {
        long k = input.length / sliceLength;
        if (k == 0) {
            return 0;
        }
        long discount = discounts[(int) Math.min(k, discounts.length) - 1];
        return k * multiplicationCost * discount / DISCOUNT_MULTIPLIER;
    }

    @Override
    public byte[] compute(byte[] input) {
        if (input.length == 0 || input.length % sliceLength != 0) {
            return null;
        }
        int k = input.length / sliceLength;
        List<JacobianPoint<F>> points = new ArrayList<>(k);
        List<byte[]> scalars = new ArrayList<>(k);
        for (int i = 0; i < k; i++) {
            int offset = i * sliceLength;
            JacobianPoint<F> point = group.decodeSubgroupPoint(input, offset);
            if (point == null) {
                return null;
            }
            points.add(point);
            int scalarOffset = offset + group.pointLength;
            scalars.add(Arrays.copyOfRange(input, scalarOffset, scalarOffset + SCALAR_LENGTH));
        }
        return group.encodePoint(MultiScalarMultiplication.compute(group, points, scalars));
    }
}
