package io.evmsim.common.crypto;

import org.bouncycastle.math.raw.Mod;

/**
 * Arithmetic modulo the secp256k1 field prime p = 2^256 - 2^32 - 977 on four 64-bit limbs,
 * least significant first, in caller-owned {@code long[4]} arrays so that the hot loops of
 * {@link Secp256k1Recovery} allocate nothing. Elements are kept weakly reduced: any 256-bit value
 * congruent to the element, so p itself may stand for 0; only the comparisons, parity and encoding
 * reduce fully. Results may alias operands.
 *
 * <p>Reduction uses 2^256 = 2^32 + 977 = C (mod p): the high half of a 512-bit product is
 * multiplied by the 33-bit C and added to the low half, twice. Carries that are rare (probability
 * about 2^-30 or less on non-adversarial data, and always correct) take branches, which the CPU
 * predicts, instead of being computed for every limb.
 */
final class Secp256k1Field {
    /** 2^256 - p. */
    private static final long C = 0x1000003D1L;
    /** p as Bouncy Castle's little-endian 32-bit words. */
    private static final int[] P_INTS = {0xFFFFFC2F, 0xFFFFFFFE, -1, -1, -1, -1, -1, -1};

    private Secp256k1Field() {
    }

    static long[] of(long w0, long w1, long w2, long w3) {
        return new long[] {w0, w1, w2, w3};
    }

    static long[] copy(long[] a) {
        return a.clone();
    }

    static void set(long[] r, long[] a) {
        r[0] = a[0];
        r[1] = a[1];
        r[2] = a[2];
        r[3] = a[3];
    }

    static boolean isZero(long[] a) {
        return (a[0] | a[1] | a[2] | a[3]) == 0 || isP(a);
    }

    static boolean equal(long[] a, long[] b) {
        long[] difference = new long[4];
        sub(difference, a, b);
        return isZero(difference);
    }

    static boolean isOdd(long[] a) {
        // p is odd, so subtracting it (when a >= p) flips the parity.
        return ((a[0] & 1) != 0) == isBelowP(a[0], a[1], a[2], a[3]);
    }

    private static boolean isP(long[] a) {
        return a[0] == 0xFFFFFFFEFFFFFC2FL && (a[1] & a[2] & a[3]) == -1L;
    }

    /** True when the 256-bit value in the limbs is below p, that is a field element. */
    static boolean isBelowP(long w0, long w1, long w2, long w3) {
        // value >= p exactly when value + C carries out of 256 bits.
        long s0 = w0 + C;
        long k = carry(w0, C, s0);
        long s1 = w1 + k;
        k = carry(w1, k, s1);
        long s2 = w2 + k;
        k = carry(w2, k, s2);
        long s3 = w3 + k;
        return carry(w3, k, s3) == 0;
    }

    /** The representative in [0, p): a, or a - p = a + C - 2^256. */
    static long[] reduced(long[] a) {
        long[] r = a.clone();
        if (!isBelowP(a[0], a[1], a[2], a[3])) {
            // p <= a < 2^256: the high limbs are all ones and a - p = a + C - 2^256 < C.
            r[0] += C;
            r[1] = 0;
            r[2] = 0;
            r[3] = 0;
        }
        return r;
    }

    /** Writes the element big-endian into 32 bytes of {@code out} at {@code offset}. */
    static void toBytes(long[] a, byte[] out, int offset) {
        long[] value = reduced(a);
        for (int limb = 0; limb < 4; limb++) {
            long w = value[3 - limb];
            for (int i = 0; i < 8; i++) {
                out[offset + 8 * limb + i] = (byte) (w >>> (56 - 8 * i));
            }
        }
    }

    static void add(long[] r, long[] a, long[] b) {
        long a0 = a[0], a1 = a[1], a2 = a[2], a3 = a[3];
        long s0 = a0 + b[0];
        long k = carry(a0, b[0], s0);
        long t = a1 + b[1];
        long s1 = t + k;
        k = carry(a1, b[1], t) | carry(t, k, s1);
        t = a2 + b[2];
        long s2 = t + k;
        k = carry(a2, b[2], t) | carry(t, k, s2);
        t = a3 + b[3];
        long s3 = t + k;
        k = carry(a3, b[3], t) | carry(t, k, s3);
        // The sum lost 2^256 = C (mod p) when it carried out: add C back.
        addSmall(r, s0, s1, s2, s3, C & -k);
    }

    static void sub(long[] r, long[] a, long[] b) {
        long a0 = a[0], a1 = a[1], a2 = a[2], a3 = a[3];
        long b0 = b[0], b1 = b[1], b2 = b[2], b3 = b[3];
        long d0 = a0 - b0;
        long k = borrow(a0, b0, d0);
        long t = a1 - b1;
        long d1 = t - k;
        k = borrow(a1, b1, t) | borrow(t, k, d1);
        t = a2 - b2;
        long d2 = t - k;
        k = borrow(a2, b2, t) | borrow(t, k, d2);
        t = a3 - b3;
        long d3 = t - k;
        k = borrow(a3, b3, t) | borrow(t, k, d3);
        // On borrow the limbs hold a - b + 2^256 = a - b + C (mod p): subtract C. Should that
        // borrow in turn (the limbs were below C), the wrap added 2^256 = C once more.
        long c = C & -k;
        long e0 = d0 - c;
        if (Long.compareUnsigned(d0, c) < 0 && d1-- == 0 && d2-- == 0 && d3-- == 0) {
            e0 -= C;
        }
        r[0] = e0;
        r[1] = d1;
        r[2] = d2;
        r[3] = d3;
    }

    static void negate(long[] r, long[] a) {
        sub(r, ZERO, a);
    }

    private static final long[] ZERO = new long[4];

    static void mul(long[] r, long[] a, long[] b) {
        long a0 = a[0], a1 = a[1], a2 = a[2], a3 = a[3];
        long b0 = b[0], b1 = b[1], b2 = b[2], b3 = b[3];
        long lo;
        long hi;
        long s;
        long c;
        // Row 0: t = a0 * b.
        long t0 = a0 * b0;
        c = Math.unsignedMultiplyHigh(a0, b0);
        lo = a0 * b1;
        hi = Math.unsignedMultiplyHigh(a0, b1);
        long t1 = lo + c;
        c = hi + carry(lo, c, t1);
        lo = a0 * b2;
        hi = Math.unsignedMultiplyHigh(a0, b2);
        long t2 = lo + c;
        c = hi + carry(lo, c, t2);
        lo = a0 * b3;
        hi = Math.unsignedMultiplyHigh(a0, b3);
        long t3 = lo + c;
        long t4 = hi + carry(lo, c, t3);
        // Row 1: t += a1 * b << 64. Each step's a*b + t + c fits 128 bits, so hi never overflows.
        lo = a1 * b0;
        hi = Math.unsignedMultiplyHigh(a1, b0);
        s = t1 + lo;
        c = hi + carry(t1, lo, s);
        t1 = s;
        lo = a1 * b1;
        hi = Math.unsignedMultiplyHigh(a1, b1);
        s = t2 + lo;
        hi += carry(t2, lo, s);
        t2 = s + c;
        c = hi + carry(s, c, t2);
        lo = a1 * b2;
        hi = Math.unsignedMultiplyHigh(a1, b2);
        s = t3 + lo;
        hi += carry(t3, lo, s);
        t3 = s + c;
        c = hi + carry(s, c, t3);
        lo = a1 * b3;
        hi = Math.unsignedMultiplyHigh(a1, b3);
        s = t4 + lo;
        hi += carry(t4, lo, s);
        t4 = s + c;
        long t5 = hi + carry(s, c, t4);
        // Row 2.
        lo = a2 * b0;
        hi = Math.unsignedMultiplyHigh(a2, b0);
        s = t2 + lo;
        c = hi + carry(t2, lo, s);
        t2 = s;
        lo = a2 * b1;
        hi = Math.unsignedMultiplyHigh(a2, b1);
        s = t3 + lo;
        hi += carry(t3, lo, s);
        t3 = s + c;
        c = hi + carry(s, c, t3);
        lo = a2 * b2;
        hi = Math.unsignedMultiplyHigh(a2, b2);
        s = t4 + lo;
        hi += carry(t4, lo, s);
        t4 = s + c;
        c = hi + carry(s, c, t4);
        lo = a2 * b3;
        hi = Math.unsignedMultiplyHigh(a2, b3);
        s = t5 + lo;
        hi += carry(t5, lo, s);
        t5 = s + c;
        long t6 = hi + carry(s, c, t5);
        // Row 3.
        lo = a3 * b0;
        hi = Math.unsignedMultiplyHigh(a3, b0);
        s = t3 + lo;
        c = hi + carry(t3, lo, s);
        t3 = s;
        lo = a3 * b1;
        hi = Math.unsignedMultiplyHigh(a3, b1);
        s = t4 + lo;
        hi += carry(t4, lo, s);
        t4 = s + c;
        c = hi + carry(s, c, t4);
        lo = a3 * b2;
        hi = Math.unsignedMultiplyHigh(a3, b2);
        s = t5 + lo;
        hi += carry(t5, lo, s);
        t5 = s + c;
        c = hi + carry(s, c, t5);
        lo = a3 * b3;
        hi = Math.unsignedMultiplyHigh(a3, b3);
        s = t6 + lo;
        hi += carry(t6, lo, s);
        t6 = s + c;
        long t7 = hi + carry(s, c, t6);
        reduce(r, t0, t1, t2, t3, t4, t5, t6, t7);
    }

    static void square(long[] r, long[] a) {
        long a0 = a[0], a1 = a[1], a2 = a[2], a3 = a[3];
        long lo;
        long hi;
        long s;
        long c;
        // Cross products a_i * a_j (i < j) into t1..t6.
        long t1 = a0 * a1;
        c = Math.unsignedMultiplyHigh(a0, a1);
        lo = a0 * a2;
        hi = Math.unsignedMultiplyHigh(a0, a2);
        long t2 = lo + c;
        c = hi + carry(lo, c, t2);
        lo = a0 * a3;
        hi = Math.unsignedMultiplyHigh(a0, a3);
        long t3 = lo + c;
        long t4 = hi + carry(lo, c, t3);
        lo = a1 * a2;
        hi = Math.unsignedMultiplyHigh(a1, a2);
        s = t3 + lo;
        c = hi + carry(t3, lo, s);
        t3 = s;
        lo = a1 * a3;
        hi = Math.unsignedMultiplyHigh(a1, a3);
        s = t4 + lo;
        hi += carry(t4, lo, s);
        t4 = s + c;
        long t5 = hi + carry(s, c, t4);
        lo = a2 * a3;
        hi = Math.unsignedMultiplyHigh(a2, a3);
        s = t5 + lo;
        long t6 = hi + carry(t5, lo, s);
        t5 = s;
        // Double them.
        long t7 = t6 >>> 63;
        t6 = (t6 << 1) | (t5 >>> 63);
        t5 = (t5 << 1) | (t4 >>> 63);
        t4 = (t4 << 1) | (t3 >>> 63);
        t3 = (t3 << 1) | (t2 >>> 63);
        t2 = (t2 << 1) | (t1 >>> 63);
        t1 <<= 1;
        // Add the squares a_i^2 at limb 2i.
        long t0 = a0 * a0;
        hi = Math.unsignedMultiplyHigh(a0, a0);
        s = t1 + hi;
        c = carry(t1, hi, s);
        t1 = s;
        lo = a1 * a1;
        hi = Math.unsignedMultiplyHigh(a1, a1);
        s = t2 + lo;
        long k = carry(t2, lo, s);
        t2 = s + c;
        k |= carry(s, c, t2);
        s = t3 + hi;
        c = carry(t3, hi, s);
        t3 = s + k;
        c |= carry(s, k, t3);
        lo = a2 * a2;
        hi = Math.unsignedMultiplyHigh(a2, a2);
        s = t4 + lo;
        k = carry(t4, lo, s);
        t4 = s + c;
        k |= carry(s, c, t4);
        s = t5 + hi;
        c = carry(t5, hi, s);
        t5 = s + k;
        c |= carry(s, k, t5);
        lo = a3 * a3;
        hi = Math.unsignedMultiplyHigh(a3, a3);
        s = t6 + lo;
        k = carry(t6, lo, s);
        t6 = s + c;
        k |= carry(s, c, t6);
        t7 = t7 + hi + k;
        reduce(r, t0, t1, t2, t3, t4, t5, t6, t7);
    }

    /**
     * r = 1/a for a non-zero a, with Bouncy Castle's variable-time safegcd (Bernstein-Yang), about
     * four times faster than Fermat's a^(p-2); recovery handles only public values.
     */
    static void invert(long[] r, long[] a) {
        long[] value = reduced(a);
        int[] x = new int[8];
        for (int i = 0; i < 4; i++) {
            x[2 * i] = (int) value[i];
            x[2 * i + 1] = (int) (value[i] >>> 32);
        }
        int[] z = new int[8];
        if (!Mod.modOddInverseVar(P_INTS, x, z)) {
            throw new ArithmeticException("zero has no inverse");
        }
        for (int i = 0; i < 4; i++) {
            r[i] = (z[2 * i] & 0xFFFFFFFFL) | ((long) z[2 * i + 1] << 32);
        }
    }

    /**
     * r = a^((p+1)/4), a square root of a when one exists (p = 3 mod 4); the caller checks r^2 = a.
     * The exponent's binary form is 223 ones, a zero, 22 ones, 0000, 11, 00.
     */
    static void sqrtCandidate(long[] r, long[] a) {
        long[] x223 = new long[4];
        long[] x22 = new long[4];
        long[] x2 = new long[4];
        onesChain(x223, x22, x2, a);
        long[] t = x223;
        squareTimes(t, 23);
        mul(t, t, x22);
        squareTimes(t, 6);
        mul(t, t, x2);
        squareTimes(t, 2);
        set(r, t);
    }

    /** a^(2^k - 1) for k = 223, 22 and 2: the blocks of ones that the exponent is made of. */
    private static void onesChain(long[] x223, long[] x22, long[] x2, long[] a) {
        square(x2, a);
        mul(x2, x2, a);
        long[] x3 = new long[4];
        square(x3, x2);
        mul(x3, x3, a);
        long[] t = copy(x3);
        squareTimes(t, 3);
        mul(t, t, x3);                  // x6
        squareTimes(t, 3);
        mul(t, t, x3);                  // x9
        squareTimes(t, 2);
        mul(t, t, x2);                  // x11
        long[] x11 = copy(t);
        squareTimes(t, 11);
        mul(x22, t, x11);
        set(t, x22);
        squareTimes(t, 22);
        mul(t, t, x22);                 // x44
        long[] x44 = copy(t);
        squareTimes(t, 44);
        mul(t, t, x44);                 // x88
        long[] x88 = copy(t);
        squareTimes(t, 88);
        mul(t, t, x88);                 // x176
        squareTimes(t, 44);
        mul(t, t, x44);                 // x220
        squareTimes(t, 3);
        mul(x223, t, x3);
    }

    private static void squareTimes(long[] a, int times) {
        for (int i = 0; i < times; i++) {
            square(a, a);
        }
    }

    /** r = (t7..t0) mod p for a 512-bit value. */
    private static void reduce(long[] r, long t0, long t1, long t2, long t3, long t4, long t5, long t6, long t7) {
        long lo;
        long hi;
        long s;
        // Fold the high half: t_low + t_high * C < 2^256 + 2^290.
        lo = t4 * C;
        hi = Math.unsignedMultiplyHigh(t4, C);
        long r0 = t0 + lo;
        long c = hi + carry(t0, lo, r0);
        lo = t5 * C;
        hi = Math.unsignedMultiplyHigh(t5, C);
        s = t1 + lo;
        hi += carry(t1, lo, s);
        long r1 = s + c;
        c = hi + carry(s, c, r1);
        lo = t6 * C;
        hi = Math.unsignedMultiplyHigh(t6, C);
        s = t2 + lo;
        hi += carry(t2, lo, s);
        long r2 = s + c;
        c = hi + carry(s, c, r2);
        lo = t7 * C;
        hi = Math.unsignedMultiplyHigh(t7, C);
        s = t3 + lo;
        hi += carry(t3, lo, s);
        long r3 = s + c;
        c = hi + carry(s, c, r3);
        // Fold the fifth limb c < 2^34 the same way: c * C < 2^67.
        lo = c * C;
        hi = Math.unsignedMultiplyHigh(c, C);
        s = r0 + lo;
        hi += carry(r0, lo, s);
        r0 = s;
        s = r1 + hi;
        if (Long.compareUnsigned(s, hi) < 0 && ++r2 == 0 && ++r3 == 0) {
            // Wrapped past 2^256 (the limbs now hold a value below 2^67): add C for it.
            r0 += C;
            if (Long.compareUnsigned(r0, C) < 0) {
                s++;
            }
        }
        r[0] = r0;
        r[1] = s;
        r[2] = r2;
        r[3] = r3;
    }

    /** r = s + c (mod p) for a small c, adding C again if the sum wraps past 2^256. */
    private static void addSmall(long[] r, long s0, long s1, long s2, long s3, long c) {
        s0 += c;
        if (Long.compareUnsigned(s0, c) < 0 && ++s1 == 0 && ++s2 == 0 && ++s3 == 0) {
            s0 += C;
        }
        r[0] = s0;
        r[1] = s1;
        r[2] = s2;
        r[3] = s3;
    }

    /** The carry out of {@code sum = x + y} (mod 2^64), as 0 or 1, without a branch. */
    private static long carry(long x, long y, long sum) {
        return Long.compareUnsigned(sum, x) < 0 ? 1L : 0L;
    }

    /** The borrow out of {@code diff = x - y} (mod 2^64), as 0 or 1, without a branch. */
    private static long borrow(long x, long y, long diff) {
        return Long.compareUnsigned(x, y) < 0 ? 1L : 0L;
    }
}
