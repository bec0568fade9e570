package io.evmsim.evm.word;

/**
 * DIV, SDIV, MOD, SMOD, ADDMOD and MULMOD on the stack's limb layout (see {@link WordMath}).
 * Division by zero gives zero, as the Yellow Paper defines. The general case is Knuth's
 * algorithm D on 32-bit digits, which also serves the 512-bit intermediates of MULMOD.
 */
public final class WordDivision {
    private static final long LOW32 = 0xffffffffL;

    private WordDivision() {
    }

    /** b := a / b (unsigned). */
    public static void div(long[] w, int a, int b) {
        if (WordMath.isZero(w, b)) {
            return;
        }
        if ((w[a + 1] | w[a + 2] | w[a + 3] | w[b + 1] | w[b + 2] | w[b + 3]) == 0) {
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
        long[] q = new long[4];
        divide(limbs(w, a, 4), limbs(w, b, 4), q, null);
        WordMath.set(w, b, q[0], q[1], q[2], q[3]);
    }

    /** b := a mod b (unsigned). */
    public static void mod(long[] w, int a, int b) {
        if (WordMath.isZero(w, b)) {
            return;
        }
        if ((w[a + 1] | w[a + 2] | w[a + 3] | w[b + 1] | w[b + 2] | w[b + 3]) == 0) {
            WordMath.setLong(w, b, Long.remainderUnsigned(w[a], w[b]));
            return;
        }
        long[] r = new long[4];
        divide(limbs(w, a, 4), limbs(w, b, 4), null, r);
        WordMath.set(w, b, r[0], r[1], r[2], r[3]);
    }

    /** b := a / b, both read as two's complement; -2^255 / -1 overflows back to -2^255. */
    public static void sdiv(long[] w, int a, int b) {
        boolean negA = w[a + 3] < 0;
        boolean negB = w[b + 3] < 0;
        long[] x = limbs(w, a, 4);
        long[] y = limbs(w, b, 4);
        if (negA) {
            negate(x);
        }
        if (negB) {
            negate(y);
        }
        if (isZero(y)) {
            WordMath.set(w, b, 0, 0, 0, 0);
            return;
        }
        long[] q = new long[4];
        divide(x, y, q, null);
        if (negA != negB) {
            negate(q);
        }
        WordMath.set(w, b, q[0], q[1], q[2], q[3]);
    }

    /** b := a smod b: the remainder takes the sign of the dividend. */
    public static void smod(long[] w, int a, int b) {
        boolean negA = w[a + 3] < 0;
        long[] x = limbs(w, a, 4);
        long[] y = limbs(w, b, 4);
        if (negA) {
            negate(x);
        }
        if (y[3] < 0) {
            negate(y);
        }
        if (isZero(y)) {
            WordMath.set(w, b, 0, 0, 0, 0);
            return;
        }
        long[] r = new long[4];
        divide(x, y, null, r);
        if (negA) {
            negate(r);
        }
        WordMath.set(w, b, r[0], r[1], r[2], r[3]);
    }

    /** c := (a + b) mod c with the 257-bit sum kept whole; the result lands at c. */
    public static void addmod(long[] w, int a, int b, int c) {
        if (WordMath.isZero(w, c)) {
            return;
        }
        long[] sum = new long[5];
        long carry = 0;
        for (int i = 0; i < 4; i++) {
            long x = w[a + i];
            long s = x + w[b + i];
            long c1 = Long.compareUnsigned(s, x) < 0 ? 1 : 0;
            long s2 = s + carry;
            long c2 = Long.compareUnsigned(s2, s) < 0 ? 1 : 0;
            sum[i] = s2;
            carry = c1 | c2;
        }
        sum[4] = carry;
        long[] r = new long[4];
        divide(sum, limbs(w, c, 4), null, r);
        WordMath.set(w, c, r[0], r[1], r[2], r[3]);
    }

    /** c := (a * b) mod c with the 512-bit product kept whole; the result lands at c. */
    public static void mulmod(long[] w, int a, int b, int c) {
        if (WordMath.isZero(w, c)) {
            return;
        }
        long[] product = new long[8];
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
        long[] r = new long[4];
        divide(product, limbs(w, c, 4), null, r);
        WordMath.set(w, c, r[0], r[1], r[2], r[3]);
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

    private static long[] limbs(long[] w, int a, int n) {
        long[] out = new long[n];
        System.arraycopy(w, a, out, 0, n);
        return out;
    }

    private static boolean isZero(long[] x) {
        long acc = 0;
        for (long v : x) {
            acc |= v;
        }
        return acc == 0;
    }

    private static void negate(long[] x) {
        long carry = 1;
        for (int i = 0; i < x.length; i++) {
            long v = ~x[i] + carry;
            carry = (carry == 1 && v == 0) ? 1 : 0;
            x[i] = v;
        }
    }

    /**
     * Unsigned division of little-endian 64-bit limb numbers; the divisor is non-zero. Writes the
     * low four limbs of the quotient to {@code q} and the remainder to {@code r} (either may be null).
     * Knuth, TAOCP vol. 2, 4.3.1, algorithm D with 64-bit digits.
     */
    static void divide(long[] dividend, long[] divisor, long[] q, long[] r) {
        int m = significantLimbs(dividend);
        int n = significantLimbs(divisor);
        long[] quotient = new long[Math.max(m, 4)];
        long[] remainder = new long[4];
        if (m < n) {
            System.arraycopy(dividend, 0, remainder, 0, m);
        } else if (n == 1) {
            divideBySingleLimb(dividend, m, divisor[0], quotient, remainder);
        } else {
            knuthDivide(dividend, m, divisor, n, quotient, remainder);
        }
        if (q != null) {
            System.arraycopy(quotient, 0, q, 0, 4);
        }
        if (r != null) {
            System.arraycopy(remainder, 0, r, 0, 4);
        }
    }

    private static void divideBySingleLimb(long[] u, int m, long v, long[] q, long[] r) {
        int s = Long.numberOfLeadingZeros(v);
        long vn = v << s;
        long rem = s == 0 ? 0 : u[m - 1] >>> (64 - s);
        long[] remainderOut = new long[1];
        for (int j = m - 1; j >= 0; j--) {
            long limb = (u[j] << s) | (s == 0 || j == 0 ? 0 : u[j - 1] >>> (64 - s));
            q[j] = divide128(rem, limb, vn, remainderOut);
            rem = remainderOut[0];
        }
        r[0] = rem >>> s;
    }

    /** m >= n >= 2, v[n-1] != 0. */
    private static void knuthDivide(long[] u, int m, long[] v, int n, long[] q, long[] r) {
        int s = Long.numberOfLeadingZeros(v[n - 1]);
        long[] vn = new long[n];
        for (int i = n - 1; i > 0; i--) {
            vn[i] = (v[i] << s) | (s == 0 ? 0 : v[i - 1] >>> (64 - s));
        }
        vn[0] = v[0] << s;
        long[] un = new long[m + 1];
        un[m] = s == 0 ? 0 : u[m - 1] >>> (64 - s);
        for (int i = m - 1; i > 0; i--) {
            un[i] = (u[i] << s) | (s == 0 ? 0 : u[i - 1] >>> (64 - s));
        }
        un[0] = u[0] << s;
        long vTop = vn[n - 1];
        long vNext = vn[n - 2];
        long[] remainderOut = new long[1];
        for (int j = m - n; j >= 0; j--) {
            long qhat;
            long rhat;
            boolean rhatOverflow;
            if (un[j + n] == vTop) {
                qhat = -1L;
                rhat = un[j + n - 1] + vTop;
                rhatOverflow = Long.compareUnsigned(rhat, vTop) < 0;
            } else {
                qhat = divide128(un[j + n], un[j + n - 1], vTop, remainderOut);
                rhat = remainderOut[0];
                rhatOverflow = false;
            }
            // at most two corrections: while qhat * vNext > rhat * B + un[j+n-2]
            while (!rhatOverflow) {
                long productHigh = Math.unsignedMultiplyHigh(qhat, vNext);
                long productLow = qhat * vNext;
                int c = Long.compareUnsigned(productHigh, rhat);
                if (c < 0 || (c == 0 && Long.compareUnsigned(productLow, un[j + n - 2]) <= 0)) {
                    break;
                }
                qhat--;
                long previous = rhat;
                rhat += vTop;
                rhatOverflow = Long.compareUnsigned(rhat, previous) < 0;
            }
            // un[j..j+n] -= qhat * vn
            long carry = 0;
            for (int i = 0; i < n; i++) {
                long low = qhat * vn[i];
                long high = Math.unsignedMultiplyHigh(qhat, vn[i]);
                long subtrahend = low + carry;
                if (Long.compareUnsigned(subtrahend, low) < 0) {
                    high++;
                }
                long t = un[i + j];
                un[i + j] = t - subtrahend;
                if (Long.compareUnsigned(t, subtrahend) < 0) {
                    high++;
                }
                carry = high;
            }
            long top = un[j + n];
            un[j + n] = top - carry;
            if (Long.compareUnsigned(top, carry) < 0) {
                // qhat was one too large: add the divisor back
                qhat--;
                long addCarry = 0;
                for (int i = 0; i < n; i++) {
                    long x = un[i + j];
                    long sum = x + vn[i];
                    long c1 = Long.compareUnsigned(sum, x) < 0 ? 1 : 0;
                    long sum2 = sum + addCarry;
                    long c2 = Long.compareUnsigned(sum2, sum) < 0 ? 1 : 0;
                    un[i + j] = sum2;
                    addCarry = c1 | c2;
                }
                un[j + n] += addCarry;
            }
            q[j] = qhat;
        }
        for (int i = 0; i < n; i++) {
            r[i] = (un[i] >>> s) | (s == 0 ? 0 : un[i + 1] << (64 - s));
        }
    }

    /**
     * (high * 2^64 + low) / divisor for a normalized divisor (top bit set) and high < divisor, so
     * that the quotient fits 64 bits (Hacker's Delight, divlu). The remainder goes to rem[0].
     */
    private static long divide128(long high, long low, long divisor, long[] rem) {
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
        rem[0] = ((middle << 32) | lowLow) - q0 * divisor;
        return (q1 << 32) | q0;
    }

    private static int significantLimbs(long[] x) {
        int n = x.length;
        while (n > 0 && x[n - 1] == 0) {
            n--;
        }
        return n;
    }
}
