package io.evmsim.evm.precompile.bn254;

import java.math.BigInteger;
import java.util.Random;

/** Shared helpers for the BN254 tests: encodings, random elements, slow reference algorithms. */
final class Bn254TestSupport {
    static final BigInteger P = Fp.MODULUS;
    static final BigInteger R = G2.ORDER;

    /** The EIP-197 generator of G2 (x_im, x_re, y_im, y_re). */
    static final byte[] G2_GENERATOR = io.evmsim.common.bytes.Hex.decode(
            "198e9393920d483a7260bfb731fb5d25f1aa493335a9e71297e485b7aef312c2"
            + "1800deef121f1e76426a00665e5c4479674322d4f75edadd46debd5cd992f6ed"
            + "090689d0585ff075ec9e99ad690c3395bc4b313370b38ef355acdadcd122975b"
            + "12c85ea5db8c6deb4aab71808dcb408fe3d1e7690c43d37b4ce6cc0166fa7daa");

    private Bn254TestSupport() {
    }

    static long[] g1Generator() {
        byte[] in = new byte[64];
        in[31] = 1;
        in[63] = 2;
        return G1.decode(in, 0);
    }

    static long[] g2Generator() {
        return G2.decode(G2_GENERATOR, 0);
    }

    static BigInteger randomBelow(Random random, BigInteger bound) {
        BigInteger x;
        do {
            x = new BigInteger(bound.bitLength(), random);
        } while (x.compareTo(bound) >= 0);
        return x;
    }

    static byte[] word(BigInteger value) {
        byte[] out = new byte[32];
        byte[] raw = value.toByteArray();
        int n = Math.min(raw.length, 32);
        System.arraycopy(raw, raw.length - n, out, 32 - n, n);
        return out;
    }

    static long[] g1Mul(long[] p, BigInteger k) {
        return G1.mul(p, word(k), 0);
    }

    static long[] g2Mul(long[] q, BigInteger k) {
        return G2.mul(q, Fp.limbs(k));
    }

    static byte[] encodeG1(long[] p) {
        byte[] out = new byte[64];
        G1.encode(p, out, 0);
        return out;
    }

    /** EIP-197 encoding of a G2 point: x_im, x_re, y_im, y_re; infinity as zeros. */
    static byte[] encodeG2(long[] q) {
        byte[] out = new byte[128];
        if (G2.isInfinity(q)) {
            return out;
        }
        long[] a = G2.toAffine(q);
        Fp.toBytes(a, 4, out, 0);
        Fp.toBytes(a, 0, out, 32);
        Fp.toBytes(a, 12, out, 64);
        Fp.toBytes(a, 8, out, 96);
        return out;
    }

    static long[] g1Affine(long[] p) {
        return java.util.Arrays.copyOf(G1.decode(encodeG1(p), 0), 8);
    }

    static long[] g2Affine(long[] q) {
        return G2.toAffine(q);
    }

    static long[] pairing(long[] p, long[] q) {
        return Pairing.product(new long[][] {g1Affine(p)}, new long[][] {g2Affine(q)});
    }

    static long[] randomFp2(Random random) {
        return Fp2.of(randomBelow(random, P), randomBelow(random, P));
    }

    static long[] randomFp12(Random random) {
        long[] f = new long[Fp12.SIZE];
        for (int j = 0; j < 6; j++) {
            Fp2.set(f, 8 * j, randomFp2(random), 0);
        }
        return f;
    }

    static long[] fp12Pow(long[] f, BigInteger e) {
        long[] acc = Fp12.one();
        for (int bit = e.bitLength() - 1; bit >= 0; bit--) {
            Fp12.sqr(acc, 0, acc, 0);
            if (e.testBit(bit)) {
                Fp12.mul(acc, 0, acc, 0, f, 0);
            }
        }
        return acc;
    }

    /**
     * A square root in F_p2 for p ≡ 3 (mod 4) (Adj and Rodríguez-Henríquez, "Square root
     * computation over even extension fields", algorithm 9); null when a is not a square.
     */
    static long[] fp2Sqrt(long[] a) {
        long[] a1 = new long[8];
        Fp2.pow(a1, 0, a, 0, P.subtract(BigInteger.valueOf(3)).shiftRight(2));
        long[] alpha = new long[8];
        Fp2.sqr(alpha, 0, a1, 0);
        Fp2.mul(alpha, 0, alpha, 0, a, 0);
        long[] a0 = new long[8];
        Fp2.conj(a0, 0, alpha, 0);
        Fp2.mul(a0, 0, a0, 0, alpha, 0);
        long[] minusOne = new long[8];
        Fp2.neg(minusOne, 0, Fp2.ONE, 0);
        if (Fp2.equal(a0, 0, minusOne, 0)) {
            return null;
        }
        long[] x0 = new long[8];
        Fp2.mul(x0, 0, a1, 0, a, 0);
        long[] x = new long[8];
        if (Fp2.equal(alpha, 0, minusOne, 0)) {
            Fp2.mul(x, 0, x0, 0, Fp2.of(BigInteger.ZERO, BigInteger.ONE), 0);
        } else {
            long[] b = new long[8];
            Fp2.add(b, 0, alpha, 0, Fp2.ONE, 0);
            Fp2.pow(b, 0, b, 0, P.subtract(BigInteger.ONE).shiftRight(1));
            Fp2.mul(x, 0, b, 0, x0, 0);
        }
        long[] check = new long[8];
        Fp2.sqr(check, 0, x, 0);
        return Fp2.equal(check, 0, a, 0) ? x : null;
    }

    /** A random point on the twist, almost surely outside G2 (the cofactor is about p). */
    static long[] randomTwistPoint(Random random) {
        while (true) {
            long[] x = randomFp2(random);
            long[] rhs = new long[8];
            Fp2.sqr(rhs, 0, x, 0);
            Fp2.mul(rhs, 0, rhs, 0, x, 0);
            Fp2.add(rhs, 0, rhs, 0, G2.TWIST_B, 0);
            long[] y = fp2Sqrt(rhs);
            if (y != null) {
                long[] q = new long[G2.SIZE];
                Fp2.set(q, G2.X, x, 0);
                Fp2.set(q, G2.Y, y, 0);
                Fp2.setOne(q, G2.Z);
                return q;
            }
        }
    }

    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] part : parts) {
            n += part.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, out, at, part.length);
            at += part.length;
        }
        return out;
    }
}
