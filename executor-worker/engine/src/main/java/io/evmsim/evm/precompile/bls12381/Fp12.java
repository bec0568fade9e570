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

    /** (c0 + c1 w)^2 = (c0 + c1)(c0 + v c1) - (1 + v) c0 c1 + 2 c0 c1 w: two Fp6 products, not three. */
    Fp12 square() {
        Fp6 product = c0.mul(c1);
        Fp6 real = c0.add(c1).mul(c0.add(c1.mulByV())).sub(product).sub(product.mulByV());
        return new Fp12(real, product.add(product));
    }

    /**
     * Squaring in the cyclotomic subgroup (norm 1 over Fp6, where every value lies after the
     * easy part of the final exponentiation), by Granger and Scott, "Faster squaring in the
     * cyclotomic subgroup of sixth degree extensions" (PKC 2010): seen as three elements of
     * Fp4 = Fp2[s]/(s^2 - xi), nine Fp2 squarings instead of a general square. Wrong elsewhere.
     */
    Fp12 cyclotomicSquare() {
        Fp2 z0 = c0.c0;
        Fp2 z4 = c0.c1;
        Fp2 z3 = c0.c2;
        Fp2 z2 = c1.c0;
        Fp2 z1 = c1.c1;
        Fp2 z5 = c1.c2;
        Fp2[] a = fp4Square(z0, z1);
        Fp2[] b = fp4Square(z2, z3);
        Fp2[] c = fp4Square(z4, z5);
        // Granger-Scott: each output coefficient is 3 t - 2 z or 3 t + 2 z for a square part t.
        Fp2 r0 = tripleMinusDouble(a[0], z0);
        Fp2 r1 = triplePlusDouble(a[1], z1);
        Fp2 r4 = tripleMinusDouble(b[0], z4);
        Fp2 r5 = triplePlusDouble(b[1], z5);
        Fp2 r2 = triplePlusDouble(c[1].mulByNonResidue(), z2);
        Fp2 r3 = tripleMinusDouble(c[0], z3);
        return new Fp12(new Fp6(r0, r4, r3), new Fp6(r2, r1, r5));
    }

    /** (a + b s)^2 in Fp4 = Fp2[s]/(s^2 - xi), as {real, s-coefficient}. */
    private static Fp2[] fp4Square(Fp2 a, Fp2 b) {
        Fp2 aa = a.square();
        Fp2 bb = b.square();
        return new Fp2[] {bb.mulByNonResidue().add(aa), a.add(b).square().sub(aa).sub(bb)};
    }

    private static Fp2 tripleMinusDouble(Fp2 t, Fp2 z) {
        Fp2 d = t.sub(z);
        return d.add(d).add(t);
    }

    private static Fp2 triplePlusDouble(Fp2 t, Fp2 z) {
        Fp2 d = t.add(z);
        return d.add(d).add(t);
    }

    /**
     * Multiplication by a Miller-loop line a + b*w^3 + c*w^5 (see {@link OptimalAtePairing}):
     * the w-free part is the Fp6 element (a, 0, 0) and the w part is (0, b, c). Karatsuba over
     * the sparse factors: 3 + 5 + 6 Fp2 products instead of 18.
     */
    Fp12 mulByLine(Fp2 a, Fp2 b, Fp2 c) {
        Fp6 t0 = c0.mul(a);
        Fp6 t1 = c1.mulBy12(b, c);
        Fp6 cross = c0.add(c1).mul(new Fp6(a, b, c)).sub(t0).sub(t1);
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
