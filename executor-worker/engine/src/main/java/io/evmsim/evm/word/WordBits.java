package io.evmsim.evm.word;

/**
 * Comparison, bitwise and shift instructions on the stack's limb layout (see {@link WordMath}):
 * operands at {@code a} (top) and {@code b}, the result written over {@code b}; unary operations
 * work in place at {@code a}.
 */
public final class WordBits {
    private WordBits() {
    }

    public static int compareUnsigned(long[] w, int a, int b) {
        for (int i = 3; i >= 0; i--) {
            int c = Long.compareUnsigned(w[a + i], w[b + i]);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    public static int compareSigned(long[] w, int a, int b) {
        int c = Long.compare(w[a + 3], w[b + 3]);
        if (c != 0) {
            return c;
        }
        for (int i = 2; i >= 0; i--) {
            c = Long.compareUnsigned(w[a + i], w[b + i]);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    public static void lt(long[] w, int a, int b) {
        WordMath.setLong(w, b, compareUnsigned(w, a, b) < 0 ? 1 : 0);
    }

    public static void gt(long[] w, int a, int b) {
        WordMath.setLong(w, b, compareUnsigned(w, a, b) > 0 ? 1 : 0);
    }

    public static void slt(long[] w, int a, int b) {
        WordMath.setLong(w, b, compareSigned(w, a, b) < 0 ? 1 : 0);
    }

    public static void sgt(long[] w, int a, int b) {
        WordMath.setLong(w, b, compareSigned(w, a, b) > 0 ? 1 : 0);
    }

    public static void eq(long[] w, int a, int b) {
        boolean equal = w[a] == w[b] && w[a + 1] == w[b + 1] && w[a + 2] == w[b + 2] && w[a + 3] == w[b + 3];
        WordMath.setLong(w, b, equal ? 1 : 0);
    }

    public static void isZero(long[] w, int a) {
        WordMath.setLong(w, a, WordMath.isZero(w, a) ? 1 : 0);
    }

    public static void and(long[] w, int a, int b) {
        w[b] &= w[a];
        w[b + 1] &= w[a + 1];
        w[b + 2] &= w[a + 2];
        w[b + 3] &= w[a + 3];
    }

    public static void or(long[] w, int a, int b) {
        w[b] |= w[a];
        w[b + 1] |= w[a + 1];
        w[b + 2] |= w[a + 2];
        w[b + 3] |= w[a + 3];
    }

    public static void xor(long[] w, int a, int b) {
        w[b] ^= w[a];
        w[b + 1] ^= w[a + 1];
        w[b + 2] ^= w[a + 2];
        w[b + 3] ^= w[a + 3];
    }

    public static void not(long[] w, int a) {
        w[a] = ~w[a];
        w[a + 1] = ~w[a + 1];
        w[a + 2] = ~w[a + 2];
        w[a + 3] = ~w[a + 3];
    }

    /** BYTE: byte {@code a} of {@code b}, counting from the most significant; 0 when a >= 32. */
    public static void byteAt(long[] w, int a, int b) {
        if ((w[a + 1] | w[a + 2] | w[a + 3]) != 0 || Long.compareUnsigned(w[a], 32) >= 0) {
            WordMath.setLong(w, b, 0);
            return;
        }
        int index = 31 - (int) w[a];
        long limb = w[b + (index >>> 3)];
        WordMath.setLong(w, b, (limb >>> ((index & 7) * 8)) & 0xff);
    }

    /** SHL (EIP-145): b := b << a; shifts of 256 or more give zero. */
    public static void shl(long[] w, int a, int b) {
        int shift = shiftAmount(w, a);
        if (shift >= 256) {
            WordMath.setLong(w, b, 0);
            return;
        }
        int limbShift = shift >>> 6;
        int bits = shift & 63;
        long x0 = w[b], x1 = w[b + 1], x2 = w[b + 2], x3 = w[b + 3];
        // shift whole limbs first
        for (int k = 0; k < limbShift; k++) {
            x3 = x2;
            x2 = x1;
            x1 = x0;
            x0 = 0;
        }
        if (bits != 0) {
            int back = 64 - bits;
            x3 = (x3 << bits) | (x2 >>> back);
            x2 = (x2 << bits) | (x1 >>> back);
            x1 = (x1 << bits) | (x0 >>> back);
            x0 = x0 << bits;
        }
        WordMath.set(w, b, x0, x1, x2, x3);
    }

    /** SHR (EIP-145): b := b >>> a. */
    public static void shr(long[] w, int a, int b) {
        int shift = shiftAmount(w, a);
        if (shift >= 256) {
            WordMath.setLong(w, b, 0);
            return;
        }
        shiftRight(w, b, shift, 0);
    }

    /** SAR (EIP-145): b := b >> a, filling with the sign bit; shifts past 255 give 0 or -1. */
    public static void sar(long[] w, int a, int b) {
        long fill = w[b + 3] < 0 ? -1L : 0L;
        int shift = shiftAmount(w, a);
        if (shift >= 256) {
            WordMath.set(w, b, fill, fill, fill, fill);
            return;
        }
        shiftRight(w, b, shift, fill);
    }

    /** Shifts the word at b right, bringing in {@code fill} (0 or -1) from the top. */
    public static void shiftRight(long[] w, int b, int shift, long fill) {
        int limbShift = shift >>> 6;
        int bits = shift & 63;
        long x0 = w[b], x1 = w[b + 1], x2 = w[b + 2], x3 = w[b + 3];
        for (int k = 0; k < limbShift; k++) {
            x0 = x1;
            x1 = x2;
            x2 = x3;
            x3 = fill;
        }
        if (bits != 0) {
            int back = 64 - bits;
            x0 = (x0 >>> bits) | (x1 << back);
            x1 = (x1 >>> bits) | (x2 << back);
            x2 = (x2 >>> bits) | (x3 << back);
            x3 = (x3 >>> bits) | (fill << back);
        }
        WordMath.set(w, b, x0, x1, x2, x3);
    }

    /** The shift as an int, or 256 for any shift of 256 or more. */
    private static int shiftAmount(long[] w, int a) {
        if ((w[a + 1] | w[a + 2] | w[a + 3]) != 0 || Long.compareUnsigned(w[a], 256) >= 0) {
            return 256;
        }
        return (int) w[a];
    }

    /** SIGNEXTEND: extends the sign of byte {@code a} (from the least significant) of {@code b}. */
    public static void signExtend(long[] w, int a, int b) {
        if ((w[a + 1] | w[a + 2] | w[a + 3]) != 0 || Long.compareUnsigned(w[a], 31) >= 0) {
            return;
        }
        int signBit = (int) w[a] * 8 + 7;
        int limb = signBit >>> 6;
        int bit = signBit & 63;
        boolean negative = ((w[b + limb] >>> bit) & 1) != 0;
        long mask = bit == 63 ? -1L : (1L << (bit + 1)) - 1;
        if (negative) {
            w[b + limb] |= ~mask;
        } else {
            w[b + limb] &= mask;
        }
        long fill = negative ? -1L : 0L;
        for (int i = limb + 1; i < 4; i++) {
            w[b + i] = fill;
        }
    }

    /** CLZ (EIP-7939): the number of leading zero bits, 256 for zero. */
    public static void clz(long[] w, int a) {
        int count;
        if (w[a + 3] != 0) {
            count = Long.numberOfLeadingZeros(w[a + 3]);
        } else if (w[a + 2] != 0) {
            count = 64 + Long.numberOfLeadingZeros(w[a + 2]);
        } else if (w[a + 1] != 0) {
            count = 128 + Long.numberOfLeadingZeros(w[a + 1]);
        } else {
            count = 192 + Long.numberOfLeadingZeros(w[a]);
        }
        WordMath.setLong(w, a, count);
    }

    /** The number of bytes needed to hold the word: what EXP charges per exponent byte. */
    public static int byteLength(long[] w, int a) {
        for (int i = 3; i >= 0; i--) {
            if (w[a + i] != 0) {
                return i * 8 + (64 - Long.numberOfLeadingZeros(w[a + i]) + 7) / 8;
            }
        }
        return 0;
    }

    /** EXP: b := a ** b mod 2^256, by square and multiply. */
    public static void exp(long[] w, int a, int b) {
        long[] t = new long[12];
        // t[0..3] result, t[4..7] base, t[8..11] scratch
        t[0] = 1;
        System.arraycopy(w, a, t, 4, 4);
        int bits = 0;
        for (int i = 3; i >= 0; i--) {
            if (w[b + i] != 0) {
                bits = i * 64 + 64 - Long.numberOfLeadingZeros(w[b + i]);
                break;
            }
        }
        long[] e = {w[b], w[b + 1], w[b + 2], w[b + 3]};
        for (int bit = 0; bit < bits; bit++) {
            if (((e[bit >>> 6] >>> (bit & 63)) & 1) != 0) {
                System.arraycopy(t, 4, t, 8, 4);
                WordMath.mul(t, 8, 0); // result := base * result
            }
            if (bit + 1 < bits) {
                System.arraycopy(t, 4, t, 8, 4);
                WordMath.mul(t, 8, 4); // base := base * base
            }
        }
        System.arraycopy(t, 0, w, b, 4);
    }
}
