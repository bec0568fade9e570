package io.evmsim.evm.precompile.bls12381;

import java.util.ArrayList;
import java.util.List;

/**
 * sum(s_i * P_i) by Straus' method with 4-bit windows: the doublings are shared by all points and
 * each point adds one precomputed multiple per window, about 256 doublings plus 78 additions per
 * point for 256-bit scalars, instead of 256 doublings per point for separate multiplications.
 */
final class MultiScalarMultiplication {
    private static final int WINDOW_BITS = 4;
    private static final int TABLE_SIZE = 1 << WINDOW_BITS;

    private MultiScalarMultiplication() {
    }

    /**
     * @param scalars big-endian unsigned scalars of equal length, used unreduced as EIP-2537
     *     demands ("Encoding of scalars for multiplication operation")
     */
    static <F extends FieldElement<F>> JacobianPoint<F> compute(
            Bls12Group<F> group, List<JacobianPoint<F>> points, List<byte[]> scalars) {
        List<JacobianPoint<F>[]> tables = new ArrayList<>();
        List<byte[]> activeScalars = new ArrayList<>();
        int scalarLength = 0;
        for (int i = 0; i < points.size(); i++) {
            JacobianPoint<F> point = points.get(i);
            byte[] scalar = scalars.get(i);
            if (point.isInfinity() || isZero(scalar)) {
                continue;
            }
            tables.add(multiplesOf(point));
            activeScalars.add(scalar);
            scalarLength = Math.max(scalarLength, scalar.length);
        }
        JacobianPoint<F> result = group.infinity();
        for (int window = 0; window < 2 * scalarLength; window++) {
            for (int d = 0; d < WINDOW_BITS; d++) {
                result = result.dbl();
            }
            for (int i = 0; i < tables.size(); i++) {
                int digit = nibble(activeScalars.get(i), window, scalarLength);
                if (digit != 0) {
                    result = result.add(tables.get(i)[digit]);
                }
            }
        }
        return result;
    }

    @SuppressWarnings("unchecked")
    private static <F extends FieldElement<F>> JacobianPoint<F>[] multiplesOf(JacobianPoint<F> point) {
        JacobianPoint<F>[] table = new JacobianPoint[TABLE_SIZE];
        table[0] = point.group.infinity();
        table[1] = point;
        for (int d = 2; d < TABLE_SIZE; d++) {
            table[d] = (d % 2 == 0) ? table[d / 2].dbl() : table[d - 1].add(point);
        }
        return table;
    }

    /** The window-th 4-bit digit counted from the most significant end of a right-aligned scalar. */
    private static int nibble(byte[] scalar, int window, int scalarLength) {
        int byteIndex = window / 2 - (scalarLength - scalar.length);
        if (byteIndex < 0) {
            return 0;
        }
        int value = scalar[byteIndex] & 0xFF;
        return (window % 2 == 0) ? value >>> 4 : value & 0x0F;
    }

    private static boolean isZero(byte[] scalar) {
        for (byte b : scalar) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }
}
