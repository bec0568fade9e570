package io.evmsim.evm.precompile.bn254;

import java.math.BigInteger;

/**
 * The Miller loop of the optimal ate pairing on BN254 (Vercauteren 2010), run over several (P, Q)
 * pairs at once so that they share the F_p12 squarings: f = Π f_{6u+2,Q}(P)·l_{T,ψ(Q)}(P)·l_{T',−ψ^2(Q)}(P).
 *
 * <p>T walks the twist in homogeneous projective coordinates (x = X/Z, y = Y/Z). Each doubling or
 * addition step also yields the line through the points, as three F_p2 coefficients scaled by
 * factors in F_p2 that the final exponentiation removes; evaluated at P = (xP, yP) the line is
 * c0·yP + c1·xP·w + c2·w^3 (the D-type twist places it at w^0, w^1, w^3). The step formulas are
 * those of Costello, Lange and Naehrig, "Faster pairing computations on curves with high-degree
 * twists" (PKC 2010), in the form Aranha et al. use for BN curves (eprint 2010/526).
 */
final class MillerLoop {
    /** The BN parameter u (x in some papers): p and r are polynomials in it. */
    static final long U = 4965661367192848881L;

    /** Signed digits of 6u + 2, least significant first (non-adjacent form). */
    static final int[] SIX_U_PLUS_2_NAF = naf(BigInteger.valueOf(U).multiply(BigInteger.valueOf(6)).add(BigInteger.TWO));

    private static final long[] TWO_INV = Fp.of(Fp.MODULUS.add(BigInteger.ONE).shiftRight(1));

    private static final int TX = 0;
    private static final int TY = 8;
    private static final int TZ = 16;
    private static final int C0 = 0;
    private static final int C1 = 8;
    private static final int C2 = 16;

    private MillerLoop() {
    }

    static int[] naf(BigInteger k) {
        int[] digits = new int[k.bitLength() + 1];
        int n = 0;
        while (k.signum() > 0) {
            int digit = 0;
            if (k.testBit(0)) {
                digit = 2 - k.mod(BigInteger.valueOf(4)).intValue(); // 1 or -1
                k = k.subtract(BigInteger.valueOf(digit));
            }
            digits[n++] = digit;
            k = k.shiftRight(1);
        }
        return java.util.Arrays.copyOf(digits, n);
    }

    /**
     * The Miller loop value for the given pairs. gs holds affine G1 points (xP, yP as 8 limbs),
     * qs affine G2 points (x, y as 16 limbs); none may be the point at infinity (such pairs
     * contribute 1 and are left out by the caller).
     */
    static long[] run(long[][] ps, long[][] qs) {
        int n = ps.length;
        long[] f = Fp12.one();
        long[][] ts = new long[n][];
        long[][] negQs = new long[n][];
        for (int k = 0; k < n; k++) {
            ts[k] = new long[3 * Fp2.SIZE];
            Fp2.set(ts[k], TX, qs[k], 0);
            Fp2.set(ts[k], TY, qs[k], 8);
            Fp2.setOne(ts[k], TZ);
            negQs[k] = new long[2 * Fp2.SIZE];
            Fp2.set(negQs[k], 0, qs[k], 0);
            Fp2.neg(negQs[k], 8, qs[k], 8);
        }
        long[] line = new long[3 * Fp2.SIZE];
        long[] t = new long[16 * Fp2.SIZE];
        int[] digits = SIX_U_PLUS_2_NAF;
        for (int i = digits.length - 2; i >= 0; i--) {
            if (i != digits.length - 2) {
                Fp12.sqr(f, 0, f, 0);
            }
            for (int k = 0; k < n; k++) {
                doublingStep(ts[k], line, t);
                multiplyByLine(f, line, ps[k]);
            }
            if (digits[i] != 0) {
                for (int k = 0; k < n; k++) {
                    additionStep(ts[k], digits[i] > 0 ? qs[k] : negQs[k], line, t);
                    multiplyByLine(f, line, ps[k]);
                }
            }
        }
        // u > 0 for BN254, so no final conjugation; finish with Q1 = ψ(Q) and Q2 = −ψ^2(Q)
        long[] q1 = new long[G2.SIZE];
        long[] q2 = new long[G2.SIZE];
        long[] affine = new long[2 * Fp2.SIZE];
        for (int k = 0; k < n; k++) {
            long[] q = new long[G2.SIZE];
            Fp2.set(q, G2.X, qs[k], 0);
            Fp2.set(q, G2.Y, qs[k], 8);
            Fp2.setOne(q, G2.Z);
            G2.psi(q1, q);
            G2.psi(q2, q1);
            G2.neg(q2, q2);
            // ψ keeps Z = conj(1) = 1, so these are affine already
            Fp2.set(affine, 0, q1, G2.X);
            Fp2.set(affine, 8, q1, G2.Y);
            additionStep(ts[k], affine, line, t);
            multiplyByLine(f, line, ps[k]);
            Fp2.set(affine, 0, q2, G2.X);
            Fp2.set(affine, 8, q2, G2.Y);
            additionStep(ts[k], affine, line, t);
            multiplyByLine(f, line, ps[k]);
        }
        return f;
    }

    /** f *= c0·yP + c1·xP·w + c2·w^3. */
    private static void multiplyByLine(long[] f, long[] line, long[] p) {
        Fp2.mulByFp(line, C0, line, C0, p, 4);
        Fp2.mulByFp(line, C1, line, C1, p, 0);
        Fp12.mulBy034(f, 0, line, C0, line, C1, line, C2);
    }

    /**
     * T = 2T and the tangent line at T: with b' the twist coefficient,
     * A = XY/2, B = Y^2, C = Z^2, E = 3b'C, F = 3E, G = (B + F)/2, H = (Y + Z)^2 − B − C;
     * X' = A(B − F), Y' = G^2 − 3E^2, Z' = BH; line (−H, 3X^2, E − B).
     */
    static void doublingStep(long[] tp, long[] line, long[] t) {
        final int a = 0, b = 8, c = 16, e = 24, f = 32, g = 40, h = 48, j = 56, s = 64;
        Fp2.mul(t, a, tp, TX, tp, TY);
        Fp2.mulByFp(t, a, t, a, TWO_INV, 0);
        Fp2.sqr(t, b, tp, TY);
        Fp2.sqr(t, c, tp, TZ);
        Fp2.dbl(t, e, t, c);
        Fp2.add(t, e, t, e, t, c);
        Fp2.mul(t, e, t, e, G2.TWIST_B, 0);
        Fp2.dbl(t, f, t, e);
        Fp2.add(t, f, t, f, t, e);
        Fp2.add(t, g, t, b, t, f);
        Fp2.mulByFp(t, g, t, g, TWO_INV, 0);
        Fp2.add(t, h, tp, TY, tp, TZ);
        Fp2.sqr(t, h, t, h);
        Fp2.sub(t, h, t, h, t, b);
        Fp2.sub(t, h, t, h, t, c);
        Fp2.sqr(t, j, tp, TX);
        // line coefficients
        Fp2.neg(line, C0, t, h);
        Fp2.dbl(line, C1, t, j);
        Fp2.add(line, C1, line, C1, t, j);
        Fp2.sub(line, C2, t, e, t, b);
        // the new point
        Fp2.sub(t, s, t, b, t, f);
        Fp2.mul(tp, TX, t, a, t, s);
        Fp2.sqr(t, s, t, e);
        Fp2.dbl(t, c, t, s);
        Fp2.add(t, c, t, c, t, s);
        Fp2.sqr(t, s, t, g);
        Fp2.sub(tp, TY, t, s, t, c);
        Fp2.mul(tp, TZ, t, b, t, h);
    }

    /**
     * T = T + Q for affine Q and the line through them: θ = Y − yQ·Z, λ = X − xQ·Z,
     * C = θ^2, D = λ^2, E = λD, F = ZC, G = XD, H = E + F − 2G;
     * X' = λH, Y' = θ(G − H) − EY, Z' = ZE; line (λ, −θ, θ·xQ − λ·yQ).
     */
    static void additionStep(long[] tp, long[] q, long[] line, long[] t) {
        final int theta = 0, lambda = 8, c = 16, d = 24, e = 32, f = 40, g = 48, h = 56, s = 64;
        Fp2.mul(t, theta, q, 8, tp, TZ);
        Fp2.sub(t, theta, tp, TY, t, theta);
        Fp2.mul(t, lambda, q, 0, tp, TZ);
        Fp2.sub(t, lambda, tp, TX, t, lambda);
        Fp2.sqr(t, c, t, theta);
        Fp2.sqr(t, d, t, lambda);
        Fp2.mul(t, e, t, lambda, t, d);
        Fp2.mul(t, f, tp, TZ, t, c);
        Fp2.mul(t, g, tp, TX, t, d);
        Fp2.dbl(t, h, t, g);
        Fp2.sub(t, h, t, f, t, h);
        Fp2.add(t, h, t, h, t, e);
        // line coefficients
        Fp2.set(line, C0, t, lambda);
        Fp2.neg(line, C1, t, theta);
        Fp2.mul(t, s, t, theta, q, 0);
        Fp2.mul(line, C2, t, lambda, q, 8);
        Fp2.sub(line, C2, t, s, line, C2);
        // the new point
        Fp2.mul(tp, TX, t, lambda, t, h);
        Fp2.sub(t, s, t, g, t, h);
        Fp2.mul(t, s, t, s, t, theta);
        Fp2.mul(t, c, t, e, tp, TY);
        Fp2.sub(tp, TY, t, s, t, c);
        Fp2.mul(tp, TZ, tp, TZ, t, e);
    }
}
