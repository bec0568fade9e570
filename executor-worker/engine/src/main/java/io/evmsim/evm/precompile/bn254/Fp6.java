package io.evmsim.evm.precompile.bn254;

/**
 * F_p6 = F_p2[v]/(v^3 − ξ) with ξ = 9 + i (EIP-197 tower). An element is 24 limbs at an offset:
 * c0 + c1·v + c2·v^2, each coefficient an {@link Fp2} element. Outputs may alias inputs: results
 * are assembled in a scratch array and copied out at the end.
 */
final class Fp6 {
    static final int SIZE = 24;
    private static final int C0 = 0;
    private static final int C1 = 8;
    private static final int C2 = 16;

    private Fp6() {
    }

    static void set(long[] r, int ro, long[] a, int ao) {
        System.arraycopy(a, ao, r, ro, SIZE);
    }

    static void setZero(long[] r, int ro) {
        java.util.Arrays.fill(r, ro, ro + SIZE, 0L);
    }

    static void setOne(long[] r, int ro) {
        setZero(r, ro);
        Fp2.setOne(r, ro);
    }

    static boolean equal(long[] a, int ao, long[] b, int bo) {
        for (int i = 0; i < SIZE; i++) {
            if (a[ao + i] != b[bo + i]) {
                return false;
            }
        }
        return true;
    }

    static void add(long[] r, int ro, long[] a, int ao, long[] b, int bo) {
        Fp2.add(r, ro + C0, a, ao + C0, b, bo + C0);
        Fp2.add(r, ro + C1, a, ao + C1, b, bo + C1);
        Fp2.add(r, ro + C2, a, ao + C2, b, bo + C2);
    }

    static void sub(long[] r, int ro, long[] a, int ao, long[] b, int bo) {
        Fp2.sub(r, ro + C0, a, ao + C0, b, bo + C0);
        Fp2.sub(r, ro + C1, a, ao + C1, b, bo + C1);
        Fp2.sub(r, ro + C2, a, ao + C2, b, bo + C2);
    }

    static void neg(long[] r, int ro, long[] a, int ao) {
        Fp2.neg(r, ro + C0, a, ao + C0);
        Fp2.neg(r, ro + C1, a, ao + C1);
        Fp2.neg(r, ro + C2, a, ao + C2);
    }

    /**
     * Karatsuba-style product (Devegili, Ó hÉigeartaigh, Scott, Dahab 2006, "Multiplication and
     * squaring on pairing-friendly fields"): 6 F_p2 multiplications instead of 9.
     */
    static void mul(long[] r, int ro, long[] a, int ao, long[] b, int bo) {
        long[] t = new long[6 * Fp2.SIZE];
        final int v0 = 0, v1 = 8, v2 = 16, s = 24, u = 32, out = 40;
        Fp2.mul(t, v0, a, ao + C0, b, bo + C0);
        Fp2.mul(t, v1, a, ao + C1, b, bo + C1);
        Fp2.mul(t, v2, a, ao + C2, b, bo + C2);
        long[] res = new long[SIZE];
        // c0 = ξ((a1 + a2)(b1 + b2) − v1 − v2) + v0
        Fp2.add(t, s, a, ao + C1, a, ao + C2);
        Fp2.add(t, u, b, bo + C1, b, bo + C2);
        Fp2.mul(t, s, t, s, t, u);
        Fp2.sub(t, s, t, s, t, v1);
        Fp2.sub(t, s, t, s, t, v2);
        Fp2.mulByXi(t, s, t, s);
        Fp2.add(res, C0, t, s, t, v0);
        // c1 = (a0 + a1)(b0 + b1) − v0 − v1 + ξ·v2
        Fp2.add(t, s, a, ao + C0, a, ao + C1);
        Fp2.add(t, u, b, bo + C0, b, bo + C1);
        Fp2.mul(t, s, t, s, t, u);
        Fp2.sub(t, s, t, s, t, v0);
        Fp2.sub(t, s, t, s, t, v1);
        Fp2.mulByXi(t, out, t, v2);
        Fp2.add(res, C1, t, s, t, out);
        // c2 = (a0 + a2)(b0 + b2) − v0 − v2 + v1
        Fp2.add(t, s, a, ao + C0, a, ao + C2);
        Fp2.add(t, u, b, bo + C0, b, bo + C2);
        Fp2.mul(t, s, t, s, t, u);
        Fp2.sub(t, s, t, s, t, v0);
        Fp2.sub(t, s, t, s, t, v2);
        Fp2.add(res, C2, t, s, t, v1);
        set(r, ro, res, 0);
    }

    /**
     * CH-SQR2 of Chung and Hasan, "Asymmetric squaring formulae" (ARITH 2007): with s0 = a0^2,
     * s1 = 2a0a1, s2 = (a0 − a1 + a2)^2, s3 = 2a1a2, s4 = a2^2, the square is
     * (s0 + ξs3) + (s1 + ξs4)v + (s1 + s2 + s3 − s0 − s4)v^2: three squarings, two products.
     */
    static void sqr(long[] r, int ro, long[] a, int ao) {
        long[] t = new long[5 * Fp2.SIZE + SIZE];
        final int s0 = 0, s1 = 8, s2 = 16, s3 = 24, s4 = 32, res = 40;
        Fp2.sqr(t, s0, a, ao + C0);
        Fp2.mul(t, s1, a, ao + C0, a, ao + C1);
        Fp2.dbl(t, s1, t, s1);
        Fp2.sub(t, s2, a, ao + C0, a, ao + C1);
        Fp2.add(t, s2, t, s2, a, ao + C2);
        Fp2.sqr(t, s2, t, s2);
        Fp2.mul(t, s3, a, ao + C1, a, ao + C2);
        Fp2.dbl(t, s3, t, s3);
        Fp2.sqr(t, s4, a, ao + C2);
        Fp2.mulByXi(t, res + C0, t, s3);
        Fp2.add(t, res + C0, t, res + C0, t, s0);
        Fp2.mulByXi(t, res + C1, t, s4);
        Fp2.add(t, res + C1, t, res + C1, t, s1);
        Fp2.add(t, res + C2, t, s1, t, s2);
        Fp2.add(t, res + C2, t, res + C2, t, s3);
        Fp2.sub(t, res + C2, t, res + C2, t, s0);
        Fp2.sub(t, res + C2, t, res + C2, t, s4);
        set(r, ro, t, res);
    }

    /** r = a·v = ξ·c2 + c0·v + c1·v^2, the F_p6 non-residue that builds F_p12 (w^2 = v). */
    static void mulByV(long[] r, int ro, long[] a, int ao) {
        long[] t = new long[Fp2.SIZE];
        Fp2.mulByXi(t, 0, a, ao + C2);
        Fp2.set(r, ro + C2, a, ao + C1);
        Fp2.set(r, ro + C1, a, ao + C0);
        Fp2.set(r, ro + C0, t, 0);
    }

    /**
     * r = a·(b0 + b1·v), the sparse product used by line multiplication: five F_p2 products.
     * c0 = a0b0 + ξ·a2b1, c1 = a0b1 + a1b0, c2 = a1b1 + a2b0.
     */
    static void mulBy01(long[] r, int ro, long[] a, int ao, long[] b0, int b0o, long[] b1, int b1o) {
        long[] t = new long[4 * Fp2.SIZE + SIZE];
        final int v0 = 0, v1 = 8, s = 16, u = 24, res = 32;
        Fp2.mul(t, v0, a, ao + C0, b0, b0o);
        Fp2.mul(t, v1, a, ao + C1, b1, b1o);
        // c0 = ξ·((a1 + a2)·b1 − v1) + v0
        Fp2.add(t, s, a, ao + C1, a, ao + C2);
        Fp2.mul(t, s, t, s, b1, b1o);
        Fp2.sub(t, s, t, s, t, v1);
        Fp2.mulByXi(t, s, t, s);
        Fp2.add(t, res + C0, t, s, t, v0);
        // c1 = (a0 + a1)(b0 + b1) − v0 − v1
        Fp2.add(t, s, a, ao + C0, a, ao + C1);
        Fp2.add(t, u, b0, b0o, b1, b1o);
        Fp2.mul(t, s, t, s, t, u);
        Fp2.sub(t, s, t, s, t, v0);
        Fp2.sub(t, res + C1, t, s, t, v1);
        // c2 = (a0 + a2)·b0 − v0 + v1
        Fp2.add(t, s, a, ao + C0, a, ao + C2);
        Fp2.mul(t, s, t, s, b0, b0o);
        Fp2.sub(t, s, t, s, t, v0);
        Fp2.add(t, res + C2, t, s, t, v1);
        set(r, ro, t, res);
    }

    static void mulByFp2(long[] r, int ro, long[] a, int ao, long[] c, int co) {
        Fp2.mul(r, ro + C0, a, ao + C0, c, co);
        Fp2.mul(r, ro + C1, a, ao + C1, c, co);
        Fp2.mul(r, ro + C2, a, ao + C2, c, co);
    }

    /**
     * r = a^-1 via the adjugate: with t0 = c0^2 − ξc1c2, t1 = ξc2^2 − c0c1, t2 = c1^2 − c0c2, the
     * inverse is (t0, t1, t2)/(c0t0 + ξ(c2t1 + c1t2)).
     */
    static void inv(long[] r, int ro, long[] a, int ao) {
        long[] t = new long[6 * Fp2.SIZE];
        final int t0 = 0, t1 = 8, t2 = 16, x = 24, y = 32, d = 40;
        Fp2.sqr(t, t0, a, ao + C0);
        Fp2.mul(t, x, a, ao + C1, a, ao + C2);
        Fp2.mulByXi(t, x, t, x);
        Fp2.sub(t, t0, t, t0, t, x);

        Fp2.sqr(t, t1, a, ao + C2);
        Fp2.mulByXi(t, t1, t, t1);
        Fp2.mul(t, x, a, ao + C0, a, ao + C1);
        Fp2.sub(t, t1, t, t1, t, x);

        Fp2.sqr(t, t2, a, ao + C1);
        Fp2.mul(t, x, a, ao + C0, a, ao + C2);
        Fp2.sub(t, t2, t, t2, t, x);

        Fp2.mul(t, x, a, ao + C2, t, t1);
        Fp2.mul(t, y, a, ao + C1, t, t2);
        Fp2.add(t, x, t, x, t, y);
        Fp2.mulByXi(t, x, t, x);
        Fp2.mul(t, y, a, ao + C0, t, t0);
        Fp2.add(t, d, t, x, t, y);
        Fp2.inv(t, d, t, d);

        Fp2.mul(r, ro + C0, t, t0, t, d);
        Fp2.mul(r, ro + C1, t, t1, t, d);
        Fp2.mul(r, ro + C2, t, t2, t, d);
    }
}
