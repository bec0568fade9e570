package io.evmsim.evm.precompile.bls12381;

import io.evmsim.evm.precompile.Precompile;
import supranational.blst.P1_Affine;
import supranational.blst.P2_Affine;
import supranational.blst.PT;

/**
 * BLS12_PAIRING_CHECK at 0x0f (EIP-2537, "ABI for pairing check"): k > 0 slices of a G1 point
 * (128 bytes) and a G2 point (256 bytes), all on their curves and in their subgroups; the output
 * is a 32-byte word, 1 when prod e(P_i, Q_i) = 1 and 0 otherwise. Gas 32600 * k + 37700.
 *
 * <p>The pairing runs in supranational's blst ({@link BlstPoints}): one Miller loop per pair,
 * their product, and one final exponentiation for all of them, about five times faster than
 * field arithmetic on the JVM.
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
        P1_Affine[] g1Points = new P1_Affine[k];
        P2_Affine[] g2Points = new P2_Affine[k];
        // Every point is validated before any pairing work: one bad slice fails the call whatever its position.
        for (int i = 0; i < k; i++) {
            int offset = i * SLICE_LENGTH;
            g1Points[i] = BlstPoints.g1SubgroupPoint(input, offset);
            g2Points[i] = g1Points[i] == null ? null
                    : BlstPoints.g2SubgroupPoint(input, offset + Bls12Group.G1.pointLength);
            if (g2Points[i] == null) {
                return null;
            }
        }
        PT product = null;
        for (int i = 0; i < k; i++) {
            // e(O, Q) = e(P, O) = 1: such a pair does not change the product.
            if (g1Points[i].is_inf() || g2Points[i].is_inf()) {
                continue;
            }
            PT millerLoop = new PT(g1Points[i], g2Points[i]);
            product = product == null ? millerLoop : product.mul(millerLoop);
        }
        byte[] out = new byte[WORD];
        out[WORD - 1] = (byte) (product == null || product.final_exp().is_one() ? 1 : 0);
        return out;
    }
}
