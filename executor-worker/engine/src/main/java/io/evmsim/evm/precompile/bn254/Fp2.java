package io.evmsim.evm.precompile.bn254;

import java.math.BigInteger;

/**
 * F_p2 = F_p[i]/(i^2 + 1), the field of the G2 coordinates (EIP-197). An element is 8 limbs at an
 * offset: the real part then the imaginary part, each an {@link Fp} element. (The precompile's wire
 * format lists the imaginary part first; {@link G2} swaps on decoding.)
 *
 * <p>As in {@link Fp}, outputs may alias inputs and nothing here allocates, except inversion and
 * exponentiation which run a handful of times per call.
 */
final class Fp2 {
    static final int SIZE = 8;

    /** ξ = 9 + i, the non-residue that builds F_p6 (v^3 = ξ) and defines the D-type twist. */
    static final long[] XI = of(BigInteger.valueOf(9), BigInteger.ONE);
    static final long[] ONE = of(BigInteger.ONE, BigInteger.ZERO);

    private Fp2() {
    }

    static long[] of(BigInteger re, BigInteger im) {
        long[] out = new long[SIZE];
        Fp.set(out, 0, Fp.of(re), 0);
        Fp.set(out, 4, Fp.of(im), 0);
        return out;
    }

    static void set(long[] r, int ro, long[] a, int ao) {
        System.arraycopy(a, ao, r, ro, SIZE);
    }

    static void setZero(long[] r, int ro) {
        java.util.Arrays.fill(r, ro, ro + SIZE, 0L);
    }

    static void setOne(long[] r, int ro) {
        set(r, ro, ONE, 0);
    }

    static boolean isZero(long[] a, int ao) {
        return Fp.isZero(a, ao) && Fp.isZero(a, ao + 4);
    }

    static boolean equal(long[] a, int ao, long[] b, int bo) {
        return Fp.equal(a, ao, b, bo) && Fp.equal(a, ao + 4, b, bo + 4);
    }

    static void add(long[] r, int ro, long[] a, int ao, long[] b, int bo) {
        Fp.add(r, ro, a, ao, b, bo);
        Fp.add(r, ro + 4, a, ao + 4, b, bo + 4);
    }

    static void sub(long[] r, int ro, long[] a, int ao, long[] b, int bo) {
        Fp.sub(r, ro, a, ao, b, bo);
        Fp.sub(r, ro + 4, a, ao + 4, b, bo + 4);
    }

    static void dbl(long[] r, int ro, long[] a, int ao) {
        Fp.dbl(r, ro, a, ao);
        Fp.dbl(r, ro + 4, a, ao + 4);
    }

    static void neg(long[] r, int ro, long[] a, int ao) {
        Fp.neg(r, ro, a, ao);
        Fp.neg(r, ro + 4, a, ao + 4);
    }

    /** The conjugate re − im·i, which is also the Frobenius map a ↦ a^p on F_p2. */
    static void conj(long[] r, int ro, long[] a, int ao) {
        Fp.set(r, ro, a, ao);
        Fp.neg(r, ro + 4, a, ao + 4);
    }

    static void mul(long[] r, int ro, long[] a, int ao, long[] b, int bo) {
        Fp.mulComplex(r, ro, a, ao, b, bo);
    }

    static void sqr(long[] r, int ro, long[] a, int ao) {
        Fp.sqrComplex(r, ro, a, ao);
    }

    /** Multiplies both parts by an F_p element c (which must not lie inside r). */
    static void mulByFp(long[] r, int ro, long[] a, int ao, long[] c, int co) {
        Fp.mul(r, ro, a, ao, c, co);
        Fp.mul(r, ro + 4, a, ao + 4, c, co);
    }

    /** r = a·ξ; used by every F_p6 reduction (v^3 = ξ). */
    static void mulByXi(long[] r, int ro, long[] a, int ao) {
        Fp.mulByXiComplex(r, ro, a, ao);
    }

    /** r = a^-1 = conj(a) / (re^2 + im^2); the inverse of 0 comes out as 0. */
    static void inv(long[] r, int ro, long[] a, int ao) {
        long[] t = new long[12];
        Fp.sqr(t, 0, a, ao);
        Fp.sqr(t, 4, a, ao + 4);
        Fp.add(t, 0, t, 0, t, 4);
        Fp.inv(t, 8, t, 0);
        Fp.mul(r, ro, a, ao, t, 8);
        Fp.mul(t, 4, a, ao + 4, t, 8);
        Fp.neg(r, ro + 4, t, 4);
    }

    /** r = a^e by square-and-multiply; for constants computed once. */
    static void pow(long[] r, int ro, long[] a, int ao, BigInteger e) {
        long[] base = new long[SIZE];
        long[] acc = ONE.clone();
        set(base, 0, a, ao);
        for (int bit = e.bitLength() - 1; bit >= 0; bit--) {
            sqr(acc, 0, acc, 0);
            if (e.testBit(bit)) {
                mul(acc, 0, acc, 0, base, 0);
            }
        }
        set(r, ro, acc, 0);
    }
}
