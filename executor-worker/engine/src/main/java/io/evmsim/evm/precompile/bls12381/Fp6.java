package io.evmsim.evm.precompile.bls12381;

/**
 * An element c0 + c1*v + c2*v^2 of Fp6 = Fp2[v]/(v^3 - xi) with xi = 1 + i; only the pairing
 * uses this tower level.
 */
final class Fp6 {
    static final Fp6 ZERO = new Fp6(Fp2.ZERO, Fp2.ZERO, Fp2.ZERO);
    static final Fp6 ONE = new Fp6(Fp2.ONE, Fp2.ZERO, Fp2.ZERO);

    final Fp2 c0;
    final Fp2 c1;
    final Fp2 c2;

    Fp6(Fp2 c0, Fp2 c1, Fp2 c2) {
        this.c0 = c0;
        this.c1 = c1;
        this.c2 = c2;
    }

    Fp6 add(Fp6 o) {
        return new Fp6(c0.add(o.c0), c1.add(o.c1), c2.add(o.c2));
    }

    Fp6 sub(Fp6 o) {
        return new Fp6(c0.sub(o.c0), c1.sub(o.c1), c2.sub(o.c2));
    }

    Fp6 neg() {
        return new Fp6(c0.neg(), c1.neg(), c2.neg());
    }

    /** Karatsuba-style product with six Fp2 multiplications; v^3 folds back as xi. */
    Fp6 mul(Fp6 o) {
        Fp2 t0 = c0.mul(o.c0);
        Fp2 t1 = c1.mul(o.c1);
        Fp2 t2 = c2.mul(o.c2);
        Fp2 r0 = c1.add(c2).mul(o.c1.add(o.c2)).sub(t1).sub(t2).mulByNonResidue().add(t0);
        Fp2 r1 = c0.add(c1).mul(o.c0.add(o.c1)).sub(t0).sub(t1).add(t2.mulByNonResidue());
        Fp2 r2 = c0.add(c2).mul(o.c0.add(o.c2)).sub(t0).sub(t2).add(t1);
        return new Fp6(r0, r1, r2);
    }

    /** Product with b v + c v^2, a factor of the Miller-loop lines: five Fp2 products. */
    Fp6 mulBy12(Fp2 b, Fp2 c) {
        Fp2 t1 = c1.mul(b);
        Fp2 t2 = c2.mul(c);
        Fp2 r0 = c1.add(c2).mul(b.add(c)).sub(t1).sub(t2).mulByNonResidue();
        Fp2 r1 = c0.mul(b).add(t2.mulByNonResidue());
        Fp2 r2 = c0.mul(c).add(t1);
        return new Fp6(r0, r1, r2);
    }

    Fp6 mul(Fp2 scalar) {
        return new Fp6(c0.mul(scalar), c1.mul(scalar), c2.mul(scalar));
    }

    Fp6 square() {
        return mul(this);
    }

    /** Multiplication by v: (c0, c1, c2) * v = (xi c2, c0, c1). */
    Fp6 mulByV() {
        return new Fp6(c2.mulByNonResidue(), c0, c1);
    }

    Fp6 inverse() {
        Fp2 t0 = c0.square().sub(c1.mul(c2).mulByNonResidue());
        Fp2 t1 = c2.square().mulByNonResidue().sub(c0.mul(c1));
        Fp2 t2 = c1.square().sub(c0.mul(c2));
        Fp2 denominator = c0.mul(t0).add(c2.mul(t1).add(c1.mul(t2)).mulByNonResidue());
        Fp2 inv = denominator.inverse();
        return new Fp6(t0.mul(inv), t1.mul(inv), t2.mul(inv));
    }

    boolean isZero() {
        return c0.isZero() && c1.isZero() && c2.isZero();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Fp6 other && c0.equals(other.c0) && c1.equals(other.c1) && c2.equals(other.c2);
    }

    @Override
    public int hashCode() {
        return (c0.hashCode() * 31 + c1.hashCode()) * 31 + c2.hashCode();
    }
}
