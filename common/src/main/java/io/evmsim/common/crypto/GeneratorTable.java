package io.evmsim.common.crypto;

import static io.evmsim.common.crypto.Secp256k1Field.invert;
import static io.evmsim.common.crypto.Secp256k1Field.mul;
import static io.evmsim.common.crypto.Secp256k1Field.square;

/**
 * The odd multiples 1G, 3G, ..., (2^(w-1) - 1)G of the generator and of H = 2^128 G, in affine
 * coordinates, for width-w NAF multiplication by a scalar split as lo + hi * 2^128: 128 doublings
 * serve both halves. Built once (a few milliseconds) with one field inversion for all entries.
 */
final class GeneratorTable {
    /** Window width for the fixed base; 2 * 2^(w-2) entries of 64 bytes (128 KiB for w = 12). */
    static final int WIDTH = 12;
    static final long[] GX = Secp256k1Field.of(
            0x59F2815B16F81798L, 0x029BFCDB2DCE28D9L, 0x55A06295CE870B07L, 0x79BE667EF9DCBBACL);
    static final long[] GY = Secp256k1Field.of(
            0x9C47D08FFB10D4B8L, 0xFD17B448A6855419L, 0x5DA4FBFC0E1108A8L, 0x483ADA7726A3C465L);

    /** xs[i], ys[i]: the affine coordinates of (2i + 1) G. */
    static final long[][] G_XS;
    static final long[][] G_YS;
    /** The same for H = 2^128 G. */
    static final long[][] H_XS;
    static final long[][] H_YS;

    static {
        int size = 1 << (WIDTH - 2);
        JacobianPoint g = JacobianPoint.ofAffine(GX, GY);
        JacobianPoint h = JacobianPoint.ofAffine(GX, GY);
        for (int i = 0; i < 128; i++) {
            h.doubleInPlace();
        }
        G_XS = new long[size][];
        G_YS = new long[size][];
        H_XS = new long[size][];
        H_YS = new long[size][];
        toAffine(oddMultiples(g, size), G_XS, G_YS);
        toAffine(oddMultiples(h, size), H_XS, H_YS);
    }

    private GeneratorTable() {
    }

    /** P, 3P, 5P, ... (count of them) in Jacobian coordinates. */
    static JacobianPoint[] oddMultiples(JacobianPoint p, int count) {
        JacobianPoint twice = new JacobianPoint();
        twice.copyFrom(p, false);
        twice.doubleInPlace();
        JacobianPoint[] multiples = new JacobianPoint[count];
        multiples[0] = new JacobianPoint();
        multiples[0].copyFrom(p, false);
        for (int i = 1; i < count; i++) {
            multiples[i] = new JacobianPoint();
            multiples[i].copyFrom(multiples[i - 1], false);
            multiples[i].addPoint(twice, false);
        }
        return multiples;
    }

    /** Montgomery's trick: one inversion of the product of all Z, then each 1/Z from prefix products. */
    static void toAffine(JacobianPoint[] points, long[][] xs, long[][] ys) {
        int count = points.length;
        long[][] prefix = new long[count][4];
        Secp256k1Field.set(prefix[0], points[0].z);
        for (int i = 1; i < count; i++) {
            mul(prefix[i], prefix[i - 1], points[i].z);
        }
        long[] inverse = new long[4];
        invert(inverse, prefix[count - 1]);
        long[] zInverse = new long[4];
        long[] zInverse2 = new long[4];
        for (int i = count - 1; i >= 0; i--) {
            if (i > 0) {
                mul(zInverse, inverse, prefix[i - 1]);
                mul(inverse, inverse, points[i].z);
            } else {
                Secp256k1Field.set(zInverse, inverse);
            }
            square(zInverse2, zInverse);
            xs[i] = new long[4];
            ys[i] = new long[4];
            mul(xs[i], points[i].x, zInverse2);
            mul(ys[i], points[i].y, zInverse2);
            mul(ys[i], ys[i], zInverse);
        }
    }
}
