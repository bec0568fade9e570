package io.evmsim.evm.precompile.bls12381;

/**
 * The operations the curve code needs from a field, so that one implementation of point
 * arithmetic, the SSWU map and the isogeny evaluation serves both G1 (over Fp) and G2 (over Fp2).
 * Elements are immutable.
 */
interface FieldElement<F extends FieldElement<F>> {
    F add(F other);

    F sub(F other);

    F mul(F other);

    F square();

    F neg();

    /** The inverse; the inverse of zero is zero (the "inv0" of RFC 9380, section 4). */
    F inverse();

    /** A square root, or null when there is none. Which of the two roots is unspecified. */
    F sqrt();

    /** The sign of the element as defined by RFC 9380, section 4.1 (sgn0). */
    int sgn0();

    boolean isZero();

    /** The field's zero, so that generic code can start sums. */
    F zero();

    /** Writes the EIP-2537 encoding (64 bytes per Fp coefficient, big-endian, zero-padded). */
    void encode(byte[] out, int offset);

    default F dbl() {
        return add(self());
    }

    @SuppressWarnings("unchecked")
    private F self() {
        return (F) this;
    }
}
