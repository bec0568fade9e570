package io.evmsim.evm.precompile.bn254;

import io.evmsim.evm.precompile.Precompile;

/**
 * ECMUL at address 0x07 (EIP-196): multiplies a G1 point (x, y) by a 256-bit scalar s, given as
 * 96 bytes (x, y, s) of 32-byte big-endian words. The scalar is used as is, not required to be
 * below the group order. Short input is zero-padded, extra input ignored. Fails when a coordinate
 * is not below p or the point is not on the curve. Gas 6000 since Istanbul (EIP-1108).
 */
public final class Bn254Mul implements Precompile {
    static final long GAS = 6000;
    private static final int INPUT_LENGTH = G1.ENCODED + 32;

    @Override
    public long gasCost(byte[] input) {
        return GAS;
    }

    @Override
    public byte[] compute(byte[] input) {
        byte[] in = PaddedInput.of(input, INPUT_LENGTH);
        long[] point = G1.decode(in, 0);
        if (point == null) {
            return null;
        }
        long[] product = G1.mul(point, in, G1.ENCODED);
        byte[] out = new byte[G1.ENCODED];
        G1.encode(product, out, 0);
        return out;
    }
}
