package io.evmsim.evm.word;

/**
 * DIV, SDIV, MOD, SMOD, ADDMOD and MULMOD on the stack's limb layout (see {@link WordMath}).
 * Division by zero gives zero, as the Yellow Paper defines. The general case is Knuth's
 * algorithm D on 64-bit digits, which also serves the 512-bit intermediates of MULMOD.
 *
 * <p>An instance owns the scratch limbs the division works in, so that no instruction allocates;
 * one instance serves one execution at a time (the interpreter keeps one per {@code Evm}).
 */
public final class WordDivision {
    private static final long LOW32 = 0xffffffffL;

    /** The dividend, normalised in place: up to MULMOD's eight limbs plus the normalisation limb. */
    private final long[] u = new long[9];
    /** The divisor, normalised in place. */
    private final long[] v = new long[4];
    /** The quotient's limbs; a 512-bit dividend has up to eight. */
    private final long[] q = new long[8];
    /** The last normalised divisor digit and its reciprocal: MULMOD code tends to reuse one modulus. */
    private long reciprocalOf;
    private long reciprocal;

    /** b := a / b (unsigned). */
    public void div(long[] w, int a, int b) {
        if (WordMath.isZero(w, b)) {
            return;
        }
        if (bothFitOneLimb(w, a, b)) {
            WordMath.setLong(w, b, Long.divideUnsigned(w[a], w[b]));
            return;
        }
        int powerOfTwo = powerOfTwo(w, b);
        if (powerOfTwo >= 0) {
            // division by 2^k is a shift: common in compiled code that packs fields into words
            System.arraycopy(w, a, w, b, 4);
            WordBits.shiftRight(w, b, powerOfTwo, 0);
            return;
        }
        loadOperands(w, a, b);
        divide(4);
        System.arraycopy(q, 0, w, b, 4);
    }

    /** b := a mod b (unsigned). */
    public void mod(long[] w, int a, int b) {
        if (WordMath.isZero(w, b)) {
            return;
        }
        if (bothFitOneLimb(w, a, b)) {
            WordMath.setLong(w, b, Long.remainderUnsigned(w[a], w[b]));
        } else {
            loadOperands(w, a, b);
            remainder(4);
            System.arraycopy(u, 0, w, b, 4);
        }
    }

    /** b := a / b, both read as two's complement; -2^255 / -1 overflows back to -2^255. */
    public void sdiv(long[] w, int a, int b) {
        if (WordMath.isZero(w, b)) {
            return;
        }
        boolean negA = w[a + 3] < 0;
        boolean negB = w[b + 3] < 0;
        loadMagnitude(w, a, u);
        loadMagnitude(w, b, v);
        divide(4);
        System.arraycopy(q, 0, w, b, 4);
        if (negA != negB) {
            negate(w, b);
        }
    }

    /** b := a smod b: the remainder takes the sign of the dividend. */
    public void smod(long[] w, int a, int b) {
        if (WordMath.isZero(w, b)) {
            return;
        }
        boolean negA = w[a + 3] < 0;
        loadMagnitude(w, a, u);
        loadMagnitude(w, b, v);
        remainder(4);
        System.arraycopy(u, 0, w, b, 4);
        if (negA) {
            negate(w, b);
        }
    }

    /** c := (a + b) mod c with the 257-bit sum kept whole; the result lands at c. */
    public void addmod(long[] w, int a, int b, int c) {
        if (WordMath.isZero(w, c)) {
            return;
        }
        long carry = 0;
        for (int i = 0; i < 4; i++) {
            long x = w[a + i];
            long s = x + w[b + i];
            long c1 = Long.compareUnsigned(s, x) < 0 ? 1 : 0;
            long s2 = s + carry;
            long c2 = Long.compareUnsigned(s2, s) < 0 ? 1 : 0;
            u[i] = s2;
            carry = c1 | c2;
        }
        u[4] = carry;
        System.arraycopy(w, c, v, 0, 4);
        remainder(5);
        System.arraycopy(u, 0, w, c, 4);
    }

    /** c := (a * b) mod c with the 512-bit product kept whole; the result lands at c. */
    public void mulmod(long[] w, int a, int b, int c) {
        if (WordMath.isZero(w, c)) {
            return;
        }
        long[] product = u;
        for (int i = 0; i < 8; i++) {
            product[i] = 0;
        }
        for (int i = 0; i < 4; i++) {
            long carry = 0;
            long x = w[a + i];
            for (int j = 0; j < 4; j++) {
                long y = w[b + j];
                long lo = x * y;
                long hi = Math.unsignedMultiplyHigh(x, y);
                long s = product[i + j] + lo;
                hi += Long.compareUnsigned(s, lo) < 0 ? 1 : 0;
                long s2 = s + carry;
                hi += Long.compareUnsigned(s2, s) < 0 ? 1 : 0;
                product[i + j] = s2;
                carry = hi;
            }
            product[i + 4] = carry;
        }
        System.arraycopy(w, c, v, 0, 4);
        remainder(8);
        System.arraycopy(u, 0, w, c, 4);
    }

    private static boolean bothFitOneLimb(long[] w, int a, int b) {
        return (w[a + 1] | w[a + 2] | w[a + 3] | w[b + 1] | w[b + 2] | w[b + 3]) == 0;
    }

    /** Dividend a into {@code u[0..4)}, divisor b into {@code v[0..4)}. */
    private void loadOperands(long[] w, int a, int b) {
        System.arraycopy(w, a, u, 0, 4);
        System.arraycopy(w, b, v, 0, 4);
    }

    /** k when the word is 2^k, else -1. */
    private static int powerOfTwo(long[] w, int a) {
        int bits = Long.bitCount(w[a]) + Long.bitCount(w[a + 1]) + Long.bitCount(w[a + 2]) + Long.bitCount(w[a + 3]);
        if (bits != 1) {
            return -1;
        }
        for (int i = 0; i < 4; i++) {
            if (w[a + i] != 0) {
                return i * 64 + Long.numberOfTrailingZeros(w[a + i]);
            }
        }
        return -1;
    }

    /** Copies the absolute value of the two's-complement word at {@code a} into {@code out[0..4)}. */
    private static void loadMagnitude(long[] w, int a, long[] out) {
        System.arraycopy(w, a, out, 0, 4);
        if (w[a + 3] < 0) {
            negate(out, 0);
        }
    }

    private static void negate(long[] x, int a) {
        long carry = 1;
        for (int i = a; i < a + 4; i++) {
            long r = ~x[i] + carry;
            carry = (carry == 1 && r == 0) ? 1 : 0;
            x[i] = r;
        }
    }

    /**
     * Unsigned division of {@code u[0..m)} by the non-zero {@code v[0..4)}, little-endian 64-bit
     * limbs: the quotient's low four limbs go to {@code q[0..4)}, the remainder to {@code u[0..4)}.
     * Knuth, TAOCP vol. 2, 4.3.1, algorithm D with 64-bit digits.
     */
    private void divide(int m) {
        int n = 4;
        while (v[n - 1] == 0) {
            n--;
        }
        while (m > 0 && u[m - 1] == 0) {
            m--;
        }
        q[0] = 0;
        q[1] = 0;
        q[2] = 0;
        q[3] = 0;
        if (m < n) {
            return; // the dividend is the remainder; u[m..4) are already zero
        }
        if (m == 1) {
            q[0] = Long.divideUnsigned(u[0], v[0]);
            u[0] = Long.remainderUnsigned(u[0], v[0]);
        } else if (n == 1) {
            divideBySingleLimb(m);
        } else {
            knuthDivide(m, n);
        }
    }

    /**
     * The remainder alone of {@code u[0..m)} by {@code v[0..4)}, into {@code u[0..4)}. A divisor of
     * four limbs (MULMOD's moduli) takes algorithm D with the five-limb window held in locals;
     * anything else goes through {@link #divide}.
     */
    private void remainder(int m) {
        while (m > 0 && u[m - 1] == 0) {
            m--;
        }
        if (v[3] == 0 || m < 4) {
            divide(m);
            return;
        }
        int s = Long.numberOfLeadingZeros(v[3]);
        long d3 = (v[3] << s) | spill(v[2], s);
        long d2 = (v[2] << s) | spill(v[1], s);
        long d1 = (v[1] << s) | spill(v[0], s);
        long d0 = v[0] << s;
        long inverse = reciprocal(d3);
        // the window's top four limbs of the normalised dividend; one more limb enters per step
        long r3 = spill(u[m - 1], s);
        long r2 = (u[m - 1] << s) | spill(u[m - 2], s);
        long r1 = (u[m - 2] << s) | spill(u[m - 3], s);
        long r0 = (u[m - 3] << s) | spill(u[m - 4], s);
        for (int j = m - 4; j >= 0; j--) {
            long x = (u[j] << s) | (j == 0 ? 0 : spill(u[j - 1], s));
            long qhat = quotientDigit(r3, r2, r1, d3, d2, inverse);
            // (r3 r2 r1 r0 x) -= qhat * (d3 d2 d1 d0)
            long low = qhat * d0;
            long carry = Math.unsignedMultiplyHigh(qhat, d0) + (Long.compareUnsigned(x, low) < 0 ? 1 : 0);
            x -= low;
            low = qhat * d1 + carry;
            carry = Math.unsignedMultiplyHigh(qhat, d1) + (Long.compareUnsigned(low, carry) < 0 ? 1 : 0)
                    + (Long.compareUnsigned(r0, low) < 0 ? 1 : 0);
            r0 -= low;
            low = qhat * d2 + carry;
            carry = Math.unsignedMultiplyHigh(qhat, d2) + (Long.compareUnsigned(low, carry) < 0 ? 1 : 0)
                    + (Long.compareUnsigned(r1, low) < 0 ? 1 : 0);
            r1 -= low;
            low = qhat * d3 + carry;
            carry = Math.unsignedMultiplyHigh(qhat, d3) + (Long.compareUnsigned(low, carry) < 0 ? 1 : 0)
                    + (Long.compareUnsigned(r2, low) < 0 ? 1 : 0);
            r2 -= low;
            if (Long.compareUnsigned(r3, carry) < 0) {
                // qhat was one too large: add the divisor back (the carry out cancels the borrow)
                long sum = x + d0;
                long c = Long.compareUnsigned(sum, x) < 0 ? 1 : 0;
                x = sum;
                sum = r0 + d1 + c;
                c = Long.compareUnsigned(sum, r0) < 0 || (c == 1 && sum == r0) ? 1 : 0;
                r0 = sum;
                sum = r1 + d2 + c;
                c = Long.compareUnsigned(sum, r1) < 0 || (c == 1 && sum == r1) ? 1 : 0;
                r1 = sum;
                r2 = r2 + d3 + c;
            }
            // the window's top limb is zero now: slide down by one limb
            r3 = r2;
            r2 = r1;
            r1 = r0;
            r0 = x;
        }
        u[0] = (r0 >>> s) | carryDown(r1, s);
        u[1] = (r1 >>> s) | carryDown(r2, s);
        u[2] = (r2 >>> s) | carryDown(r3, s);
        u[3] = r3 >>> s;
    }

    /** The low {@code s} bits of x moved to the top: what a right shift by s carries out (0 for s = 0). */
    private static long carryDown(long x, int s) {
        return (x << 1) << (63 - s);
    }

    private void divideBySingleLimb(int m) {
        int s = Long.numberOfLeadingZeros(v[0]);
        long divisor = v[0] << s;
        long inverse = reciprocal(divisor);
        long rem = spill(u[m - 1], s);
        for (int j = m - 1; j >= 0; j--) {
            long limb = (u[j] << s) | (j == 0 ? 0 : spill(u[j - 1], s));
            long digit = divide2by1(rem, limb, divisor, inverse);
            rem = limb - digit * divisor;
            q[j] = digit;
        }
        u[0] = rem >>> s;
        u[1] = 0;
        u[2] = 0;
        u[3] = 0;
    }

    /** The top {@code s} bits of x moved to the bottom: what a left shift by s carries out. */
    private static long spill(long x, int s) {
        return (x >>> 1) >>> (63 - s);
    }

    /** m >= n >= 2, v[n-1] != 0. */
    private void knuthDivide(int m, int n) {
        int s = Long.numberOfLeadingZeros(v[n - 1]);
        for (int i = n - 1; i > 0; i--) {
            v[i] = (v[i] << s) | spill(v[i - 1], s);
        }
        v[0] = v[0] << s;
        u[m] = spill(u[m - 1], s);
        for (int i = m - 1; i > 0; i--) {
            u[i] = (u[i] << s) | spill(u[i - 1], s);
        }
        u[0] = u[0] << s;
        long vTop = v[n - 1];
        long vNext = v[n - 2];
        long inverse = reciprocal(vTop);
        for (int j = m - n; j >= 0; j--) {
            long qhat = quotientDigit(u[j + n], u[j + n - 1], u[j + n - 2], vTop, vNext, inverse);
            // u[j..j+n] -= qhat * v
            long carry = 0;
            for (int i = 0; i < n; i++) {
                long lowProduct = qhat * v[i];
                long highProduct = Math.unsignedMultiplyHigh(qhat, v[i]);
                long subtrahend = lowProduct + carry;
                if (Long.compareUnsigned(subtrahend, lowProduct) < 0) {
                    highProduct++;
                }
                long t = u[i + j];
                u[i + j] = t - subtrahend;
                if (Long.compareUnsigned(t, subtrahend) < 0) {
                    highProduct++;
                }
                carry = highProduct;
            }
            long top = u[j + n];
            u[j + n] = top - carry;
            if (Long.compareUnsigned(top, carry) < 0) {
                // qhat was one too large: add the divisor back
                qhat--;
                long addCarry = 0;
                for (int i = 0; i < n; i++) {
                    long x = u[i + j];
                    long sum = x + v[i];
                    long c1 = Long.compareUnsigned(sum, x) < 0 ? 1 : 0;
                    long sum2 = sum + addCarry;
                    long c2 = Long.compareUnsigned(sum2, sum) < 0 ? 1 : 0;
                    u[i + j] = sum2;
                    addCarry = c1 | c2;
                }
                u[j + n] += addCarry;
            }
            q[j] = qhat;
        }
        // the remainder is u[0..n) shifted back; u[n] is zero now
        for (int i = 0; i < n; i++) {
            u[i] = (u[i] >>> s) | (s == 0 ? 0 : u[i + 1] << (64 - s));
        }
        for (int i = n; i < 4; i++) {
            u[i] = 0;
        }
    }

    /**
     * Algorithm D's estimate of the next quotient digit from the window's top three limbs and the
     * normalised divisor's top two (step D3): at most two too large before the final check, and
     * corrected here while {@code qhat * dNext > rhat * B + third}.
     */
    private static long quotientDigit(long top, long second, long third, long dTop, long dNext, long inverse) {
        long qhat;
        long rhat;
        boolean rhatOverflow;
        if (top == dTop) {
            qhat = -1L;
            rhat = second + dTop;
            rhatOverflow = Long.compareUnsigned(rhat, dTop) < 0;
        } else {
            qhat = divide2by1(top, second, dTop, inverse);
            rhat = second - qhat * dTop;
            rhatOverflow = false;
        }
        while (!rhatOverflow) {
            long productHigh = Math.unsignedMultiplyHigh(qhat, dNext);
            int c = Long.compareUnsigned(productHigh, rhat);
            if (c < 0 || (c == 0 && Long.compareUnsigned(qhat * dNext, third) <= 0)) {
                break;
            }
            qhat--;
            long previous = rhat;
            rhat += dTop;
            rhatOverflow = Long.compareUnsigned(rhat, previous) < 0;
        }
        return qhat;
    }

    /** floor((2^128 - 1) / d) - 2^64 for a normalised d, remembered for the next call with the same d. */
    private long reciprocal(long d) {
        if (d != reciprocalOf) {
            reciprocal = divide128(~d, -1L, d);
            reciprocalOf = d;
        }
        return reciprocal;
    }

    /**
     * (high * 2^64 + low) / d for a normalised d and high < d, by multiplying with d's reciprocal
     * (Moller and Granlund, "Improved division by invariant integers", 2011, algorithm 4). The
     * remainder is {@code low - quotient * d}, modulo 2^64.
     */
    private static long divide2by1(long high, long low, long d, long inverse) {
        long productLow = inverse * high;
        long q0 = productLow + low;
        long q1 = Math.unsignedMultiplyHigh(inverse, high) + high + 1
                + (Long.compareUnsigned(q0, productLow) < 0 ? 1 : 0);
        long r = low - q1 * d;
        if (Long.compareUnsigned(r, q0) > 0) {
            q1--;
            r += d;
        }
        if (Long.compareUnsigned(r, d) >= 0) {
            q1++;
        }
        return q1;
    }

    /**
     * (high * 2^64 + low) / divisor for a normalized divisor (top bit set) and high < divisor, so
     * that the quotient fits 64 bits (Hacker's Delight, divlu). The remainder is
     * {@code low - quotient * divisor}, modulo 2^64.
     */
    private static long divide128(long high, long low, long divisor) {
        long divisorHigh = divisor >>> 32;
        long divisorLow = divisor & LOW32;
        long lowHigh = low >>> 32;
        long lowLow = low & LOW32;
        long q1 = Long.divideUnsigned(high, divisorHigh);
        long r = high - q1 * divisorHigh;
        while (Long.compareUnsigned(q1, LOW32) > 0
                || Long.compareUnsigned(q1 * divisorLow, (r << 32) | lowHigh) > 0) {
            q1--;
            r += divisorHigh;
            if (Long.compareUnsigned(r, LOW32) > 0) {
                break;
            }
        }
        long middle = ((high << 32) | lowHigh) - q1 * divisor;
        long q0 = Long.divideUnsigned(middle, divisorHigh);
        r = middle - q0 * divisorHigh;
        while (Long.compareUnsigned(q0, LOW32) > 0
                || Long.compareUnsigned(q0 * divisorLow, (r << 32) | lowLow) > 0) {
            q0--;
            r += divisorHigh;
            if (Long.compareUnsigned(r, LOW32) > 0) {
                break;
            }
        }
        return (q1 << 32) | q0;
    }
}
