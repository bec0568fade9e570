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
     */
    static void divide(long[] dividend, long[] divisor, long[] q, long[] r) {
        int[] u = toDigits(dividend);
        int[] v = toDigits(divisor);
        int m = significantDigits(u);
        int n = significantDigits(v);
        int[] quotient = new int[Math.max(m - n + 1, 1)];
        int[] remainder = new int[n];
        if (m < n) {
            System.arraycopy(u, 0, remainder, 0, m);
        } else {
            knuthDivide(u, m, v, n, quotient, remainder);
        }
        if (q != null) {
            fromDigits(quotient, q);
        }
        if (r != null) {
            fromDigits(remainder, r);
        }
    }

    /** Knuth, TAOCP vol. 2, 4.3.1, algorithm D; m >= n >= 1 and v[n-1] != 0. */
    private static void knuthDivide(int[] u, int m, int[] v, int n, int[] q, int[] r) {
        if (n == 1) {
            long divisor = v[0] & LOW32;
            long rem = 0;
            for (int j = m - 1; j >= 0; j--) {
                long cur = (rem << 32) | (u[j] & LOW32);
                q[j] = (int) Long.divideUnsigned(cur, divisor);
                rem = Long.remainderUnsigned(cur, divisor);
            }
            r[0] = (int) rem;
            return;
        }
        int s = Integer.numberOfLeadingZeros(v[n - 1]);
        int[] vn = new int[n];
        for (int i = n - 1; i > 0; i--) {
            vn[i] = (v[i] << s) | (s == 0 ? 0 : v[i - 1] >>> (32 - s));
        }
        vn[0] = v[0] << s;
        int[] un = new int[m + 1];
        un[m] = s == 0 ? 0 : u[m - 1] >>> (32 - s);
        for (int i = m - 1; i > 0; i--) {
            un[i] = (u[i] << s) | (s == 0 ? 0 : u[i - 1] >>> (32 - s));
        }
        un[0] = u[0] << s;
        long vTop = vn[n - 1] & LOW32;
        long vNext = vn[n - 2] & LOW32;
        for (int j = m - n; j >= 0; j--) {
            long num = ((un[j + n] & LOW32) << 32) | (un[j + n - 1] & LOW32);
            long qhat = Long.divideUnsigned(num, vTop);
            long rhat = num - qhat * vTop;
            while (Long.compareUnsigned(qhat, LOW32) > 0
                    || Long.compareUnsigned(qhat * vNext, (rhat << 32) | (un[j + n - 2] & LOW32)) > 0) {
                qhat--;
                rhat += vTop;
                if (rhat > LOW32) {
                    break;
                }
            }
            long borrow = 0;
            long t;
            for (int i = 0; i < n; i++) {
                long p = qhat * (vn[i] & LOW32);
                t = (un[i + j] & LOW32) - borrow - (p & LOW32);
                un[i + j] = (int) t;
                borrow = (p >>> 32) - (t >> 32);
            }
            t = (un[j + n] & LOW32) - borrow;
            un[j + n] = (int) t;
            q[j] = (int) qhat;
            if (t < 0) {
                q[j]--;
                long carry = 0;
                for (int i = 0; i < n; i++) {
                    t = (un[i + j] & LOW32) + (vn[i] & LOW32) + carry;
                    un[i + j] = (int) t;
                    carry = t >>> 32;
                }
                un[j + n] += (int) carry;
            }
        }
        for (int i = 0; i < n - 1; i++) {
            r[i] = (un[i] >>> s) | (s == 0 ? 0 : un[i + 1] << (32 - s));
        }
        r[n - 1] = un[n - 1] >>> s;
    }

    private static int[] toDigits(long[] limbs) {
        int[] d = new int[limbs.length * 2];
        for (int i = 0; i < limbs.length; i++) {
            d[2 * i] = (int) limbs[i];
            d[2 * i + 1] = (int) (limbs[i] >>> 32);
        }
        return d;
    }

    private static int significantDigits(int[] d) {
        int n = d.length;
        while (n > 0 && d[n - 1] == 0) {
            n--;
        }
        return n;
    }

    private static void fromDigits(int[] digits, long[] out) {
        for (int i = 0; i < out.length; i++) {
            long lo = 2 * i < digits.length ? digits[2 * i] & LOW32 : 0;
            long hi = 2 * i + 1 < digits.length ? digits[2 * i + 1] & LOW32 : 0;
            out[i] = lo | (hi << 32);
        }
    }
}
