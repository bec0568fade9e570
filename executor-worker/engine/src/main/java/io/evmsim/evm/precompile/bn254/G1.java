package io.evmsim.evm.precompile.bn254;

/**
 * The group G1: points of y^2 = x^3 + 3 over F_p (EIP-196). The curve has prime order r, so every
 * point on it is in G1 and no subgroup check is needed.
 *
 * <p>Points are Jacobian (X, Y, Z) in 12 limbs, meaning (X/Z^2, Y/Z^3); Z = 0 is the point at
 * infinity. Operations take a caller-owned scratch array of {@link #SCRATCH} limbs, so a scalar
 * multiplication allocates nothing per step.
 */
final class G1 {
    static final int SIZE = 12;
    static final int SCRATCH = 40;
    static final int ENCODED = 64;
    private static final int X = 0;
    private static final int Y = 4;
    private static final int Z = 8;
    private static final long[] B = Fp.of(java.math.BigInteger.valueOf(3));

    private G1() {
    }

    static boolean isInfinity(long[] p) {
        return Fp.isZero(p, Z);
    }

    /**
     * Decodes an affine point (x, y), two 32-byte big-endian words; (0, 0) is the point at
     * infinity. Null when a coordinate is not below p or the point is not on the curve.
     */
    static long[] decode(byte[] in, int offset) {
        long[] p = new long[SIZE];
        if (!Fp.fromBytes(in, offset, p, X) || !Fp.fromBytes(in, offset + 32, p, Y)) {
            return null;
        }
        if (Fp.isZero(p, X) && Fp.isZero(p, Y)) {
            return p; // Z = 0
        }
        Fp.setOne(p, Z);
        return isOnCurveAffine(p) ? p : null;
    }

    private static boolean isOnCurveAffine(long[] p) {
        long[] t = new long[8];
        Fp.sqr(t, 0, p, Y);
        Fp.sqr(t, 4, p, X);
        Fp.mul(t, 4, t, 4, p, X);
        Fp.add(t, 4, t, 4, B, 0);
        return Fp.equal(t, 0, t, 4);
    }

    /** Writes the affine encoding: 64 bytes, (0, 0) for infinity. */
    static void encode(long[] p, byte[] out, int offset) {
        if (isInfinity(p)) {
            java.util.Arrays.fill(out, offset, offset + ENCODED, (byte) 0);
            return;
        }
        long[] t = new long[12];
        Fp.inv(t, 0, p, Z);
        Fp.sqr(t, 4, t, 0);
        Fp.mul(t, 8, p, X, t, 4);
        Fp.toBytes(t, 8, out, offset);
        Fp.mul(t, 4, t, 4, t, 0);
        Fp.mul(t, 8, p, Y, t, 4);
        Fp.toBytes(t, 8, out, offset + 32);
    }

    /** r = 2p, "dbl-2009-l" for a = 0 (Explicit-Formulas Database): 2M + 5S. */
    static void dbl(long[] r, long[] p, long[] t) {
        if (isInfinity(p)) {
            System.arraycopy(p, 0, r, 0, SIZE);
            return;
        }
        final int a = 0, b = 4, c = 8, d = 12, e = 16, f = 20, z3 = 24;
        Fp.sqr(t, a, p, X);
        Fp.sqr(t, b, p, Y);
        Fp.sqr(t, c, t, b);
        // D = 2((X + B)^2 − A − C)
        Fp.add(t, d, p, X, t, b);
        Fp.sqr(t, d, t, d);
        Fp.sub(t, d, t, d, t, a);
        Fp.sub(t, d, t, d, t, c);
        Fp.dbl(t, d, t, d);
        // E = 3A, F = E^2
        Fp.dbl(t, e, t, a);
        Fp.add(t, e, t, e, t, a);
        Fp.sqr(t, f, t, e);
        // Z3 = 2·Y·Z, computed before Y is overwritten
        Fp.mul(t, z3, p, Y, p, Z);
        Fp.dbl(r, Z, t, z3);
        // X3 = F − 2D
        Fp.dbl(t, a, t, d);
        Fp.sub(r, X, t, f, t, a);
        // Y3 = E(D − X3) − 8C
        Fp.sub(t, d, t, d, r, X);
        Fp.mul(t, d, t, d, t, e);
        Fp.dbl(t, c, t, c);
        Fp.dbl(t, c, t, c);
        Fp.dbl(t, c, t, c);
        Fp.sub(r, Y, t, d, t, c);
    }

    /** r = p + q, "add-2007-bl" with the doubling and opposite-point cases handled; r may be p or q. */
    static void add(long[] r, long[] p, long[] q, long[] t) {
        if (isInfinity(p)) {
            System.arraycopy(q, 0, r, 0, SIZE);
            return;
        }
        if (isInfinity(q)) {
            System.arraycopy(p, 0, r, 0, SIZE);
            return;
        }
        final int z1z1 = 0, z2z2 = 4, u1 = 8, u2 = 12, s1 = 16, s2 = 20, h = 24, i = 28, j = 32, v = 36;
        Fp.sqr(t, z1z1, p, Z);
        Fp.sqr(t, z2z2, q, Z);
        Fp.mul(t, u1, p, X, t, z2z2);
        Fp.mul(t, u2, q, X, t, z1z1);
        Fp.mul(t, s1, p, Y, q, Z);
        Fp.mul(t, s1, t, s1, t, z2z2);
        Fp.mul(t, s2, q, Y, p, Z);
        Fp.mul(t, s2, t, s2, t, z1z1);
        Fp.sub(t, h, t, u2, t, u1);
        Fp.sub(t, s2, t, s2, t, s1); // s2 now holds S2 − S1
        if (Fp.isZero(t, h)) {
            if (Fp.isZero(t, s2)) {
                dbl(r, p, t);
            } else {
                java.util.Arrays.fill(r, 0, SIZE, 0L);
            }
            return;
        }
        // Z3 = ((Z1 + Z2)^2 − Z1Z1 − Z2Z2)·H, computed first since r may alias p or q
        Fp.add(t, i, p, Z, q, Z);
        Fp.sqr(t, i, t, i);
        Fp.sub(t, i, t, i, t, z1z1);
        Fp.sub(t, i, t, i, t, z2z2);
        Fp.mul(r, Z, t, i, t, h);
        // I = (2H)^2, J = H·I, rr = 2(S2 − S1), V = U1·I
        Fp.dbl(t, i, t, h);
        Fp.sqr(t, i, t, i);
        Fp.mul(t, j, t, h, t, i);
        Fp.dbl(t, s2, t, s2);
        Fp.mul(t, v, t, u1, t, i);
        // X3 = rr^2 − J − 2V
        Fp.sqr(t, u2, t, s2);
        Fp.sub(t, u2, t, u2, t, j);
        Fp.sub(t, u2, t, u2, t, v);
        Fp.sub(r, X, t, u2, t, v);
        // Y3 = rr(V − X3) − 2·S1·J
        Fp.sub(t, v, t, v, r, X);
        Fp.mul(t, v, t, v, t, s2);
        Fp.mul(t, s1, t, s1, t, j);
        Fp.dbl(t, s1, t, s1);
        Fp.sub(r, Y, t, v, t, s1);
    }

    /**
     * r = [k]p for a 256-bit big-endian scalar (EIP-196 does not reduce it; r·p = O anyway).
     * Fixed 4-bit windows over a table of p..15p: 256 doublings and at most 64 additions, where
     * plain double-and-add needs up to 256 additions.
     */
    static long[] mul(long[] p, byte[] scalar, int offset) {
        long[] t = new long[SCRATCH];
        long[][] table = new long[16][];
        table[1] = p;
        for (int i = 2; i < 16; i++) {
            table[i] = new long[SIZE];
            add(table[i], table[i - 1], p, t);
        }
        long[] acc = new long[SIZE];
        for (int i = 0; i < 64; i++) {
            int b = scalar[offset + (i >>> 1)] & 0xff;
            int window = (i & 1) == 0 ? b >>> 4 : b & 0x0f;
            for (int d = 0; d < 4; d++) {
                dbl(acc, acc, t);
            }
            if (window != 0) {
                add(acc, acc, table[window], t);
            }
        }
        return acc;
    }
}
