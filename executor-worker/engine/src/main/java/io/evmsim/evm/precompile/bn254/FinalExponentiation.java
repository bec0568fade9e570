package io.evmsim.evm.precompile.bn254;

/**
 * Raises a Miller loop value to (p^12 − 1)/r (times a fixed factor coprime to r), mapping it to
 * the order-r subgroup of F_p12 where pairing values are compared.
 *
 * <p>Easy part: f^((p^6 − 1)(p^2 + 1)) with one inversion and Frobenius maps; the result lies in
 * the cyclotomic subgroup, where inversion is conjugation. Hard part: the addition chain of
 * Fuentes-Castañeda, Knapp and Rodríguez-Henríquez, "Faster hashing to G2" (SAC 2011), which
 * computes f^(2u(6u^2 + 3u + 1)·(p^4 − p^2 + 1)/r) with three exponentiations by u.
 */
final class FinalExponentiation {
    private static final int N = Fp12.SIZE;

    private FinalExponentiation() {
    }

    static long[] apply(long[] f) {
        long[] r = easyPart(f);
        return hardPart(r);
    }

    static long[] easyPart(long[] f) {
        long[] r = new long[N];
        long[] t = new long[N];
        Fp12.inv(t, 0, f, 0);
        Fp12.conj(r, 0, f, 0);
        Fp12.mul(r, 0, r, 0, t, 0); // f^(p^6 − 1)
        Fp12.frobenius(t, 0, r, 0, 2);
        Fp12.mul(r, 0, r, 0, t, 0); // ·^(p^2 + 1)
        return r;
    }

    static long[] hardPart(long[] r) {
        long[] y0 = expByNegU(r);
        long[] y1 = new long[N];
        Fp12.cyclotomicSqr(y1, 0, y0, 0);
        long[] y2 = new long[N];
        Fp12.cyclotomicSqr(y2, 0, y1, 0);
        long[] y3 = new long[N];
        Fp12.mul(y3, 0, y2, 0, y1, 0);
        long[] y4 = expByNegU(y3);
        long[] y5 = new long[N];
        Fp12.cyclotomicSqr(y5, 0, y4, 0);
        long[] y6 = expByNegU(y5);
        Fp12.conj(y3, 0, y3, 0);
        Fp12.conj(y6, 0, y6, 0);
        long[] y7 = new long[N];
        Fp12.mul(y7, 0, y6, 0, y4, 0);
        long[] y8 = new long[N];
        Fp12.mul(y8, 0, y7, 0, y3, 0);
        long[] y9 = new long[N];
        Fp12.mul(y9, 0, y8, 0, y1, 0);
        long[] y10 = new long[N];
        Fp12.mul(y10, 0, y8, 0, y4, 0);
        long[] y11 = new long[N];
        Fp12.mul(y11, 0, y10, 0, r, 0);
        long[] y12 = new long[N];
        Fp12.frobenius(y12, 0, y9, 0, 1);
        long[] y13 = new long[N];
        Fp12.mul(y13, 0, y12, 0, y11, 0);
        Fp12.frobenius(y8, 0, y8, 0, 2);
        long[] y14 = new long[N];
        Fp12.mul(y14, 0, y8, 0, y13, 0);
        long[] y15 = new long[N];
        Fp12.conj(y15, 0, r, 0);
        Fp12.mul(y15, 0, y15, 0, y9, 0);
        Fp12.frobenius(y15, 0, y15, 0, 3);
        long[] y16 = new long[N];
        Fp12.mul(y16, 0, y15, 0, y14, 0);
        return y16;
    }

    /** Signed digits of u, least significant first: fewer multiplications than its binary form. */
    private static final int[] U_NAF = MillerLoop.naf(java.math.BigInteger.valueOf(MillerLoop.U));

    /**
     * f^(−u) for f in the cyclotomic subgroup, where inversion is conjugation: a left-to-right
     * signed-digit exponentiation by u with cyclotomic squarings, conjugated at the end.
     */
    static long[] expByNegU(long[] f) {
        long[] inverse = new long[N];
        Fp12.conj(inverse, 0, f, 0);
        long[] acc = new long[N];
        Fp12.set(acc, 0, f, 0); // the top digit is 1
        for (int i = U_NAF.length - 2; i >= 0; i--) {
            Fp12.cyclotomicSqr(acc, 0, acc, 0);
            if (U_NAF[i] > 0) {
                Fp12.mul(acc, 0, acc, 0, f, 0);
            } else if (U_NAF[i] < 0) {
                Fp12.mul(acc, 0, acc, 0, inverse, 0);
            }
        }
        Fp12.conj(acc, 0, acc, 0);
        return acc;
    }
}
