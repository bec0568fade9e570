package io.evmsim.evm.precompile.bn254;

import java.math.BigInteger;

/**
 * The base field F_p of BN254 (alt_bn128, EIP-196), p = 0x30644e72...d87cfd47.
 *
 * <p>An element is four little-endian 64-bit limbs at an offset in a {@code long[]}, kept in
 * Montgomery form (a·R mod p with R = 2^256) and always fully reduced (&lt; p), so equal elements
 * have equal limbs. Every operation reads all its inputs before it writes, so the output may alias
 * any input. Nothing here allocates: these loops are the hot path of the pairing.
 *
 * <p>BigInteger is used only once, in the static initialiser, to derive the Montgomery constants.
 */
final class Fp {
    static final int LIMBS = 4;

    static final BigInteger MODULUS =
            new BigInteger("30644e72e131a029b85045b68181585d97816a916871ca8d3c208c16d87cfd47", 16);

    private static final long P0 = 0x3c208c16d87cfd47L;
    private static final long P1 = 0x97816a916871ca8dL;
    private static final long P2 = 0xb85045b68181585dL;
    private static final long P3 = 0x30644e72e131a029L;

    /** -p^-1 mod 2^64, the Montgomery reduction factor. */
    private static final long INV = negInverse64(P0);
    /** R^2 mod p, to enter Montgomery form with one multiplication. */
    private static final long[] R_SQUARED = limbs(BigInteger.ONE.shiftLeft(512).mod(MODULUS));
    /** 1 in Montgomery form (R mod p). */
    static final long[] ONE = limbs(BigInteger.ONE.shiftLeft(256).mod(MODULUS));
    private static final long[] P_MINUS_TWO = limbs(MODULUS.subtract(BigInteger.TWO));

    private Fp() {
    }

    // ---- construction and encoding ----

    /** Plain (non-Montgomery) little-endian limbs of a value below 2^256. */
    static long[] limbs(BigInteger value) {
        long[] out = new long[LIMBS];
        for (int i = 0; i < LIMBS; i++) {
            out[i] = value.shiftRight(64 * i).longValue();
        }
        return out;
    }

    /** The Montgomery form of a value in [0, p), as a new array. */
    static long[] of(BigInteger value) {
        long[] out = limbs(value.mod(MODULUS));
        mul(out, 0, out, 0, R_SQUARED, 0);
        return out;
    }

    /** The ordinary integer value of an element; for tests and diagnostics only. */
    static BigInteger toBigInteger(long[] a, int ao) {
        byte[] bytes = new byte[32];
        toBytes(a, ao, bytes, 0);
        return new BigInteger(1, bytes);
    }

    /**
     * Reads a 32-byte big-endian integer; false (leaving r undefined) when it is not below p, which
     * EIP-196 treats as an invalid coordinate.
     */
    static boolean fromBytes(byte[] in, int offset, long[] r, int ro) {
        long l3 = readLong(in, offset);
        long l2 = readLong(in, offset + 8);
        long l1 = readLong(in, offset + 16);
        long l0 = readLong(in, offset + 24);
        // value - p borrows exactly when value < p
        long d0 = l0 - P0;
        long b = borrow(l0, P0, d0);
        long d1 = l1 - P1 - b;
        b = borrow(l1, P1, d1);
        long d2 = l2 - P2 - b;
        b = borrow(l2, P2, d2);
        long d3 = l3 - P3 - b;
        b = borrow(l3, P3, d3);
        if (b == 0) {
            return false;
        }
        r[ro] = l0;
        r[ro + 1] = l1;
        r[ro + 2] = l2;
        r[ro + 3] = l3;
        mul(r, ro, r, ro, R_SQUARED, 0);
        return true;
    }

    /** Writes the element as a 32-byte big-endian integer (leaving Montgomery form). */
    static void toBytes(long[] a, int ao, byte[] out, int offset) {
        long[] plain = new long[LIMBS];
        long[] one = {1, 0, 0, 0};
        mul(plain, 0, a, ao, one, 0);
        writeLong(out, offset, plain[3]);
        writeLong(out, offset + 8, plain[2]);
        writeLong(out, offset + 16, plain[1]);
        writeLong(out, offset + 24, plain[0]);
    }

    private static long readLong(byte[] in, int offset) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (in[offset + i] & 0xffL);
        }
        return v;
    }

    private static void writeLong(byte[] out, int offset, long v) {
        for (int i = 7; i >= 0; i--) {
            out[offset + i] = (byte) v;
            v >>>= 8;
        }
    }

    // ---- small helpers ----

    static void set(long[] r, int ro, long[] a, int ao) {
        System.arraycopy(a, ao, r, ro, LIMBS);
    }

    static void setZero(long[] r, int ro) {
        r[ro] = 0;
        r[ro + 1] = 0;
        r[ro + 2] = 0;
        r[ro + 3] = 0;
    }

    static void setOne(long[] r, int ro) {
        set(r, ro, ONE, 0);
    }

    static boolean isZero(long[] a, int ao) {
        return (a[ao] | a[ao + 1] | a[ao + 2] | a[ao + 3]) == 0;
    }

    static boolean equal(long[] a, int ao, long[] b, int bo) {
        return a[ao] == b[bo] && a[ao + 1] == b[bo + 1] && a[ao + 2] == b[bo + 2] && a[ao + 3] == b[bo + 3];
    }

    /** Carry out of s = a + b + carryIn, given the sum s. */
    private static long carry(long a, long b, long s) {
        return ((a & b) | ((a | b) & ~s)) >>> 63;
    }

    /** Borrow out of d = a - b - borrowIn, given the difference d. */
    private static long borrow(long a, long b, long d) {
        return ((~a & b) | (~(a ^ b) & d)) >>> 63;
    }

    /**
     * 1 when sum &lt; addend as unsigned numbers, i.e. when sum = x + addend wrapped around. C2
     * compiles this to a compare and set-on-below, cheaper than the bitwise carry formula.
     */
    private static long wrapped(long sum, long addend) {
        return Long.compareUnsigned(sum, addend) < 0 ? 1 : 0;
    }

    private static long negInverse64(long p0) {
        long x = p0; // Newton's iteration doubles the correct low bits each round: 3 -> 6 -> ... -> 96
        for (int i = 0; i < 5; i++) {
            x *= 2 - p0 * x;
        }
        return -x;
    }

    // ---- additive group ----

    static void add(long[] r, int ro, long[] a, int ao, long[] b, int bo) {
        long a0 = a[ao], a1 = a[ao + 1], a2 = a[ao + 2], a3 = a[ao + 3];
        long b0 = b[bo], b1 = b[bo + 1], b2 = b[bo + 2], b3 = b[bo + 3];
        // a + b < 2p < 2^255, so the sum has no carry out of the top limb
        long s0 = a0 + b0;
        long c = carry(a0, b0, s0);
        long s1 = a1 + b1 + c;
        c = carry(a1, b1, s1);
        long s2 = a2 + b2 + c;
        c = carry(a2, b2, s2);
        long s3 = a3 + b3 + c;
        reduceOnce(r, ro, s0, s1, s2, s3);
    }

    static void dbl(long[] r, int ro, long[] a, int ao) {
        add(r, ro, a, ao, a, ao);
    }

    static void sub(long[] r, int ro, long[] a, int ao, long[] b, int bo) {
        long a0 = a[ao], a1 = a[ao + 1], a2 = a[ao + 2], a3 = a[ao + 3];
        long b0 = b[bo], b1 = b[bo + 1], b2 = b[bo + 2], b3 = b[bo + 3];
        long d0 = a0 - b0;
        long w = borrow(a0, b0, d0);
        long d1 = a1 - b1 - w;
        w = borrow(a1, b1, d1);
        long d2 = a2 - b2 - w;
        w = borrow(a2, b2, d2);
        long d3 = a3 - b3 - w;
        w = borrow(a3, b3, d3);
        // on borrow add p back; mask keeps it branch-free
        long mask = -w;
        long s0 = d0 + (P0 & mask);
        long c = carry(d0, P0 & mask, s0);
        long s1 = d1 + (P1 & mask) + c;
        c = carry(d1, P1 & mask, s1);
        long s2 = d2 + (P2 & mask) + c;
        c = carry(d2, P2 & mask, s2);
        long s3 = d3 + (P3 & mask) + c;
        r[ro] = s0;
        r[ro + 1] = s1;
        r[ro + 2] = s2;
        r[ro + 3] = s3;
    }

    static void neg(long[] r, int ro, long[] a, int ao) {
        long a0 = a[ao], a1 = a[ao + 1], a2 = a[ao + 2], a3 = a[ao + 3];
        if ((a0 | a1 | a2 | a3) == 0) {
            setZero(r, ro);
            return;
        }
        long d0 = P0 - a0;
        long w = borrow(P0, a0, d0);
        long d1 = P1 - a1 - w;
        w = borrow(P1, a1, d1);
        long d2 = P2 - a2 - w;
        w = borrow(P2, a2, d2);
        long d3 = P3 - a3 - w;
        r[ro] = d0;
        r[ro + 1] = d1;
        r[ro + 2] = d2;
        r[ro + 3] = d3;
    }

    /** Writes s mod p for s &lt; 2p. */
    private static void reduceOnce(long[] r, int ro, long s0, long s1, long s2, long s3) {
        long d0 = s0 - P0;
        long w = borrow(s0, P0, d0);
        long d1 = s1 - P1 - w;
        w = borrow(s1, P1, d1);
        long d2 = s2 - P2 - w;
        w = borrow(s2, P2, d2);
        long d3 = s3 - P3 - w;
        w = borrow(s3, P3, d3);
        // keep s when subtracting p borrowed; a mask instead of a branch, whose outcome is random
        long keep = -w;
        r[ro] = (s0 & keep) | (d0 & ~keep);
        r[ro + 1] = (s1 & keep) | (d1 & ~keep);
        r[ro + 2] = (s2 & keep) | (d2 & ~keep);
        r[ro + 3] = (s3 & keep) | (d3 & ~keep);
    }

    // ---- multiplication ----

    /**
     * r = a·b·R^-1 mod p, Montgomery multiplication in the CIOS form (Koç, Acar, Kaliski 1996):
     * each round adds a_i·b, then m·p with m chosen to clear the low limb, and shifts one limb.
     * The running total stays below 2^320, so five limbs t0..t4 hold it; the result is below 2p.
     */
    static void mul(long[] r, int ro, long[] a, int ao, long[] b, int bo) {
        mulCore(r, ro, a[ao], a[ao + 1], a[ao + 2], a[ao + 3], b[bo], b[bo + 1], b[bo + 2], b[bo + 3]);
    }

    /**
     * CIOS on limbs passed by value, unrolled, in the "no-carry" form of gnark-crypto (Botrel and
     * El Housni): since p &lt; 2^254 leaves the top limb two spare bits, the running total never
     * needs a fifth limb, and each round merges the a·b_i and m·p passes. The bound holds for any
     * a·b &lt; 4p^2 (so a factor may be an unreduced sum below 2p); the result is below 2p and is
     * reduced once at the end.
     */
    private static void mulCore(long[] r, int ro, long a0, long a1, long a2, long a3,
            long b0, long b1, long b2, long b3) {
        long lo, hi, m, A, C;
        lo = a0 * b0; A = Math.unsignedMultiplyHigh(a0, b0); long t0 = lo;
        m = t0 * INV;
        lo = m * P0; C = Math.unsignedMultiplyHigh(m, P0); lo += t0; C += wrapped(lo, t0);
        lo = a1 * b0; hi = Math.unsignedMultiplyHigh(a1, b0); lo += A; hi += wrapped(lo, A); long t1 = lo; A = hi;
        lo = m * P1; hi = Math.unsignedMultiplyHigh(m, P1); lo += C; hi += wrapped(lo, C); lo += t1; hi += wrapped(lo, t1); t0 = lo; C = hi;
        lo = a2 * b0; hi = Math.unsignedMultiplyHigh(a2, b0); lo += A; hi += wrapped(lo, A); long t2 = lo; A = hi;
        lo = m * P2; hi = Math.unsignedMultiplyHigh(m, P2); lo += C; hi += wrapped(lo, C); lo += t2; hi += wrapped(lo, t2); t1 = lo; C = hi;
        lo = a3 * b0; hi = Math.unsignedMultiplyHigh(a3, b0); lo += A; hi += wrapped(lo, A); long t3 = lo; A = hi;
        lo = m * P3; hi = Math.unsignedMultiplyHigh(m, P3); lo += C; hi += wrapped(lo, C); lo += t3; hi += wrapped(lo, t3); t2 = lo; C = hi;
        t3 = C + A;
        lo = a0 * b1; A = Math.unsignedMultiplyHigh(a0, b1); t0 += lo; A += wrapped(t0, lo);
        m = t0 * INV;
        lo = m * P0; C = Math.unsignedMultiplyHigh(m, P0); lo += t0; C += wrapped(lo, t0);
        lo = a1 * b1; hi = Math.unsignedMultiplyHigh(a1, b1); lo += A; hi += wrapped(lo, A); lo += t1; hi += wrapped(lo, t1); t1 = lo; A = hi;
        lo = m * P1; hi = Math.unsignedMultiplyHigh(m, P1); lo += C; hi += wrapped(lo, C); lo += t1; hi += wrapped(lo, t1); t0 = lo; C = hi;
        lo = a2 * b1; hi = Math.unsignedMultiplyHigh(a2, b1); lo += A; hi += wrapped(lo, A); lo += t2; hi += wrapped(lo, t2); t2 = lo; A = hi;
        lo = m * P2; hi = Math.unsignedMultiplyHigh(m, P2); lo += C; hi += wrapped(lo, C); lo += t2; hi += wrapped(lo, t2); t1 = lo; C = hi;
        lo = a3 * b1; hi = Math.unsignedMultiplyHigh(a3, b1); lo += A; hi += wrapped(lo, A); lo += t3; hi += wrapped(lo, t3); t3 = lo; A = hi;
        lo = m * P3; hi = Math.unsignedMultiplyHigh(m, P3); lo += C; hi += wrapped(lo, C); lo += t3; hi += wrapped(lo, t3); t2 = lo; C = hi;
        t3 = C + A;
        lo = a0 * b2; A = Math.unsignedMultiplyHigh(a0, b2); t0 += lo; A += wrapped(t0, lo);
        m = t0 * INV;
        lo = m * P0; C = Math.unsignedMultiplyHigh(m, P0); lo += t0; C += wrapped(lo, t0);
        lo = a1 * b2; hi = Math.unsignedMultiplyHigh(a1, b2); lo += A; hi += wrapped(lo, A); lo += t1; hi += wrapped(lo, t1); t1 = lo; A = hi;
        lo = m * P1; hi = Math.unsignedMultiplyHigh(m, P1); lo += C; hi += wrapped(lo, C); lo += t1; hi += wrapped(lo, t1); t0 = lo; C = hi;
        lo = a2 * b2; hi = Math.unsignedMultiplyHigh(a2, b2); lo += A; hi += wrapped(lo, A); lo += t2; hi += wrapped(lo, t2); t2 = lo; A = hi;
        lo = m * P2; hi = Math.unsignedMultiplyHigh(m, P2); lo += C; hi += wrapped(lo, C); lo += t2; hi += wrapped(lo, t2); t1 = lo; C = hi;
        lo = a3 * b2; hi = Math.unsignedMultiplyHigh(a3, b2); lo += A; hi += wrapped(lo, A); lo += t3; hi += wrapped(lo, t3); t3 = lo; A = hi;
        lo = m * P3; hi = Math.unsignedMultiplyHigh(m, P3); lo += C; hi += wrapped(lo, C); lo += t3; hi += wrapped(lo, t3); t2 = lo; C = hi;
        t3 = C + A;
        lo = a0 * b3; A = Math.unsignedMultiplyHigh(a0, b3); t0 += lo; A += wrapped(t0, lo);
        m = t0 * INV;
        lo = m * P0; C = Math.unsignedMultiplyHigh(m, P0); lo += t0; C += wrapped(lo, t0);
        lo = a1 * b3; hi = Math.unsignedMultiplyHigh(a1, b3); lo += A; hi += wrapped(lo, A); lo += t1; hi += wrapped(lo, t1); t1 = lo; A = hi;
        lo = m * P1; hi = Math.unsignedMultiplyHigh(m, P1); lo += C; hi += wrapped(lo, C); lo += t1; hi += wrapped(lo, t1); t0 = lo; C = hi;
        lo = a2 * b3; hi = Math.unsignedMultiplyHigh(a2, b3); lo += A; hi += wrapped(lo, A); lo += t2; hi += wrapped(lo, t2); t2 = lo; A = hi;
        lo = m * P2; hi = Math.unsignedMultiplyHigh(m, P2); lo += C; hi += wrapped(lo, C); lo += t2; hi += wrapped(lo, t2); t1 = lo; C = hi;
        lo = a3 * b3; hi = Math.unsignedMultiplyHigh(a3, b3); lo += A; hi += wrapped(lo, A); lo += t3; hi += wrapped(lo, t3); t3 = lo; A = hi;
        lo = m * P3; hi = Math.unsignedMultiplyHigh(m, P3); lo += C; hi += wrapped(lo, C); lo += t3; hi += wrapped(lo, t3); t2 = lo; C = hi;
        t3 = C + A;
        reduceOnce(r, ro, t0, t1, t2, t3);
    }

    static void sqr(long[] r, int ro, long[] a, int ao) {
        mul(r, ro, a, ao, a, ao);
    }

    /**
     * The F_p2 product (a_re + a_im·i)(b_re + b_im·i) with i^2 = -1, written at r (real part, then
     * imaginary part). Each part is a sum of two products with a single Montgomery reduction:
     * re = a_re·b_re + a_im·(p − b_im), im = a_re·b_im + a_im·b_re. All 16 input limbs are read
     * before anything is written, so r may alias a or b.
     */
    static void mulComplex(long[] r, int ro, long[] a, int ao, long[] b, int bo) {
        long ar0 = a[ao], ar1 = a[ao + 1], ar2 = a[ao + 2], ar3 = a[ao + 3];
        long ai0 = a[ao + 4], ai1 = a[ao + 5], ai2 = a[ao + 6], ai3 = a[ao + 7];
        long br0 = b[bo], br1 = b[bo + 1], br2 = b[bo + 2], br3 = b[bo + 3];
        long bi0 = b[bo + 4], bi1 = b[bo + 5], bi2 = b[bo + 6], bi3 = b[bo + 7];
        // p - b_im; equals p when b_im = 0, still a valid multiplicand below 2^254
        long n0 = P0 - bi0;
        long w = borrow(P0, bi0, n0);
        long n1 = P1 - bi1 - w;
        w = borrow(P1, bi1, n1);
        long n2 = P2 - bi2 - w;
        w = borrow(P2, bi2, n2);
        long n3 = P3 - bi3 - w;
        sumOfProducts(r, ro, ar0, ar1, ar2, ar3, br0, br1, br2, br3, ai0, ai1, ai2, ai3, n0, n1, n2, n3);
        sumOfProducts(r, ro + 4, ar0, ar1, ar2, ar3, bi0, bi1, bi2, bi3, ai0, ai1, ai2, ai3, br0, br1, br2, br3);
    }

    /**
     * Writes (x·y + z·w)·R^-1 mod p. The sum of two products below p^2 is below p·R, so the CIOS
     * bound still holds with one more multiply-accumulate chain per round, and the result is below 2p.
     */
    private static void sumOfProducts(long[] r, int ro,
            long x0, long x1, long x2, long x3, long y0, long y1, long y2, long y3,
            long z0, long z1, long z2, long z3, long w0, long w1, long w2, long w3) {
        long t0 = 0, t1 = 0, t2 = 0, t3 = 0, t4 = 0;
        for (int i = 0; i < LIMBS; i++) {
            long xi = i == 0 ? x0 : i == 1 ? x1 : i == 2 ? x2 : x3;
            long zi = i == 0 ? z0 : i == 1 ? z1 : i == 2 ? z2 : z3;
            long lo, hi, c;
            // t += xi * y
            lo = xi * y0;
            hi = Math.unsignedMultiplyHigh(xi, y0);
            t0 += lo;
            c = hi + wrapped(t0, lo);
            lo = xi * y1;
            hi = Math.unsignedMultiplyHigh(xi, y1);
            lo += c;
            hi += wrapped(lo, c);
            t1 += lo;
            c = hi + wrapped(t1, lo);
            lo = xi * y2;
            hi = Math.unsignedMultiplyHigh(xi, y2);
            lo += c;
            hi += wrapped(lo, c);
            t2 += lo;
            c = hi + wrapped(t2, lo);
            lo = xi * y3;
            hi = Math.unsignedMultiplyHigh(xi, y3);
            lo += c;
            hi += wrapped(lo, c);
            t3 += lo;
            c = hi + wrapped(t3, lo);
            t4 += c;
            // t += zi * w
            lo = zi * w0;
            hi = Math.unsignedMultiplyHigh(zi, w0);
            t0 += lo;
            c = hi + wrapped(t0, lo);
            lo = zi * w1;
            hi = Math.unsignedMultiplyHigh(zi, w1);
            lo += c;
            hi += wrapped(lo, c);
            t1 += lo;
            c = hi + wrapped(t1, lo);
            lo = zi * w2;
            hi = Math.unsignedMultiplyHigh(zi, w2);
            lo += c;
            hi += wrapped(lo, c);
            t2 += lo;
            c = hi + wrapped(t2, lo);
            lo = zi * w3;
            hi = Math.unsignedMultiplyHigh(zi, w3);
            lo += c;
            hi += wrapped(lo, c);
            t3 += lo;
            c = hi + wrapped(t3, lo);
            t4 += c;
            // t += m * p, then shift down one limb
            long m = t0 * INV;
            lo = m * P0;
            hi = Math.unsignedMultiplyHigh(m, P0);
            t0 += lo;
            c = hi + wrapped(t0, lo);
            lo = m * P1;
            hi = Math.unsignedMultiplyHigh(m, P1);
            lo += c;
            hi += wrapped(lo, c);
            t1 += lo;
            c = hi + wrapped(t1, lo);
            lo = m * P2;
            hi = Math.unsignedMultiplyHigh(m, P2);
            lo += c;
            hi += wrapped(lo, c);
            t2 += lo;
            c = hi + wrapped(t2, lo);
            lo = m * P3;
            hi = Math.unsignedMultiplyHigh(m, P3);
            lo += c;
            hi += wrapped(lo, c);
            t3 += lo;
            c = hi + wrapped(t3, lo);
            t4 += c;
            t0 = t1;
            t1 = t2;
            t2 = t3;
            t3 = t4;
            t4 = 0;
        }
        reduceOnce(r, ro, t0, t1, t2, t3);
    }

    /**
     * The F_p2 square of (a_re + a_im·i), written at r: re = (a_re + a_im)(a_re − a_im),
     * im = 2·a_re·a_im. Two products instead of four; the sum, the difference (as a_re + p − a_im)
     * and the double stay unreduced below 2p, which the Montgomery bound allows.
     */
    static void sqrComplex(long[] r, int ro, long[] a, int ao) {
        long x0 = a[ao], x1 = a[ao + 1], x2 = a[ao + 2], x3 = a[ao + 3];
        long y0 = a[ao + 4], y1 = a[ao + 5], y2 = a[ao + 6], y3 = a[ao + 7];
        // s = x + y
        long s0 = x0 + y0;
        long c = carry(x0, y0, s0);
        long s1 = x1 + y1 + c;
        c = carry(x1, y1, s1);
        long s2 = x2 + y2 + c;
        c = carry(x2, y2, s2);
        long s3 = x3 + y3 + c;
        // n = p − y, then d = x + n
        long n0 = P0 - y0;
        long w = borrow(P0, y0, n0);
        long n1 = P1 - y1 - w;
        w = borrow(P1, y1, n1);
        long n2 = P2 - y2 - w;
        w = borrow(P2, y2, n2);
        long n3 = P3 - y3 - w;
        long d0 = x0 + n0;
        c = carry(x0, n0, d0);
        long d1 = x1 + n1 + c;
        c = carry(x1, n1, d1);
        long d2 = x2 + n2 + c;
        c = carry(x2, n2, d2);
        long d3 = x3 + n3 + c;
        // t = 2x
        long t0 = x0 << 1;
        long t1 = (x1 << 1) | (x0 >>> 63);
        long t2 = (x2 << 1) | (x1 >>> 63);
        long t3 = (x3 << 1) | (x2 >>> 63);
        mulCore(r, ro, s0, s1, s2, s3, d0, d1, d2, d3);
        mulCore(r, ro + 4, t0, t1, t2, t3, y0, y1, y2, y3);
    }

    /** 8p, 4p, 2p and p in five limbs, for reducing values below 16p by binary long division. */
    private static final long[][] P_MULTIPLES = {
        {P0 << 3, (P1 << 3) | (P0 >>> 61), (P2 << 3) | (P1 >>> 61), (P3 << 3) | (P2 >>> 61), P3 >>> 61},
        {P0 << 2, (P1 << 2) | (P0 >>> 62), (P2 << 2) | (P1 >>> 62), (P3 << 2) | (P2 >>> 62), P3 >>> 62},
        {P0 << 1, (P1 << 1) | (P0 >>> 63), (P2 << 1) | (P1 >>> 63), (P3 << 1) | (P2 >>> 63), P3 >>> 63},
        {P0, P1, P2, P3, 0},
    };

    /**
     * r = a·ξ for ξ = 9 + i: re = 9·a_re − a_im, im = 9·a_im + a_re. Shifts and adds instead of a
     * multiplication; ξ multiplies every F_p6 reduction, so this is hot.
     */
    static void mulByXiComplex(long[] r, int ro, long[] a, int ao) {
        long x0 = a[ao], x1 = a[ao + 1], x2 = a[ao + 2], x3 = a[ao + 3];
        long y0 = a[ao + 4], y1 = a[ao + 5], y2 = a[ao + 6], y3 = a[ao + 7];
        // −x as p − x (p itself when x = 0, which is still fine below)
        long n0 = P0 - x0;
        long w = borrow(P0, x0, n0);
        long n1 = P1 - x1 - w;
        w = borrow(P1, x1, n1);
        long n2 = P2 - x2 - w;
        w = borrow(P2, x2, n2);
        long n3 = P3 - x3 - w;
        nineTimesMinus(r, ro, x0, x1, x2, x3, y0, y1, y2, y3);
        nineTimesMinus(r, ro + 4, y0, y1, y2, y3, n0, n1, n2, n3);
    }

    /** r = 9x − y mod p for x &lt; p, y ≤ p: forms 9x + (p − y) &lt; 10p, then subtracts 8p, 4p, 2p, p as they fit. */
    private static void nineTimesMinus(long[] r, int ro, long x0, long x1, long x2, long x3,
            long y0, long y1, long y2, long y3) {
        // m = p − y
        long m0 = P0 - y0;
        long w = borrow(P0, y0, m0);
        long m1 = P1 - y1 - w;
        w = borrow(P1, y1, m1);
        long m2 = P2 - y2 - w;
        w = borrow(P2, y2, m2);
        long m3 = P3 - y3 - w;
        // e = 8x (five limbs), then v = e + x + m
        long e0 = x0 << 3;
        long e1 = (x1 << 3) | (x0 >>> 61);
        long e2 = (x2 << 3) | (x1 >>> 61);
        long e3 = (x3 << 3) | (x2 >>> 61);
        long e4 = x3 >>> 61;
        long v0 = e0 + x0;
        long c = carry(e0, x0, v0);
        long v1 = e1 + x1 + c;
        c = carry(e1, x1, v1);
        long v2 = e2 + x2 + c;
        c = carry(e2, x2, v2);
        long v3 = e3 + x3 + c;
        c = carry(e3, x3, v3);
        long v4 = e4 + c;
        long u0 = v0 + m0;
        c = carry(v0, m0, u0);
        long u1 = v1 + m1 + c;
        c = carry(v1, m1, u1);
        long u2 = v2 + m2 + c;
        c = carry(v2, m2, u2);
        long u3 = v3 + m3 + c;
        c = carry(v3, m3, u3);
        long u4 = v4 + c;
        for (long[] k : P_MULTIPLES) {
            long d0 = u0 - k[0];
            long b = borrow(u0, k[0], d0);
            long d1 = u1 - k[1] - b;
            b = borrow(u1, k[1], d1);
            long d2 = u2 - k[2] - b;
            b = borrow(u2, k[2], d2);
            long d3 = u3 - k[3] - b;
            b = borrow(u3, k[3], d3);
            long d4 = u4 - k[4] - b;
            b = borrow(u4, k[4], d4);
            long keep = -b; // borrowed: the multiple did not fit
            u0 = (u0 & keep) | (d0 & ~keep);
            u1 = (u1 & keep) | (d1 & ~keep);
            u2 = (u2 & keep) | (d2 & ~keep);
            u3 = (u3 & keep) | (d3 & ~keep);
            u4 = (u4 & keep) | (d4 & ~keep);
        }
        r[ro] = u0;
        r[ro + 1] = u1;
        r[ro + 2] = u2;
        r[ro + 3] = u3;
    }

    /** r = a^e for a plain little-endian exponent; square-and-multiply, not constant time. */
    static void pow(long[] r, int ro, long[] a, int ao, long[] exponent) {
        long[] base = new long[LIMBS];
        long[] acc = ONE.clone();
        set(base, 0, a, ao);
        for (int bit = 64 * exponent.length - 1; bit >= 0; bit--) {
            sqr(acc, 0, acc, 0);
            if (((exponent[bit >>> 6] >>> (bit & 63)) & 1) != 0) {
                mul(acc, 0, acc, 0, base, 0);
            }
        }
        set(r, ro, acc, 0);
    }

    /** r = a^-1 by Fermat's little theorem (a^(p-2)); the inverse of 0 comes out as 0. */
    static void inv(long[] r, int ro, long[] a, int ao) {
        pow(r, ro, a, ao, P_MINUS_TWO);
    }
}
