package io.evmsim.evm.precompile.bls12381;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * sum(s_i * P_i), by whichever of two methods needs fewer point additions for the number of
 * points. Straus with 4-bit windows shares the doublings among all points and adds one
 * precomputed multiple per window: about 78 operations per point for 256-bit scalars. Pippenger's
 * bucket method sorts the points of each c-bit window into 2^c - 1 buckets and sums them with
 * running sums: about (256 / c)(1 + 2^(c+1) / k) operations per point, fewer once k passes ~128.
 */
final class MultiScalarMultiplication {
    private static final int STRAUS_WINDOW_BITS = 4;
    private static final int STRAUS_TABLE_SIZE = 1 << STRAUS_WINDOW_BITS;
    /** Table building (7 doublings, 7 additions) plus one addition per 4-bit window of 256 bits. */
    private static final int STRAUS_OPERATIONS_PER_POINT = 14 + 64;
    private static final int MAX_BUCKET_BITS = 16;

    private MultiScalarMultiplication() {
    }

    /**
     * @param scalars big-endian unsigned scalars, used unreduced as EIP-2537 demands ("Encoding
     *     of scalars for multiplication operation")
     */
    static <F extends FieldElement<F>> JacobianPoint<F> compute(
            Bls12Group<F> group, List<JacobianPoint<F>> points, List<byte[]> scalars) {
        List<JacobianPoint<F>> activePoints = new ArrayList<>();
        List<byte[]> activeScalars = new ArrayList<>();
        int scalarLength = 0;
        for (int i = 0; i < points.size(); i++) {
            if (points.get(i).isInfinity() || isZero(scalars.get(i))) {
                continue;
            }
            activePoints.add(points.get(i));
            activeScalars.add(scalars.get(i));
            scalarLength = Math.max(scalarLength, scalars.get(i).length);
        }
        int k = activePoints.size();
        int scalarBits = 8 * scalarLength;
        int bucketBits = bestBucketBits(k, scalarBits);
        if (pippengerOperations(k, scalarBits, bucketBits) < (long) STRAUS_OPERATIONS_PER_POINT * k) {
            return pippenger(group, activePoints, activeScalars, scalarBits, bucketBits);
        }
        return straus(group, activePoints, activeScalars, scalarLength);
    }

    static <F extends FieldElement<F>> JacobianPoint<F> straus(
            Bls12Group<F> group, List<JacobianPoint<F>> points, List<byte[]> scalars, int scalarLength) {
        List<JacobianPoint<F>[]> tables = new ArrayList<>();
        for (JacobianPoint<F> point : points) {
            tables.add(multiplesOf(point));
        }
        JacobianPoint<F> result = group.infinity();
        for (int window = 0; window < 2 * scalarLength; window++) {
            for (int d = 0; d < STRAUS_WINDOW_BITS; d++) {
                result = result.dbl();
            }
            for (int i = 0; i < tables.size(); i++) {
                int digit = bits(scalars.get(i), 4 * (2 * scalarLength - 1 - window), STRAUS_WINDOW_BITS);
                if (digit != 0) {
                    result = result.add(tables.get(i)[digit]);
                }
            }
        }
        return result;
    }

    /** Pippenger's bucket method with c-bit windows, the most significant window first. */
    @SuppressWarnings("unchecked")
    static <F extends FieldElement<F>> JacobianPoint<F> pippenger(
            Bls12Group<F> group, List<JacobianPoint<F>> points, List<byte[]> scalars, int scalarBits, int c) {
        int windows = (scalarBits + c - 1) / c;
        JacobianPoint<F> result = group.infinity();
        JacobianPoint<F>[] buckets = new JacobianPoint[(1 << c) - 1];
        for (int window = windows - 1; window >= 0; window--) {
            for (int d = 0; d < c; d++) {
                result = result.dbl();
            }
            Arrays.fill(buckets, null);
            for (int i = 0; i < points.size(); i++) {
                int digit = bits(scalars.get(i), window * c, c);
                if (digit != 0) {
                    JacobianPoint<F> bucket = buckets[digit - 1];
                    buckets[digit - 1] = bucket == null ? points.get(i) : bucket.add(points.get(i));
                }
            }
            // sum d * B_d = sum over d of (B_top + ... + B_d): each running sum is added once.
            JacobianPoint<F> running = group.infinity();
            JacobianPoint<F> windowSum = group.infinity();
            for (int d = buckets.length; d >= 1; d--) {
                if (buckets[d - 1] != null) {
                    running = running.add(buckets[d - 1]);
                }
                windowSum = windowSum.add(running);
            }
            result = result.add(windowSum);
        }
        return result;
    }

    private static int bestBucketBits(int k, int scalarBits) {
        int best = 1;
        for (int c = 2; c <= MAX_BUCKET_BITS; c++) {
            if (pippengerOperations(k, scalarBits, c) < pippengerOperations(k, scalarBits, best)) {
                best = c;
            }
        }
        return best;
    }

    /** Per window: k bucket additions, two per bucket for the running sums, c doublings. */
    private static long pippengerOperations(int k, int scalarBits, int c) {
        long windows = (scalarBits + c - 1) / c;
        return windows * (k + 2L * ((1 << c) - 1) + c);
    }

    @SuppressWarnings("unchecked")
    private static <F extends FieldElement<F>> JacobianPoint<F>[] multiplesOf(JacobianPoint<F> point) {
        JacobianPoint<F>[] table = new JacobianPoint[STRAUS_TABLE_SIZE];
        table[0] = point.group.infinity();
        table[1] = point;
        for (int d = 2; d < STRAUS_TABLE_SIZE; d++) {
            table[d] = (d % 2 == 0) ? table[d / 2].dbl() : table[d - 1].add(point);
        }
        return table;
    }

    /** Bits [from, from + count) of a big-endian unsigned scalar, bit 0 least significant; zero beyond its end. */
    private static int bits(byte[] scalar, int from, int count) {
        int value = 0;
        for (int bit = from + count - 1; bit >= from; bit--) {
            int byteIndex = scalar.length - 1 - (bit >>> 3);
            int b = byteIndex >= 0 ? (scalar[byteIndex] >>> (bit & 7)) & 1 : 0;
            value = (value << 1) | b;
        }
        return value;
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
