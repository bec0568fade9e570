package io.evmsim.common.crypto;

import static io.evmsim.common.crypto.Secp256k1Field.add;
import static io.evmsim.common.crypto.Secp256k1Field.equal;
import static io.evmsim.common.crypto.Secp256k1Field.invert;
import static io.evmsim.common.crypto.Secp256k1Field.isBelowP;
import static io.evmsim.common.crypto.Secp256k1Field.isOdd;
import static io.evmsim.common.crypto.Secp256k1Field.mul;
import static io.evmsim.common.crypto.Secp256k1Field.negate;
import static io.evmsim.common.crypto.Secp256k1Field.sqrtCandidate;
import static io.evmsim.common.crypto.Secp256k1Field.square;

import io.evmsim.common.types.UInt256;
import java.math.BigInteger;
import org.bouncycastle.util.BigIntegers;

/**
 * Public key recovery (SEC 1, section 4.1.6): Q = r^-1 (s R - e G) = u1 G + u2 R, computed as
 * one interleaved (Strauss-Shamir) double multiplication. u2 is split with the GLV endomorphism
 * (lambda R = (beta x, y)) into two 128-bit halves, each in width-5 NAF against 8 odd multiples;
 * u1 is split as lo + hi 2^128 against the precomputed {@link GeneratorTable}. So all four
 * half-scalars share 128 doublings, and Q needs one field inversion at the end.
 */
final class Secp256k1Recovery {
    private static final BigInteger N = Secp256k1.N;
    private static final long[] SEVEN = Secp256k1Field.of(7, 0, 0, 0);
    /** beta: a cube root of unity mod p; (x, y) -> (beta x, y) multiplies a point by lambda. */
    private static final long[] BETA = limbs(
            new BigInteger("7ae96a2b657c07106e64479eac3434e99cf0497512f58995c1396c28719501ee", 16), 4);
    /** Width of the NAF for R and lambda R: 8 odd multiples each. */
    private static final int WIDTH_R = 5;
    /** Digits for scalars below 2^129 plus the carry position. */
    private static final int DIGITS = 131;

    // The GLV lattice basis (v1 = (a1, b1), v2 = (a2, b2)) and rounding constants g1, g2
    // ~ 2^272 b2 / n and -2^272 b1 / n (Guide to ECC, algorithm 3.74, as Bouncy Castle's secp256k1).
    private static final BigInteger A1 = new BigInteger("3086d221a7d46bcde86c90e49284eb15", 16);
    private static final BigInteger B1 = new BigInteger("-e4437ed6010e88286f547fa90abfe4c3", 16);
    private static final BigInteger A2 = new BigInteger("114ca50f7a8e2f3f657c1108d9d44cfd8", 16);
    private static final BigInteger B2 = A1;
    private static final BigInteger G1 = new BigInteger("3086d221a7d46bcde86c90e49284eb153dab", 16);
    private static final BigInteger G2 = new BigInteger("e4437ed6010e88286f547fa90abfe4c42212", 16);
    private static final int G_SHIFT = 272;
    private static final BigInteger LOW_128 = BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE);

    private Secp256k1Recovery() {
    }

    /**
     * Writes the 64-byte uncompressed public key (x then y, big-endian) into {@code publicKey} and
     * returns true, or returns false when no key produced the signature. The caller has checked
     * that r and s lie in [1, n-1] and the recovery id in 0..3.
     */
    static boolean recover(byte[] hash32, int recoveryId, UInt256 r, UInt256 s, byte[] publicKey) {
        long[] rx = liftX(r, (recoveryId & 2) != 0);
        if (rx == null) {
            return false;
        }
        long[] ry = new long[4];
        if (!solveY(ry, rx, (recoveryId & 1) != 0)) {
            return false;
        }
        BigInteger rValue = r.toBigInteger();
        BigInteger rInverse = BigIntegers.modOddInverseVar(N, rValue);
        BigInteger e = new BigInteger(1, hash32).mod(N);
        BigInteger u1 = N.subtract(e).multiply(rInverse).mod(N);
        BigInteger u2 = s.toBigInteger().multiply(rInverse).mod(N);

        JacobianPoint q = doubleMultiply(u1, u2, rx, ry);
        if (q.infinity) {
            return false;
        }
        long[] zInverse = new long[4];
        long[] zInverse2 = new long[4];
        invert(zInverse, q.z);
        square(zInverse2, zInverse);
        mul(q.x, q.x, zInverse2);
        mul(q.y, q.y, zInverse2);
        mul(q.y, q.y, zInverse);
        Secp256k1Field.toBytes(q.x, publicKey, 0);
        Secp256k1Field.toBytes(q.y, publicKey, 32);
        return true;
    }

    /** R.x = r, or r + n for recovery ids 2 and 3; null when that is not below p. */
    private static long[] liftX(UInt256 r, boolean overflowed) {
        long w0 = r.w0, w1 = r.w1, w2 = r.w2, w3 = r.w3;
        if (overflowed) {
            BigInteger x = r.toBigInteger().add(N);
            if (x.bitLength() > 256) {
                return null;
            }
            long[] limbs = limbs(x, 4);
            w0 = limbs[0];
            w1 = limbs[1];
            w2 = limbs[2];
            w3 = limbs[3];
        }
        return isBelowP(w0, w1, w2, w3) ? Secp256k1Field.of(w0, w1, w2, w3) : null;
    }

    /** y with y^2 = x^3 + 7 and the given parity; false when x^3 + 7 is not a square. */
    private static boolean solveY(long[] y, long[] x, boolean odd) {
        long[] rhs = new long[4];
        square(rhs, x);
        mul(rhs, rhs, x);
        add(rhs, rhs, SEVEN);
        sqrtCandidate(y, rhs);
        long[] check = new long[4];
        square(check, y);
        if (!equal(check, rhs)) {
            return false;
        }
        if (isOdd(y) != odd) {
            negate(y, y);
        }
        return true;
    }

    private static JacobianPoint doubleMultiply(BigInteger u1, BigInteger u2, long[] rx, long[] ry) {
        int[] gLow = new int[DIGITS];
        int[] gHigh = new int[DIGITS];
        int top = Math.max(
                Wnaf.digits(gLow, limbs(u1.and(LOW_128), 3), false, GeneratorTable.WIDTH),
                Wnaf.digits(gHigh, limbs(u1.shiftRight(128), 3), false, GeneratorTable.WIDTH));

        BigInteger[] split = splitByLambda(u2);
        int[] r1 = new int[DIGITS];
        int[] r2 = new int[DIGITS];
        top = Math.max(top, Wnaf.digits(r1, limbs(split[0].abs(), 3), split[0].signum() < 0, WIDTH_R));
        top = Math.max(top, Wnaf.digits(r2, limbs(split[1].abs(), 3), split[1].signum() < 0, WIDTH_R));

        // The 8 odd multiples of R made affine with one shared inversion, so that every addition
        // in the loop is a mixed one (8M + 3S instead of 12M + 4S); lambda R's are (beta x, y).
        int count = 1 << (WIDTH_R - 2);
        long[][] xs = new long[count][];
        long[][] ys = new long[count][];
        GeneratorTable.toAffine(GeneratorTable.oddMultiples(JacobianPoint.ofAffine(rx, ry), count), xs, ys);
        long[][] lambdaXs = new long[count][4];
        for (int i = 0; i < count; i++) {
            mul(lambdaXs[i], xs[i], BETA);
        }

        JacobianPoint q = new JacobianPoint();
        for (int i = top; i >= 0; i--) {
            q.doubleInPlace();
            int d = r1[i];
            if (d != 0) {
                int index = Math.abs(d) >> 1;
                q.addAffine(xs[index], ys[index], d < 0);
            }
            d = r2[i];
            if (d != 0) {
                int index = Math.abs(d) >> 1;
                q.addAffine(lambdaXs[index], ys[index], d < 0);
            }
            d = gLow[i];
            if (d != 0) {
                int index = Math.abs(d) >> 1;
                q.addAffine(GeneratorTable.G_XS[index], GeneratorTable.G_YS[index], d < 0);
            }
            d = gHigh[i];
            if (d != 0) {
                int index = Math.abs(d) >> 1;
                q.addAffine(GeneratorTable.H_XS[index], GeneratorTable.H_YS[index], d < 0);
            }
        }
        return q;
    }

    /** k = k1 + k2 lambda (mod n) with |k1|, |k2| about 2^128 (Guide to ECC, algorithm 3.74). */
    static BigInteger[] splitByLambda(BigInteger k) {
        BigInteger c1 = roundedShift(k.multiply(G1));
        BigInteger c2 = roundedShift(k.multiply(G2));
        BigInteger k1 = k.subtract(c1.multiply(A1).add(c2.multiply(A2)));
        BigInteger k2 = c1.multiply(B1).add(c2.multiply(B2)).negate();
        return new BigInteger[] {k1, k2};
    }

    private static BigInteger roundedShift(BigInteger value) {
        BigInteger shifted = value.shiftRight(G_SHIFT);
        return value.testBit(G_SHIFT - 1) ? shifted.add(BigInteger.ONE) : shifted;
    }

    private static long[] limbs(BigInteger value, int count) {
        long[] limbs = new long[count];
        for (int i = 0; i < count; i++) {
            limbs[i] = value.shiftRight(64 * i).longValue();
        }
        return limbs;
    }
}
