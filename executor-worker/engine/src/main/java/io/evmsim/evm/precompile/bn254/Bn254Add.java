package io.evmsim.evm.precompile.bn254;

import io.evmsim.evm.precompile.Precompile;

/**
 * ECADD at address 0x06 (EIP-196): adds two G1 points given as 128 bytes (x1, y1, x2, y2), each a
 * 32-byte big-endian word; the point at infinity is (0, 0). Short input is zero-padded, extra
 * input ignored. Fails when a coordinate is not below p or a point is not on the curve.
 * Gas 150 since Istanbul (EIP-1108).
 */
public final class Bn254Add implements Precompile {
    static final long GAS = 150;
    private static final int INPUT_LENGTH = 2 * G1.ENCODED;

    @Override
    public long gasCost(byte[] input) {
        return GAS;
    }

    @Override
    public byte[] compute(byte[] input) {
        byte[] in = PaddedInput.of(input, INPUT_LENGTH);
        long[] a = G1.decode(in, 0);
        long[] b = G1.decode(in, G1.ENCODED);
        if (a == null || b == null) {
            return null;
        }
        long[] sum = new long[G1.SIZE];
        G1.add(sum, a, b, new long[G1.SCRATCH]);
        byte[] out = new byte[G1.ENCODED];
        G1.encode(sum, out, 0);
        return out;
    }
}
