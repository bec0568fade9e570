package io.evmsim.evm.precompile.bn254;

import io.evmsim.evm.precompile.Precompile;
import java.util.ArrayList;
import java.util.List;

/**
 * ECPAIRING at address 0x08 (EIP-197): checks Π e(P_k, Q_k) = 1 over k pairs of 192 bytes each,
 * a G1 point (x, y) then a G2 point (x_im, x_re, y_im, y_re), all 32-byte big-endian words.
 * Returns a 32-byte word 1 or 0; empty input returns 1. Fails when the length is not a multiple
 * of 192, a word is not below p, a point is not on its curve, or a G2 point is outside the order-r
 * subgroup. Gas 45000 + 34000·k since Istanbul (EIP-1108).
 */
public final class Bn254Pairing implements Precompile {
    static final long BASE_GAS = 45_000;
    static final long PAIR_GAS = 34_000;
    static final int PAIR_LENGTH = G1.ENCODED + G2.ENCODED;

    @Override
    public long gasCost(byte[] input) {
        return BASE_GAS + PAIR_GAS * (input.length / PAIR_LENGTH);
    }

    @Override
    public byte[] compute(byte[] input) {
        if (input.length % PAIR_LENGTH != 0) {
            return null;
        }
        int pairs = input.length / PAIR_LENGTH;
        List<long[]> ps = new ArrayList<>(pairs);
        List<long[]> qs = new ArrayList<>(pairs);
        for (int k = 0; k < pairs; k++) {
            int offset = k * PAIR_LENGTH;
            long[] p = G1.decode(input, offset);
            long[] q = p == null ? null : G2.decode(input, offset + G1.ENCODED);
            if (p == null || q == null) {
                return null;
            }
            // a pair with a point at infinity contributes e = 1; it still had to be valid
            if (!G1.isInfinity(p) && !G2.isInfinity(q)) {
                ps.add(java.util.Arrays.copyOf(p, 8)); // decoded points are affine (Z = 1)
                qs.add(java.util.Arrays.copyOf(q, 16));
            }
        }
        long[] product = Pairing.product(ps.toArray(long[][]::new), qs.toArray(long[][]::new));
        byte[] out = new byte[32];
        out[31] = (byte) (Fp12.isOne(product, 0) ? 1 : 0);
        return out;
    }
}
