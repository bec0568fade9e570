package io.evmsim.evm.word;

/**
 * 256-bit word arithmetic on a flat {@code long[]} of limbs, as the interpreter's stack holds them.
 * A word at index {@code i} occupies {@code w[i..i+3]}, least significant limb first. Every
 * operation reads operands at {@code a} (the top of the stack, popped first) and {@code b} (the
 * next item), and writes its result over {@code b}: that is the EVM's pop-pop-push.
 */
public final class WordMath {
    private WordMath() {
    }

    public static boolean isZero(long[] w, int a) {
        return (w[a] | w[a + 1] | w[a + 2] | w[a + 3]) == 0;
    }

    /** True when the word fits in a non-negative int, the only offsets and sizes worth reading. */
    public static boolean fitsInt(long[] w, int a) {
        return (w[a + 1] | w[a + 2] | w[a + 3]) == 0 && w[a] >= 0 && w[a] <= Integer.MAX_VALUE;
    }

    /** The word as a long when it fits in 63 bits, else {@link Long#MAX_VALUE}: saturating. */
    public static long clampToLong(long[] w, int a) {
        return (w[a + 1] | w[a + 2] | w[a + 3]) == 0 && w[a] >= 0 ? w[a] : Long.MAX_VALUE;
    }

    public static void set(long[] w, int a, long v0, long v1, long v2, long v3) {
        w[a] = v0;
        w[a + 1] = v1;
        w[a + 2] = v2;
        w[a + 3] = v3;
    }

    public static void setLong(long[] w, int a, long value) {
        w[a] = value;
        w[a + 1] = 0;
        w[a + 2] = 0;
        w[a + 3] = 0;
    }

    public static void add(long[] w, int a, int b) {
        long r0 = w[a] + w[b];
        long c = Long.compareUnsigned(r0, w[a]) < 0 ? 1 : 0;
        long s1 = w[a + 1] + w[b + 1];
        long c1 = Long.compareUnsigned(s1, w[a + 1]) < 0 ? 1 : 0;
        long r1 = s1 + c;
        c = c1 | (Long.compareUnsigned(r1, s1) < 0 ? 1 : 0);
        long s2 = w[a + 2] + w[b + 2];
        long c2 = Long.compareUnsigned(s2, w[a + 2]) < 0 ? 1 : 0;
        long r2 = s2 + c;
        c = c2 | (Long.compareUnsigned(r2, s2) < 0 ? 1 : 0);
        w[b + 3] = w[a + 3] + w[b + 3] + c;
        w[b] = r0;
        w[b + 1] = r1;
        w[b + 2] = r2;
    }

    /** b := a - b. */
    public static void sub(long[] w, int a, int b) {
        long x0 = w[a], y0 = w[b];
        long r0 = x0 - y0;
        long borrow = Long.compareUnsigned(x0, y0) < 0 ? 1 : 0;
        long x1 = w[a + 1], y1 = w[b + 1];
        long d1 = x1 - y1;
        long b1 = Long.compareUnsigned(x1, y1) < 0 ? 1 : 0;
        long r1 = d1 - borrow;
        borrow = b1 | (Long.compareUnsigned(d1, borrow) < 0 ? 1 : 0);
        long x2 = w[a + 2], y2 = w[b + 2];
        long d2 = x2 - y2;
        long b2 = Long.compareUnsigned(x2, y2) < 0 ? 1 : 0;
        long r2 = d2 - borrow;
        borrow = b2 | (Long.compareUnsigned(d2, borrow) < 0 ? 1 : 0);
        w[b + 3] = w[a + 3] - w[b + 3] - borrow;
        w[b] = r0;
        w[b + 1] = r1;
        w[b + 2] = r2;
    }

    /** b := a * b mod 2^256, row by row over the limbs, dropping everything at or above 2^256. */
    public static void mul(long[] w, int a, int b) {
        long a0 = w[a], a1 = w[a + 1], a2 = w[a + 2], a3 = w[a + 3];
        long b0 = w[b], b1 = w[b + 1], b2 = w[b + 2], b3 = w[b + 3];
        long lo;
        long t;
        long c;
        // a0 * b
        long r0 = a0 * b0;
        c = Math.unsignedMultiplyHigh(a0, b0);
        lo = a0 * b1;
        long r1 = lo + c;
        c = Math.unsignedMultiplyHigh(a0, b1) + (Long.compareUnsigned(r1, lo) < 0 ? 1 : 0);
        lo = a0 * b2;
        long r2 = lo + c;
        c = Math.unsignedMultiplyHigh(a0, b2) + (Long.compareUnsigned(r2, lo) < 0 ? 1 : 0);
        long r3 = a0 * b3 + c;
        // a1 * b, shifted one limb
        lo = a1 * b0;
        t = r1 + lo;
        c = Math.unsignedMultiplyHigh(a1, b0) + (Long.compareUnsigned(t, lo) < 0 ? 1 : 0);
        r1 = t;
        lo = a1 * b1;
        t = r2 + lo;
        long c2 = Math.unsignedMultiplyHigh(a1, b1) + (Long.compareUnsigned(t, lo) < 0 ? 1 : 0);
        long t2 = t + c;
        c2 += Long.compareUnsigned(t2, c) < 0 ? 1 : 0;
        r2 = t2;
        r3 += a1 * b2 + c2;
        // a2 * b, shifted two limbs
        lo = a2 * b0;
        t = r2 + lo;
        c = Math.unsignedMultiplyHigh(a2, b0) + (Long.compareUnsigned(t, lo) < 0 ? 1 : 0);
        r2 = t;
        r3 += a2 * b1 + c;
        // a3 * b, shifted three limbs
        r3 += a3 * b0;
        w[b] = r0;
        w[b + 1] = r1;
        w[b + 2] = r2;
        w[b + 3] = r3;
    }
}
