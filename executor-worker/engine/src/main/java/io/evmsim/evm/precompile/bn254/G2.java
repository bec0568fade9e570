package io.evmsim.evm.precompile.bn254;

import java.math.BigInteger;

/**
 * The group G2: the order-r subgroup of the twist y^2 = x^3 + 3/ξ over F_p2 (EIP-197; ξ = 9 + i,
 * a D-type sextic twist). Unlike G1, the twist has a large cofactor, so decoding checks subgroup
 * membership as EIP-197 requires.
 *
 * <p>Points are Jacobian (X, Y, Z) in 24 limbs with F_p2 coordinates; Z = 0 is infinity. The group
 * law mirrors {@link G1} over F_p2 and takes a scratch array of {@link #SCRATCH} limbs.
 */
final class G2 {
    static final int SIZE = 24;
    static final int SCRATCH = 80;
    static final int ENCODED = 128;
    static final int X = 0;
    static final int Y = 8;
    static final int Z = 16;

    static final BigInteger ORDER =
            new BigInteger("30644e72e131a029b85045b68181585d2833e84879b9709143e1f593f0000001", 16);

    /** The twist coefficient b' = 3/ξ. */
    static final long[] TWIST_B = twistB();
    /** ψ multiplies x by ξ^((p−1)/3) and y by ξ^((p−1)/2) after conjugating (untwist-Frobenius-twist). */
    private static final long[] PSI_X = xiPower(Fp.MODULUS.subtract(BigInteger.ONE).divide(BigInteger.valueOf(3)));
    private static final long[] PSI_Y = xiPower(Fp.MODULUS.subtract(BigInteger.ONE).shiftRight(1));
    private static final long[] ORDER_LIMBS = Fp.limbs(ORDER);

    private G2() {
    }

    private static long[] twistB() {
        long[] b = new long[Fp2.SIZE];
        Fp2.inv(b, 0, Fp2.XI, 0);
        Fp2.mulByFp(b, 0, b, 0, Fp.of(BigInteger.valueOf(3)), 0);
        return b;
    }

    private static long[] xiPower(BigInteger e) {
        long[] r = new long[Fp2.SIZE];
        Fp2.pow(r, 0, Fp2.XI, 0, e);
        return r;
    }

    static boolean isInfinity(long[] p) {
        return Fp2.isZero(p, Z);
    }

    /**
     * Decodes (x, y) from 128 bytes: x_im, x_re, y_im, y_re as 32-byte big-endian words (EIP-197
     * puts the imaginary part first). All zero is the point at infinity. Null when a word is not
     * below p, the point is not on the twist, or it is not in the order-r subgroup.
     */
    static long[] decode(byte[] in, int offset) {
        long[] q = new long[SIZE];
        if (!Fp.fromBytes(in, offset, q, X + 4) || !Fp.fromBytes(in, offset + 32, q, X)
                || !Fp.fromBytes(in, offset + 64, q, Y + 4) || !Fp.fromBytes(in, offset + 96, q, Y)) {
            return null;
        }
        if (Fp2.isZero(q, X) && Fp2.isZero(q, Y)) {
            return q;
        }
        Fp2.setOne(q, Z);
        if (!isOnCurveAffine(q) || !isInSubgroup(q)) {
            return null;
        }
        return q;
    }

    static boolean isOnCurveAffine(long[] q) {
        long[] t = new long[2 * Fp2.SIZE];
        Fp2.sqr(t, 0, q, Y);
        Fp2.sqr(t, 8, q, X);
        Fp2.mul(t, 8, t, 8, q, X);
        Fp2.add(t, 8, t, 8, TWIST_B, 0);
        return Fp2.equal(t, 0, t, 8);
    }

    /** Signed digits of the BN parameter u, least significant first. */
    private static final int[] U_NAF = MillerLoop.naf(BigInteger.valueOf(MillerLoop.U));

    /**
     * Q (on the twist, not infinity) is in G2 iff [u+1]Q + ψ([u]Q) + ψ^2([u]Q) = ψ^3([2u]Q):
     * El Housni, Guillevic and Piellard, "Co-factor clearing and subgroup membership testing on
     * pairing-friendly curves" (eprint 2022/352, section 5.1, as gnark-crypto checks BN254). One
     * 63-bit multiplication by u, half the cost of Scott's ψ(Q) = [6u^2]Q (eprint 2021/1130).
     */
    static boolean isInSubgroup(long[] q) {
        long[] t = new long[SCRATCH];
        long[] uQ = mulSigned(q, U_NAF);
        long[] psiUQ = new long[SIZE];
        psi(psiUQ, uQ);
        long[] psi2UQ = new long[SIZE];
        psi(psi2UQ, psiUQ);
        long[] left = new long[SIZE];
        add(left, psi2UQ, psiUQ, t);
        add(left, left, uQ, t);
        add(left, left, q, t);
        long[] right = new long[SIZE];
        psi(right, psi2UQ);
        dbl(right, right, t);
        return samePoint(left, right);
    }

    /** The definition: [r]Q is the point at infinity. Slower; kept to cross-check the fast test. */
    static boolean isInSubgroupByOrder(long[] q) {
        return isInfinity(mul(q, ORDER_LIMBS));
    }

    /** ψ(Q) = (conj(X)·ξ^((p−1)/3), conj(Y)·ξ^((p−1)/2), conj(Z)): the p-power Frobenius seen on the twist. */
    static void psi(long[] r, long[] q) {
        Fp2.conj(r, X, q, X);
        Fp2.mul(r, X, r, X, PSI_X, 0);
        Fp2.conj(r, Y, q, Y);
        Fp2.mul(r, Y, r, Y, PSI_Y, 0);
        Fp2.conj(r, Z, q, Z);
    }

    static void neg(long[] r, long[] q) {
        Fp2.set(r, X, q, X);
        Fp2.neg(r, Y, q, Y);
        Fp2.set(r, Z, q, Z);
    }

    /** Affine (x, y) of a finite point, as 16 limbs. */
    static long[] toAffine(long[] q) {
        long[] t = new long[3 * Fp2.SIZE];
        long[] a = new long[2 * Fp2.SIZE];
        Fp2.inv(t, 0, q, Z);
        Fp2.sqr(t, 8, t, 0);
        Fp2.mul(a, 0, q, X, t, 8);
        Fp2.mul(t, 8, t, 8, t, 0);
        Fp2.mul(a, 8, q, Y, t, 8);
        return a;
    }

    /** Whether two Jacobian points are the same point: X1·Z2^2 = X2·Z1^2 and Y1·Z2^3 = Y2·Z1^3. */
    static boolean samePoint(long[] p, long[] q) {
        boolean pInf = isInfinity(p);
        boolean qInf = isInfinity(q);
        if (pInf || qInf) {
            return pInf && qInf;
        }
        long[] t = new long[6 * Fp2.SIZE];
        Fp2.sqr(t, 0, p, Z);
        Fp2.sqr(t, 8, q, Z);
        Fp2.mul(t, 16, p, X, t, 8);
        Fp2.mul(t, 24, q, X, t, 0);
        if (!Fp2.equal(t, 16, t, 24)) {
            return false;
        }
        Fp2.mul(t, 0, t, 0, p, Z);
        Fp2.mul(t, 8, t, 8, q, Z);
        Fp2.mul(t, 16, p, Y, t, 8);
        Fp2.mul(t, 24, q, Y, t, 0);
        return Fp2.equal(t, 16, t, 24);
    }

    /** r = 2p, "dbl-2009-l" over F_p2. */
    static void dbl(long[] r, long[] p, long[] t) {
        if (isInfinity(p)) {
            System.arraycopy(p, 0, r, 0, SIZE);
            return;
        }
        final int a = 0, b = 8, c = 16, d = 24, e = 32, f = 40, z3 = 48;
        Fp2.sqr(t, a, p, X);
        Fp2.sqr(t, b, p, Y);
        Fp2.sqr(t, c, t, b);
        Fp2.add(t, d, p, X, t, b);
        Fp2.sqr(t, d, t, d);
        Fp2.sub(t, d, t, d, t, a);
        Fp2.sub(t, d, t, d, t, c);
        Fp2.dbl(t, d, t, d);
        Fp2.dbl(t, e, t, a);
        Fp2.add(t, e, t, e, t, a);
        Fp2.sqr(t, f, t, e);
        Fp2.mul(t, z3, p, Y, p, Z);
        Fp2.dbl(r, Z, t, z3);
        Fp2.dbl(t, a, t, d);
        Fp2.sub(r, X, t, f, t, a);
        Fp2.sub(t, d, t, d, r, X);
        Fp2.mul(t, d, t, d, t, e);
        Fp2.dbl(t, c, t, c);
        Fp2.dbl(t, c, t, c);
        Fp2.dbl(t, c, t, c);
        Fp2.sub(r, Y, t, d, t, c);
    }

    /** r = p + q, "add-2007-bl" over F_p2 with the special cases; r may be p or q. */
    static void add(long[] r, long[] p, long[] q, long[] t) {
        if (isInfinity(p)) {
            System.arraycopy(q, 0, r, 0, SIZE);
            return;
        }
        if (isInfinity(q)) {
            System.arraycopy(p, 0, r, 0, SIZE);
            return;
        }
        final int z1z1 = 0, z2z2 = 8, u1 = 16, u2 = 24, s1 = 32, s2 = 40, h = 48, i = 56, j = 64, v = 72;
        Fp2.sqr(t, z1z1, p, Z);
        Fp2.sqr(t, z2z2, q, Z);
        Fp2.mul(t, u1, p, X, t, z2z2);
        Fp2.mul(t, u2, q, X, t, z1z1);
        Fp2.mul(t, s1, p, Y, q, Z);
        Fp2.mul(t, s1, t, s1, t, z2z2);
        Fp2.mul(t, s2, q, Y, p, Z);
        Fp2.mul(t, s2, t, s2, t, z1z1);
        Fp2.sub(t, h, t, u2, t, u1);
        Fp2.sub(t, s2, t, s2, t, s1);
        if (Fp2.isZero(t, h)) {
            if (Fp2.isZero(t, s2)) {
                dbl(r, p, t);
            } else {
                java.util.Arrays.fill(r, 0, SIZE, 0L);
            }
            return;
        }
        Fp2.add(t, i, p, Z, q, Z);
        Fp2.sqr(t, i, t, i);
        Fp2.sub(t, i, t, i, t, z1z1);
        Fp2.sub(t, i, t, i, t, z2z2);
        Fp2.mul(r, Z, t, i, t, h);
        Fp2.dbl(t, i, t, h);
        Fp2.sqr(t, i, t, i);
        Fp2.mul(t, j, t, h, t, i);
        Fp2.dbl(t, s2, t, s2);
        Fp2.mul(t, v, t, u1, t, i);
        Fp2.sqr(t, u2, t, s2);
        Fp2.sub(t, u2, t, u2, t, j);
        Fp2.sub(t, u2, t, u2, t, v);
        Fp2.sub(r, X, t, u2, t, v);
        Fp2.sub(t, v, t, v, r, X);
        Fp2.mul(t, v, t, v, t, s2);
        Fp2.mul(t, s1, t, s1, t, j);
        Fp2.dbl(t, s1, t, s1);
        Fp2.sub(r, Y, t, v, t, s1);
    }

    /** [k]q for k given as signed digits (−1, 0, 1), least significant first. */
    static long[] mulSigned(long[] q, int[] digits) {
        long[] t = new long[SCRATCH];
        long[] negQ = new long[SIZE];
        neg(negQ, q);
        long[] acc = new long[SIZE];
        for (int i = digits.length - 1; i >= 0; i--) {
            dbl(acc, acc, t);
            if (digits[i] > 0) {
                add(acc, acc, q, t);
            } else if (digits[i] < 0) {
                add(acc, acc, negQ, t);
            }
        }
        return acc;
    }

    /** [k]q for a scalar given as little-endian 64-bit limbs; double-and-add from the top bit. */
    static long[] mul(long[] q, long[] scalar) {
        long[] t = new long[SCRATCH];
        long[] acc = new long[SIZE];
        for (int bit = 64 * scalar.length - 1; bit >= 0; bit--) {
            dbl(acc, acc, t);
            if (((scalar[bit >>> 6] >>> (bit & 63)) & 1) != 0) {
                add(acc, acc, q, t);
            }
        }
        return acc;
    }
}
