package io.evmsim.evm.precompile.bls12381;

import java.math.BigInteger;
import java.util.function.Predicate;

/**
 * One of the two groups of EIP-2537: the curve y^2 = x^3 + b over a field F (Fp for G1, Fp2 for
 * the M-type twist that carries G2), together with its point encoding. Both groups share this
 * one implementation of decoding, encoding and the checks the EIP requires.
 */
final class Bls12Group<F extends FieldElement<F>> {
    /** The prime order q of the G1 and G2 subgroups (EIP-2537, "Curve parameters"). */
    static final BigInteger ORDER =
            new BigInteger("73eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff00000001", 16);

    /** G1: y^2 = x^3 + 4 over Fp; a point is 128 bytes. */
    static final Bls12Group<Fp> G1 = new Bls12Group<>(
            Fp.of(4), Fp.ZERO, Fp.ONE, Fp.ENCODED_LENGTH, Fp::decode, SubgroupMembership::inG1);

    /** G2: y^2 = x^3 + 4(1 + i) over Fp2; a point is 256 bytes. */
    static final Bls12Group<Fp2> G2 =
            new Bls12Group<>(
            Fp2.of(4, 4), Fp2.ZERO, Fp2.ONE, Fp2.ENCODED_LENGTH, Fp2::decode, SubgroupMembership::inG2);

    @FunctionalInterface
    interface FieldDecoder<F> {
        /** The element encoded at offset, or null when the encoding is invalid. */
        F decode(byte[] in, int offset);
    }

    final F b;
    final F zero;
    final F one;
    final int fieldLength;
    final int pointLength;
    private final FieldDecoder<F> fieldDecoder;
    private final Predicate<JacobianPoint<F>> subgroupMembership;
    private final JacobianPoint<F> infinity;

    private Bls12Group(F b, F zero, F one, int fieldLength, FieldDecoder<F> fieldDecoder,
            Predicate<JacobianPoint<F>> subgroupMembership) {
        this.b = b;
        this.zero = zero;
        this.one = one;
        this.fieldLength = fieldLength;
        this.pointLength = 2 * fieldLength;
        this.fieldDecoder = fieldDecoder;
        this.subgroupMembership = subgroupMembership;
        this.infinity = new JacobianPoint<>(this, one, one, zero);
    }

    JacobianPoint<F> infinity() {
        return infinity;
    }

    JacobianPoint<F> fromAffine(F x, F y) {
        return new JacobianPoint<>(this, x, y, one);
    }

    boolean isOnCurve(F x, F y) {
        return y.square().equals(x.square().mul(x).add(b));
    }

    /**
     * Decodes the point at {@code offset}, or returns null when a coordinate is badly encoded or
     * the point is not on the curve. All-zero bytes are the point at infinity, which is
     * unambiguous because (0, 0) is not on either curve (EIP-2537, "Point of infinity encoding").
     * No subgroup check: callers that need one ask {@link #inSubgroup}.
     */
    JacobianPoint<F> decodePoint(byte[] in, int offset) {
        F x = fieldDecoder.decode(in, offset);
        F y = x == null ? null : fieldDecoder.decode(in, offset + fieldLength);
        if (y == null) {
            return null;
        }
        if (x.isZero() && y.isZero()) {
            return infinity;
        }
        return isOnCurve(x, y) ? fromAffine(x, y) : null;
    }

    /** Decodes a point that must also lie in the order-q subgroup (MSM and pairing inputs). */
    JacobianPoint<F> decodeSubgroupPoint(byte[] in, int offset) {
        JacobianPoint<F> point = decodePoint(in, offset);
        return point != null && inSubgroup(point) ? point : null;
    }

    byte[] encodePoint(JacobianPoint<F> point) {
        byte[] out = new byte[pointLength];
        if (!point.isInfinity()) {
            JacobianPoint<F> affine = point.normalize();
            affine.x.encode(out, 0);
            affine.y.encode(out, fieldLength);
        }
        return out;
    }

    /** Whether a point of the curve lies in the order-q subgroup, by {@link SubgroupMembership}. */
    boolean inSubgroup(JacobianPoint<F> point) {
        return subgroupMembership.test(point);
    }
}
