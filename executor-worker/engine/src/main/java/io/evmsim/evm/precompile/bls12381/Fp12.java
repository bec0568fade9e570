package io.evmsim.evm.precompile.bls12381;

import java.math.BigInteger;

/**
 * An element c0 + c1*w of Fp12 = Fp6[w]/(w^2 - v), the pairing's target field. Seen over Fp2
 * the basis is w^0..w^5 with w^6 = xi: c0 holds the coefficients of w^0, w^2, w^4 and c1 those
 * of w^1, w^3, w^5.
 */
final class Fp12 {
    static final Fp12 ONE = new Fp12(Fp6.ONE, Fp6.ZERO);

    /**
     * FROBENIUS[m] = xi^(m(p-1)/6): raising a*w^m to the p-th power gives conj(a) * w^m times
     * this constant, since w^(pm) = w^m * (w^6)^(m(p-1)/6). Computed rather than transcribed.
     */
    private static final Fp2[] FROBENIUS = new Fp2[6];

    static {
        BigInteger sixth = Fp.MODULUS.subtract(BigInteger.ONE).divide(BigInteger.valueOf(6));
        Fp2 xi = Fp2.of(1, 1);
        for (int m = 0; m < 6; m++) {
            FROBENIUS[m] = xi.pow(sixth.multiply(BigInteger.valueOf(m)));
        }
    }

    final Fp6 c0;
    final Fp6 c1;

    Fp12(Fp6 c0, Fp6 c1) {
        this.c0 = c0;
        this.c1 = c1;
    }

    Fp12 mul(Fp12 o) {
        Fp6 t0 = c0.mul(o.c0);
        Fp6 t1 = c1.mul(o.c1);
        Fp6 cross = c0.add(c1).mul(o.c0.add(o.c1)).sub(t0).sub(t1);
        return new Fp12(t0.add(t1.mulByV()), cross);
    }

    Fp12 square() {
        return mul(this);
    }

    /**
     * Multiplication by a Miller-loop line a + b*w^3 + c*w^5 (see {@link OptimalAtePairing}):
     * the w-free part is the Fp6 element (a, 0, 0) and the w part is (0, b, c).
     */
    Fp12 mulByLine(Fp2 a, Fp2 b, Fp2 c) {
        Fp6 lineW = new Fp6(Fp2.ZERO, b, c);
        Fp6 t0 = c0.mul(a);
        Fp6 t1 = c1.mul(lineW);
        Fp6 cross = c0.mul(lineW).add(c1.mul(a));
        return new Fp12(t0.add(t1.mulByV()), cross);
    }

    /** The p^6-power Frobenius map; on the cyclotomic subgroup it is also the inverse. */
    Fp12 conjugate() {
        return new Fp12(c0, c1.neg());
    }

    Fp12 inverse() {
        // (c0 + c1 w)^-1 = (c0 - c1 w) / (c0^2 - c1^2 v)
        Fp6 inv = c0.square().sub(c1.square().mulByV()).inverse();
        return new Fp12(c0.mul(inv), c1.mul(inv).neg());
    }

    /** The p-power Frobenius map. */
    Fp12 frobenius() {
        return new Fp12(
                new Fp6(c0.c0.conjugate(), c0.c1.conjugate().mul(FROBENIUS[2]),
                        c0.c2.conjugate().mul(FROBENIUS[4])),
                new Fp6(c1.c0.conjugate().mul(FROBENIUS[1]), c1.c1.conjugate().mul(FROBENIUS[3]),
                        c1.c2.conjugate().mul(FROBENIUS[5])));
    }

    boolean isOne() {
        return equals(ONE);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Fp12 other && c0.equals(other.c0) && c1.equals(other.c1);
    }

    @Override
    public int hashCode() {
        return c0.hashCode() * 31 + c1.hashCode();
    }
}
