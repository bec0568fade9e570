package io.evmsim.evm.precompile.bn254;

import java.math.BigInteger;

/**
 * F_p12 = F_p6[w]/(w^2 − v), where pairing values live (EIP-197). An element is 48 limbs at an
 * offset: g + h·w with g, h in {@link Fp6}. Seen over F_p2 it is Σ c_j·w^j (j = 0..5) with
 * c0 = g0, c1 = h0, c2 = g1, c3 = h1, c4 = g2, c5 = h2, since w^2 = v and w^6 = ξ.
 * Outputs may alias inputs.
 */
final class Fp12 {
    static final int SIZE = 48;
    private static final int G = 0;
    private static final int H = 24;

    /** Offsets of the F_p2 coefficient of w^j, j = 0..5. */
    private static final int[] W_POWER_OFFSET = {0, 24, 8, 32, 16, 40};

    /**
     * FROBENIUS[k][j] = ξ^(j·(p^k − 1)/6): raising to p^k maps c_j·w^j to conj^k(c_j)·w^j·that,
     * because w^(p^k) = w·(w^6)^((p^k − 1)/6). Computed once rather than transcribed.
     */
    private static final long[][][] FROBENIUS = new long[4][6][];

    static {
        BigInteger p = Fp.MODULUS;
        for (int k = 1; k <= 3; k++) {
            BigInteger step = p.pow(k).subtract(BigInteger.ONE).divide(BigInteger.valueOf(6));
            for (int j = 0; j < 6; j++) {
                long[] c = new long[Fp2.SIZE];
                Fp2.pow(c, 0, Fp2.XI, 0, step.multiply(BigInteger.valueOf(j)));
                FROBENIUS[k][j] = c;
            }
        }
    }

    private Fp12() {
    }

    static long[] one() {
        long[] r = new long[SIZE];
        Fp2.setOne(r, 0);
        return r;
    }

    static void set(long[] r, int ro, long[] a, int ao) {
        System.arraycopy(a, ao, r, ro, SIZE);
    }

    static boolean isOne(long[] a, int ao) {
        if (!Fp2.equal(a, ao, Fp2.ONE, 0)) {
            return false;
        }
        for (int i = Fp2.SIZE; i < SIZE; i++) {
            if (a[ao + i] != 0) {
                return false;
            }
        }
        return true;
    }

    static boolean equal(long[] a, int ao, long[] b, int bo) {
        return Fp6.equal(a, ao, b, bo) && Fp6.equal(a, ao + H, b, bo + H);
    }

    /** Karatsuba over F_p6: (g + hw)(g' + h'w) = (gg' + v·hh') + ((g + h)(g' + h') − gg' − hh')w. */
    static void mul(long[] r, int ro, long[] a, int ao, long[] b, int bo) {
        long[] t = new long[4 * Fp6.SIZE];
        final int gg = 0, hh = 24, s = 48, u = 72;
        Fp6.mul(t, gg, a, ao + G, b, bo + G);
        Fp6.mul(t, hh, a, ao + H, b, bo + H);
        Fp6.add(t, s, a, ao + G, a, ao + H);
        Fp6.add(t, u, b, bo + G, b, bo + H);
        Fp6.mul(t, s, t, s, t, u);
        Fp6.sub(t, s, t, s, t, gg);
        Fp6.sub(r, ro + H, t, s, t, hh);
        Fp6.mulByV(t, hh, t, hh);
        Fp6.add(r, ro + G, t, gg, t, hh);
    }

    /** Complex squaring: with m = g·h, (g + hw)^2 = ((g + h)(g + v·h) − m − v·m) + 2m·w. */
    static void sqr(long[] r, int ro, long[] a, int ao) {
        long[] t = new long[3 * Fp6.SIZE];
        final int m = 0, s = 24, u = 48;
        Fp6.mul(t, m, a, ao + G, a, ao + H);
        Fp6.add(t, s, a, ao + G, a, ao + H);
        Fp6.mulByV(t, u, a, ao + H);
        Fp6.add(t, u, t, u, a, ao + G);
        Fp6.mul(t, s, t, s, t, u);
        Fp6.sub(t, s, t, s, t, m);
        Fp6.mulByV(t, u, t, m);
        Fp6.sub(r, ro + G, t, s, t, u);
        Fp6.add(r, ro + H, t, m, t, m);
    }

    /**
     * Squaring in the cyclotomic subgroup (elements with a^(p^6 + 1) = 1, as after the easy part of
     * the final exponentiation): Granger and Scott, "Faster squaring in the cyclotomic subgroup of
     * sixth degree extensions" (PKC 2010). F_p12 is viewed as three F_p4 = F_p2[y]/(y^2 − ξ)
     * elements (g0, h1), (h0, g2), (g1, h2); each is squared with three F_p2 squarings and the
     * results recombined linearly: 9 F_p2 squarings instead of the 12 multiplications of sqr.
     */
    static void cyclotomicSqr(long[] r, int ro, long[] a, int ao) {
        long[] t = new long[8 * Fp2.SIZE];
        final int t0 = 0, t1 = 8, t2 = 16, t3 = 24, t4 = 32, t5 = 40, x = 48, y = 56;
        final int g0 = G, g1 = G + 8, g2 = G + 16, h0 = H, h1 = H + 8, h2 = H + 16;
        fp4Square(t, t0, t1, a, ao + g0, ao + h1, x, y);
        fp4Square(t, t2, t3, a, ao + h0, ao + g2, x, y);
        fp4Square(t, t4, t5, a, ao + g1, ao + h2, x, y);
        // g0 = 3·t0 − 2·g0
        threeTMinusTwoZ(r, ro + g0, t, t0, a, ao + g0, t, x);
        // h1 = 3·t1 + 2·h1
        threeTPlusTwoZ(r, ro + h1, t, t1, a, ao + h1, t, x);
        // h0 = 3·ξ·t5 + 2·h0
        Fp2.mulByXi(t, y, t, t5);
        threeTPlusTwoZ(r, ro + h0, t, y, a, ao + h0, t, x);
        // g2 = 3·t4 − 2·g2
        threeTMinusTwoZ(r, ro + g2, t, t4, a, ao + g2, t, x);
        // g1 = 3·t2 − 2·g1
        threeTMinusTwoZ(r, ro + g1, t, t2, a, ao + g1, t, x);
        // h2 = 3·t3 + 2·h2
        threeTPlusTwoZ(r, ro + h2, t, t3, a, ao + h2, t, x);
    }

    /** (z0 + z1·y)^2 in F_p4 with y^2 = ξ: lo = z0^2 + ξ·z1^2, hi = (z0 + z1)^2 − z0^2 − z1^2. */
    private static void fp4Square(long[] t, int lo, int hi, long[] a, int z0, int z1, int x, int y) {
        Fp2.sqr(t, x, a, z0);
        Fp2.sqr(t, y, a, z1);
        Fp2.add(t, hi, a, z0, a, z1);
        Fp2.sqr(t, hi, t, hi);
        Fp2.sub(t, hi, t, hi, t, x);
        Fp2.sub(t, hi, t, hi, t, y);
        Fp2.mulByXi(t, lo, t, y);
        Fp2.add(t, lo, t, lo, t, x);
    }

    /** r = 3t − 2z = 2(t − z) + t, using s as scratch. */
    private static void threeTMinusTwoZ(long[] r, int ro, long[] t, int to, long[] z, int zo, long[] s, int so) {
        Fp2.sub(s, so, t, to, z, zo);
        Fp2.dbl(s, so, s, so);
        Fp2.add(r, ro, s, so, t, to);
    }

    /** r = 3t + 2z = 2(t + z) + t, using s as scratch. */
    private static void threeTPlusTwoZ(long[] r, int ro, long[] t, int to, long[] z, int zo, long[] s, int so) {
        Fp2.add(s, so, t, to, z, zo);
        Fp2.dbl(s, so, s, so);
        Fp2.add(r, ro, s, so, t, to);
    }

    /** g − h·w, which is a^(p^6); on the cyclotomic subgroup (after the easy part) the inverse. */
    static void conj(long[] r, int ro, long[] a, int ao) {
        Fp6.set(r, ro + G, a, ao + G);
        Fp6.neg(r, ro + H, a, ao + H);
    }

    /** a^-1 = (g − h·w)/(g^2 − v·h^2). */
    static void inv(long[] r, int ro, long[] a, int ao) {
        long[] t = new long[2 * Fp6.SIZE];
        Fp6.sqr(t, 0, a, ao + G);
        Fp6.sqr(t, 24, a, ao + H);
        Fp6.mulByV(t, 24, t, 24);
        Fp6.sub(t, 0, t, 0, t, 24);
        Fp6.inv(t, 0, t, 0);
        Fp6.mul(r, ro + G, a, ao + G, t, 0);
        Fp6.mul(t, 24, a, ao + H, t, 0);
        Fp6.neg(r, ro + H, t, 24);
    }

    /** r = a^(p^k) for k = 1, 2, 3. */
    static void frobenius(long[] r, int ro, long[] a, int ao, int k) {
        long[][] coefficients = FROBENIUS[k];
        for (int j = 0; j < 6; j++) {
            int off = W_POWER_OFFSET[j];
            if ((k & 1) == 1) {
                Fp2.conj(r, ro + off, a, ao + off);
                Fp2.mul(r, ro + off, r, ro + off, coefficients[j], 0);
            } else {
                Fp2.mul(r, ro + off, a, ao + off, coefficients[j], 0);
            }
        }
    }

    /**
     * f = f·(c0 + d0·w + d1·w^3), the sparse product with a line of the D-type twist, whose only
     * non-zero coefficients sit at w^0, w^1 and w^3 (g0, h0 and h1). 13 F_p2 multiplications
     * instead of the 18 of a full product.
     */
    static void mulBy034(long[] f, int fo, long[] c0, int c0o, long[] d0, int d0o, long[] d1, int d1o) {
        long[] t = new long[3 * Fp6.SIZE + 2 * Fp2.SIZE];
        final int a = 0, b = 24, e = 48, x = 72, y = 80;
        // a = g·c0
        Fp6.mulByFp2(t, a, f, fo + G, c0, c0o);
        // b = h·(d0 + d1·v)
        Fp6.mulBy01(t, b, f, fo + H, d0, d0o, d1, d1o);
        // e = (g + h)·((c0 + d0) + d1·v)
        Fp2.add(t, x, c0, c0o, d0, d0o);
        Fp2.set(t, y, d1, d1o);
        Fp6.add(t, e, f, fo + G, f, fo + H);
        Fp6.mulBy01(t, e, t, e, t, x, t, y);
        // h' = e − a − b, g' = a + v·b
        Fp6.sub(t, e, t, e, t, a);
        Fp6.sub(f, fo + H, t, e, t, b);
        Fp6.mulByV(t, b, t, b);
        Fp6.add(f, fo + G, t, a, t, b);
    }
}
