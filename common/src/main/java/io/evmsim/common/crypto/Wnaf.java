package io.evmsim.common.crypto;

import java.util.Arrays;

/**
 * Width-w non-adjacent form of a scalar: digits that are zero or odd with |d| < 2^(w-1), at most
 * one non-zero in any w consecutive positions, so a multiplication costs one addition per w+1 bits
 * on average against a table of the 2^(w-2) odd multiples. The algorithm is libsecp256k1's
 * {@code secp256k1_ecmult_wnaf}.
 */
final class Wnaf {
    private Wnaf() {
    }

    /**
     * Fills {@code digits} (least significant first, all positions written) with the form of
     * {@code sign * magnitude}, where {@code magnitude} holds little-endian 64-bit limbs and has
     * fewer than {@code digits.length - 1} bits; returns the index of the highest non-zero digit, or -1.
     */
    static int digits(int[] digits, long[] magnitude, boolean negative, int width) {
        Arrays.fill(digits, 0);
        int length = digits.length;
        int sign = negative ? -1 : 1;
        int carry = 0;
        int highest = -1;
        int bit = 0;
        while (bit < length) {
            if (bits(magnitude, bit, 1) == carry) {
                bit++;
                continue;
            }
            int now = Math.min(width, length - bit);
            int word = bits(magnitude, bit, now) + carry;
            carry = (word >> (width - 1)) & 1;
            word -= carry << width;
            digits[bit] = sign * word;
            highest = bit;
            bit += now;
        }
        if (carry != 0) {
            throw new IllegalArgumentException("scalar too wide for " + length + " wNAF digits");
        }
        return highest;
    }

    private static int bits(long[] limbs, int bit, int count) {
        int limb = bit >>> 6;
        if (limb >= limbs.length) {
            return 0;
        }
        int shift = bit & 63;
        long value = limbs[limb] >>> shift;
        if (shift + count > 64 && limb + 1 < limbs.length) {
            value |= limbs[limb + 1] << (64 - shift);
        }
        return (int) (value & ((1L << count) - 1));
    }
}
