package io.evmsim.evm.precompile.bls12381;

import supranational.blst.P1_Affine;
import supranational.blst.P2_Affine;

/**
 * EIP-2537 points handed to supranational's blst (the {@code tech.pegasys:jblst} JNI binding).
 * Field elements are checked here with {@link Fp#decode} (zero padding, below p) and re-encoded in
 * blst's uncompressed form (48 bytes per Fp, an Fp2 as c1 then c0, the three top bits of the first
 * byte as flags, 0x40 marking infinity); blst then checks that the point is on its curve, and
 * {@code in_group} that it is in the order-q subgroup.
 */
final class BlstPoints {
    private static final int FP_BYTES = 48;
    private static final int PADDING = Fp.ENCODED_LENGTH - FP_BYTES;
    private static final byte INFINITY_FLAG = 0x40;

    private BlstPoints() {
    }

    /** The G1 point at {@code offset}, or null when it is badly encoded, off the curve or outside G1. */
    static P1_Affine g1SubgroupPoint(byte[] in, int offset) {
        byte[] encoded = new byte[2 * FP_BYTES];
        if (!copyFp(in, offset, encoded, 0) || !copyFp(in, offset + Fp.ENCODED_LENGTH, encoded, FP_BYTES)) {
            return null;
        }
        markInfinity(encoded);
        try {
            P1_Affine point = new P1_Affine(encoded);
            return point.in_group() ? point : null;
        } catch (RuntimeException notOnCurve) {
            return null;
        }
    }

    /** The G2 point at {@code offset}, or null when it is badly encoded, off the curve or outside G2. */
    static P2_Affine g2SubgroupPoint(byte[] in, int offset) {
        byte[] encoded = new byte[4 * FP_BYTES];
        int fp = Fp.ENCODED_LENGTH;
        if (!copyFp(in, offset, encoded, FP_BYTES) || !copyFp(in, offset + fp, encoded, 0)
                || !copyFp(in, offset + 2 * fp, encoded, 3 * FP_BYTES) || !copyFp(in, offset + 3 * fp, encoded, 2 * FP_BYTES)) {
            return null;
        }
        markInfinity(encoded);
        try {
            P2_Affine point = new P2_Affine(encoded);
            return point.in_group() ? point : null;
        } catch (RuntimeException notOnCurve) {
            return null;
        }
    }

    private static boolean copyFp(byte[] in, int offset, byte[] out, int outOffset) {
        if (Fp.decode(in, offset) == null) {
            return false;
        }
        System.arraycopy(in, offset + PADDING, out, outOffset, FP_BYTES);
        return true;
    }

    /** All-zero coordinates are EIP-2537's point at infinity, which blst spells with a flag. */
    private static void markInfinity(byte[] encoded) {
        for (byte b : encoded) {
            if (b != 0) {
                return;
            }
        }
        encoded[0] = INFINITY_FLAG;
    }
}
