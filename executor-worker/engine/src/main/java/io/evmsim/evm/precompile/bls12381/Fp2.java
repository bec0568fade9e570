package io.evmsim.evm.precompile.bls12381;

/**
 * An element c0 + c1*i of Fp2 = Fp[i]/(i^2 + 1), the field of G2 coordinates. EIP-2537 writes
 * the non-residue as nr2 = p - 1 = -1 and encodes an element as encode(c0) || encode(c1).
 */
final class Fp2 implements FieldElement<Fp2> {
    static final int ENCODED_LENGTH = 2 * Fp.ENCODED_LENGTH;

    static final Fp2 ZERO = new Fp2(Fp.ZERO, Fp.ZERO);
    static final Fp2 ONE = new Fp2(Fp.ONE, Fp.ZERO);

    final Fp c0;
    final Fp c1;

    Fp2(Fp c0, Fp c1) {
        this.c0 = c0;
        this.c1 = c1;
    }

    static Fp2 of(long c0, long c1) {
        return new Fp2(Fp.of(c0), Fp.of(c1));
    }

    /** Decodes (c0, c1), or null when either coefficient is not a valid field encoding. */
    static Fp2 decode(byte[] in, int offset) {
        Fp c0 = Fp.decode(in, offset);
        if (c0 == null) {
            return null;
        }
        Fp c1 = Fp.decode(in, offset + Fp.ENCODED_LENGTH);
        return c1 == null ? null : new Fp2(c0, c1);
    }

    @Override
    public void encode(byte[] out, int offset) {
        c0.encode(out, offset);
        c1.encode(out, offset + Fp.ENCODED_LENGTH);
    }

    @Override
    public Fp2 add(Fp2 o) {
        return new Fp2(c0.add(o.c0), c1.add(o.c1));
    }

    @Override
    public Fp2 sub(Fp2 o) {
        return new Fp2(c0.sub(o.c0), c1.sub(o.c1));
    }

    @Override
    public Fp2 neg() {
        return new Fp2(c0.neg(), c1.neg());
    }

    /** Karatsuba: three base-field multiplications instead of four. */
    @Override
    public Fp2 mul(Fp2 o) {
        Fp t0 = c0.mul(o.c0);
        Fp t1 = c1.mul(o.c1);
        Fp cross = c0.add(c1).mul(o.c0.add(o.c1));
        return new Fp2(t0.sub(t1), cross.sub(t0).sub(t1));
    }

    /** (c0 + c1 i)^2 = (c0 + c1)(c0 - c1) + 2 c0 c1 i. */
    @Override
    public Fp2 square() {
        Fp cross = c0.mul(c1);
        return new Fp2(c0.add(c1).mul(c0.sub(c1)), cross.add(cross));
    }

    /** The p-power Frobenius map, which on Fp2 is conjugation. */
    Fp2 conjugate() {
        return new Fp2(c0, c1.neg());
    }

    /** 1 / (c0 + c1 i) = (c0 - c1 i) / (c0^2 + c1^2); zero maps to zero. */
    @Override
    public Fp2 inverse() {
        Fp normInverse = norm().inverse();
        return new Fp2(c0.mul(normInverse), c1.mul(normInverse).neg());
    }

    private Fp norm() {
        return c0.square().add(c1.square());
    }

    /**
     * Square root by the norm method for p = 3 mod 4: a root x0 + x1 i of a0 + a1 i has
     * x0^2 = (a0 +- sqrt(a0^2 + a1^2)) / 2 and x1 = a1 / (2 x0). Not constant-time.
     */
    @Override
    public Fp2 sqrt() {
        if (c1.isZero()) {
            Fp real = c0.sqrt();
            if (real != null) {
                return new Fp2(real, Fp.ZERO);
            }
            // -1 = i^2, so sqrt(a0) = i * sqrt(-a0) when a0 is a non-residue of Fp.
            Fp imaginary = c0.neg().sqrt();
            return imaginary == null ? null : new Fp2(Fp.ZERO, imaginary);
        }
        Fp alpha = norm().sqrt();
        if (alpha == null) {
            return null;
        }
        Fp half = Fp.of(2).inverse();
        Fp x0 = c0.add(alpha).mul(half).sqrt();
        if (x0 == null) {
            x0 = c0.sub(alpha).mul(half).sqrt();
            if (x0 == null) {
                return null;
            }
        }
        Fp x1 = c1.mul(x0.add(x0).inverse());
        Fp2 candidate = new Fp2(x0, x1);
        return candidate.square().equals(this) ? candidate : null;
    }

    /** RFC 9380 section 4.1, sgn0 for m = 2. */
    @Override
    public int sgn0() {
        int sign0 = c0.sgn0();
        boolean zero0 = c0.isZero();
        int sign1 = c1.sgn0();
        return sign0 | (zero0 ? sign1 : 0);
    }

    @Override
    public boolean isZero() {
        return c0.isZero() && c1.isZero();
    }

    @Override
    public Fp2 zero() {
        return ZERO;
    }

    Fp2 pow(java.math.BigInteger exponent) {
        Fp2 result = ONE;
        for (int i = exponent.bitLength() - 1; i >= 0; i--) {
            result = result.square();
            if (exponent.testBit(i)) {
                result = result.mul(this);
            }
        }
        return result;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Fp2 other && c0.equals(other.c0) && c1.equals(other.c1);
    }

    @Override
    public int hashCode() {
        return 31 * c0.hashCode() + c1.hashCode();
    }

    @Override
    public String toString() {
        return "(" + c0 + ", " + c1 + ")";
    }
}
