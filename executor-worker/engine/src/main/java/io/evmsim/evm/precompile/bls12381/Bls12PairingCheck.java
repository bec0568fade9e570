package io.evmsim.evm.precompile.bls12381;

import io.evmsim.evm.precompile.Precompile;
import java.util.ArrayList;
import java.util.List;

/**
 * BLS12_PAIRING_CHECK at 0x0f (EIP-2537, "ABI for pairing check"): k > 0 slices of a G1 point
 * (128 bytes) and a G2 point (256 bytes), all on their curves and in their subgroups; the output
 * is a 32-byte word, 1 when prod e(P_i, Q_i) = 1 and 0 otherwise. Gas 32600 * k + 37700.
 */
public final class Bls12PairingCheck implements Precompile {
    public static final long PER_PAIR_GAS = 32600;
    public static final long BASE_GAS = 37700;

    private static final int SLICE_LENGTH = Bls12Group.G1.pointLength + Bls12Group.G2.pointLength;
    private static final int WORD = 32;

    @Override
    public long gasCost(byte[] input) {
        return PER_PAIR_GAS * (input.length / SLICE_LENGTH) + BASE_GAS;
    }

    @Override
    public byte[] compute(byte[] input) {
        if (input.length == 0 || input.length % SLICE_LENGTH != 0) {
            return null;
        }
        int k = input.length / SLICE_LENGTH;
        List<JacobianPoint<Fp>> g1Points = new ArrayList<>(k);
        List<JacobianPoint<Fp2>> g2Points = new ArrayList<>(k);
        for (int i = 0; i < k; i++) {
            int offset = i * SLICE_LENGTH;
            JacobianPoint<Fp> p = Bls12Group.G1.decodeSubgroupPoint(input, offset);
            if (p == null) {
                return null;
            }
            JacobianPoint<Fp2> q = Bls12Group.G2.decodeSubgroupPoint(input, offset + Bls12Group.G1.pointLength);
            if (q == null) {
                return null;
            }
            g1Points.add(p);
            g2Points.add(q);
        }
        byte[] out = new byte[WORD];
        out[WORD - 1] = (byte) (OptimalAtePairing.isProductOne(g1Points, g2Points) ? 1 : 0);
        return out;
    }
}
