package io.evmsim.evm.precompile.bls12381;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * An element of the BLS12-381 base field Fp, held in Montgomery form (a * 2^384 mod p) as six
 * little-endian 64-bit limbs. Immutable. Nothing here is constant-time: precompile inputs are
 * public.
 */
final class Fp implements FieldElement<Fp> {
    /** The base field modulus p (EIP-2537, "Curve parameters"). */
    static final BigInteger MODULUS = new BigInteger(
            "1a0111ea397fe69a4b1ba7b6434bacd764774b84f38512bf6730d2a0f6b0f6241eabfffeb153ffffb9feffffffffaaab", 16);

    /** Encoded size of one element: 16 zero bytes of padding, then 48 bytes big-endian. */
    static final int ENCODED_LENGTH = 64;

    private static final int PADDING = 16;
    private static final int LIMBS = 6;
    private static final long[] P = toLimbs(MODULUS);
    private static final long P0 = P[0], P1 = P[1], P2 = P[2], P3 = P[3], P4 = P[4], P5 = P[5];
    /** -p^-1 mod 2^64, the Montgomery reduction factor. */
    private static final long P_INV_NEG =
            MODULUS.modInverse(BigInteger.ONE.shiftLeft(64)).negate().longValue();
    /** 2^768 mod p: multiplying by it in Montgomery form converts a plain number into the form. */
    private static final long[] R_SQUARED = toLimbs(BigInteger.ONE.shiftLeft(768).mod(MODULUS));
    private static final BigInteger SQRT_EXPONENT = MODULUS.add(BigInteger.ONE).shiftRight(2);
    private static final BigInteger INVERSE_EXPONENT = MODULUS.subtract(BigInteger.TWO);

    static final Fp ZERO = new Fp(0, 0, 0, 0, 0, 0);
    static final Fp ONE = fromBigInteger(BigInteger.ONE);

    /** The Montgomery form, least significant limb first; fields, not an array, save an allocation per operation. */
    private final long l0, l1, l2, l3, l4, l5;

    private Fp(long l0, long l1, long l2, long l3, long l4, long l5) {
        this.l0 = l0;
        this.l1 = l1;
        this.l2 = l2;
        this.l3 = l3;
        this.l4 = l4;
        this.l5 = l5;
    }

    static Fp fromBigInteger(BigInteger value) {
        return toMontgomery(toLimbs(value.mod(MODULUS)));
    }

    static Fp of(long value) {
        return fromBigInteger(BigInteger.valueOf(value));
    }

    static Fp fromHex(String hex) {
        return fromBigInteger(new BigInteger(hex, 16));
    }

    /**
     * Decodes the EIP-2537 encoding at {@code offset}: null unless the 16 padding bytes are zero
     * and the value is below p ("Field elements encoding").
     */
    static Fp decode(byte[] in, int offset) {
        for (int i = 0; i < PADDING; i++) {
            if (in[offset + i] != 0) {
                return null;
            }
        }
        long[] plain = new long[LIMBS];
        int pos = offset + PADDING;
        for (int limb = LIMBS - 1; limb >= 0; limb--) {
            long word = 0;
            for (int b = 0; b < 8; b++) {
                word = (word << 8) | (in[pos++] & 0xFF);
            }
            plain[limb] = word;
        }
        if (!lessThanModulus(plain[0], plain[1], plain[2], plain[3], plain[4], plain[5])) {
            return null;
        }
        return toMontgomery(plain);
    }

    @Override
    public void encode(byte[] out, int offset) {
        long[] plain = canonicalLimbs();
        Arrays.fill(out, offset, offset + PADDING, (byte) 0);
        int pos = offset + PADDING;
        for (int limb = LIMBS - 1; limb >= 0; limb--) {
            long word = plain[limb];
            for (int shift = 56; shift >= 0; shift -= 8) {
                out[pos++] = (byte) (word >>> shift);
            }
        }
    }

    BigInteger toBigInteger() {
        long[] plain = canonicalLimbs();
        BigInteger result = BigInteger.ZERO;
        for (int i = LIMBS - 1; i >= 0; i--) {
            result = result.shiftLeft(64).or(new BigInteger(Long.toUnsignedString(plain[i])));
        }
        return result;
    }

    /** p < 2^382, so the sum of two reduced values never leaves six limbs. */
    @Override
    public Fp add(Fp o) {
        long r0 = l0 + o.l0;
        long c = carryOut(l0, r0, 0);
        long r1 = l1 + o.l1 + c;
        c = carryOut(l1, r1, c);
        long r2 = l2 + o.l2 + c;
        c = carryOut(l2, r2, c);
        long r3 = l3 + o.l3 + c;
        c = carryOut(l3, r3, c);
        long r4 = l4 + o.l4 + c;
        c = carryOut(l4, r4, c);
        long r5 = l5 + o.l5 + c;
        return reduceOnce(r0, r1, r2, r3, r4, r5);
    }

    @Override
    public Fp sub(Fp o) {
        long r0 = l0 - o.l0;
        long borrow = borrowOut(l0, o.l0, 0);
        long r1 = l1 - o.l1 - borrow;
        borrow = borrowOut(l1, o.l1, borrow);
        long r2 = l2 - o.l2 - borrow;
        borrow = borrowOut(l2, o.l2, borrow);
        long r3 = l3 - o.l3 - borrow;
        borrow = borrowOut(l3, o.l3, borrow);
        long r4 = l4 - o.l4 - borrow;
        borrow = borrowOut(l4, o.l4, borrow);
        long r5 = l5 - o.l5 - borrow;
        borrow = borrowOut(l5, o.l5, borrow);
        if (borrow == 0) {
            return new Fp(r0, r1, r2, r3, r4, r5);
        }
        // Wrapped below zero: adding p brings the value back into [0, p).
        long s0 = r0 + P0;
        long c = carryOut(r0, s0, 0);
        long s1 = r1 + P1 + c;
        c = carryOut(r1, s1, c);
        long s2 = r2 + P2 + c;
        c = carryOut(r2, s2, c);
        long s3 = r3 + P3 + c;
        c = carryOut(r3, s3, c);
        long s4 = r4 + P4 + c;
        c = carryOut(r4, s4, c);
        long s5 = r5 + P5 + c;
        return new Fp(s0, s1, s2, s3, s4, s5);
    }

    @Override
    public Fp neg() {
        return isZero() ? this : ZERO.sub(this);
    }

    @Override
    public Fp mul(Fp o) {
        return montgomeryMultiply(l0, l1, l2, l3, l4, l5, o.l0, o.l1, o.l2, o.l3, o.l4, o.l5);
    }

    @Override
    public Fp square() {
        return montgomeryMultiply(l0, l1, l2, l3, l4, l5, l0, l1, l2, l3, l4, l5);
    }

    /** Fermat inversion a^(p-2); maps zero to zero as inv0 requires. */
    @Override
    public Fp inverse() {
        return pow(INVERSE_EXPONENT);
    }

    /** p = 3 mod 4, so a^((p+1)/4) is a root whenever one exists (RFC 9380, appendix I.1). */
    @Override
    public Fp sqrt() {
        Fp candidate = pow(SQRT_EXPONENT);
        return candidate.square().equals(this) ? candidate : null;
    }

    @Override
    public int sgn0() {
        return (int) (canonicalLimbs()[0] & 1);
    }

    @Override
    public boolean isZero() {
        return (l0 | l1 | l2 | l3 | l4 | l5) == 0;
    }

    @Override
    public Fp zero() {
        return ZERO;
    }

    Fp pow(BigInteger exponent) {
        Fp result = ONE;
        for (int i = exponent.bitLength() - 1; i >= 0; i--) {
            result = result.square();
            if (exponent.testBit(i)) {
                result = result.mul(this);
            }
        }
        return result;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Fp other && l0 == other.l0 && l1 == other.l1 && l2 == other.l2 && l3 == other.l3
                && l4 == other.l4 && l5 == other.l5;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(new long[] {l0, l1, l2, l3, l4, l5});
    }

    @Override
    public String toString() {
        return "0x" + toBigInteger().toString(16);
    }

    /** The plain value: Montgomery multiplication by 1 divides by 2^384. */
    private long[] canonicalLimbs() {
        Fp plain = montgomeryMultiply(l0, l1, l2, l3, l4, l5, 1, 0, 0, 0, 0, 0);
        return new long[] {plain.l0, plain.l1, plain.l2, plain.l3, plain.l4, plain.l5};
    }

    /** A plain value below p times 2^768 mod p, Montgomery-multiplied, is its Montgomery form. */
    private static Fp toMontgomery(long[] plain) {
        return montgomeryMultiply(plain[0], plain[1], plain[2], plain[3], plain[4], plain[5],
                R_SQUARED[0], R_SQUARED[1], R_SQUARED[2], R_SQUARED[3], R_SQUARED[4], R_SQUARED[5]);
    }

    /**
     * CIOS Montgomery multiplication a * b * 2^-384 mod p for a, b below p, unrolled over local
     * variables so that it allocates only the result. The top limb of p is below 2^62, so the
     * running value stays below 2p and needs no seventh limb (the "no-carry" variant of CIOS).
     */
    private static Fp montgomeryMultiply(long a0, long a1, long a2, long a3, long a4, long a5,
            long b0, long b1, long b2, long b3, long b4, long b5) {
        long t0 = 0, t1 = 0, t2 = 0, t3 = 0, t4 = 0, t5 = 0;
        long lo, hi, c, m, top;
        // round 0: t += a * b0, then t = (t + m p) / 2^64
        lo = a0 * b0;
        hi = Math.unsignedMultiplyHigh(a0, b0);
        lo += t0;
        hi += Long.compareUnsigned(lo, t0) < 0 ? 1 : 0;
        t0 = lo;
        c = hi;
        lo = a1 * b0;
        hi = Math.unsignedMultiplyHigh(a1, b0);
        lo += t1;
        hi += Long.compareUnsigned(lo, t1) < 0 ? 1 : 0;
        lo += c;
        hi += Long.compareUnsigned(lo, c) < 0 ? 1 : 0;
        t1 = lo;
        c = hi;
        lo = a2 * b0;
        hi = Math.unsignedMultiplyHigh(a2, b0);
        lo += t2;
        hi += Long.compareUnsigned(lo, t2) < 0 ? 1 : 0;
        lo += c;
        hi += Long.compareUnsigned(lo, c) < 0 ? 1 : 0;
        t2 = lo;
        c = hi;
        lo = a3 * b0;
        hi = Math.unsignedMultiplyHigh(a3, b0);
        lo += t3;
        hi += Long.compareUnsigned(lo, t3) < 0 ? 1 : 0;
        lo += c;
        hi += Long.compareUnsigned(lo, c) < 0 ? 1 : 0;
        t3 = lo;
        c = hi;
        lo = a4 * b0;
        hi = Math.unsignedMultiplyHigh(a4, b0);
        lo += t4;
        hi += Long.compareUnsigned(lo, t4) < 0 ? 1 : 0;
        lo += c;
        hi += Long.compareUnsigned(lo, c) < 0 ? 1 : 0;
        t4 = lo;
        c = hi;
        lo = a5 * b0;
        hi = Math.unsignedMultiplyHigh(a5, b0);
        lo += t5;
        hi += Long.compareUnsigned(lo, t5) < 0 ? 1 : 0;
        lo += c;
        hi += Long.compareUnsigned(lo, c) < 0 ? 1 : 0;
        t5 = lo;
        c = hi;
        top = c;
        m = t0 * P_INV_NEG;
        lo = m * P0;
        hi = Math.unsignedMultiplyHigh(m, P0);
        lo += t0;
        hi += Long.compareUnsigned(lo, t0) < 0 ? 1 : 0;
        c = hi;
        lo = m * P1;
        hi = Math.unsignedMultiplyHigh(m, P1);
        lo += t1;
        hi += Long.compareUnsigned(lo, t1) < 0 ? 1 : 0;
        lo += c;
        hi += Long.compareUnsigned(lo, c) < 0 ? 1 : 0;
        t0 = lo;
        c = hi;
        lo = m * P2;
        hi = Math.unsignedMultiplyHigh(m, P2);
        lo += t2;
        hi += Long.compareUnsigned(lo, t2) < 0 ? 1 : 0;
        lo += c;
        hi += Long.compareUnsigned(lo, c) < 0 ? 1 : 0;
        t1 = lo;
        c = hi;
        lo = m * P3;
        hi = Math.unsignedMultiplyHigh(m, P3);
        lo += t3;
        hi += Long.compareUnsigned(lo, t3) < 0 ? 1 : 0;
        lo += c;
        hi += Long.compareUnsigned(lo, c) < 0 ? 1 : 0;
        t2 = lo;
        c = hi;
        lo = m * P4;
        hi = Math.unsignedMultiplyHigh(m, P4);
        lo += t4;
        hi += Long.compareUnsigned(lo, t4) < 0 ? 1 : 0;
        lo += c;
        hi += Long.compareUnsigned(lo, c) < 0 ? 1 : 0;
        t3 = lo;
        c = hi;
        lo = m * P5;
        hi = Math.unsignedMultiplyHigh(m, P5);
        lo += t5;
        hi += Long.compareUnsigned(lo, t5) < 0 ? 1 : 0;
        lo += c;
        hi += Long.compareUnsigned(lo, c) < 0 ? 1 : 0;
        t4 = lo;
        c = hi;
        t5 = top + c;
        // round 1: t += a * b1, then t = (t + m p) / 2^64
        lo = a0 * b1;
        hi = Math.unsignedMultiplyHigh(a0, b1);
        lo += t0;
        hi += Long.compareUnsigned(lo, t0) < 0 ? 1 : 0;
        t0 = lo;
        c = hi;
        lo = a1 * b1;
        hi = Math.unsignedMultiplyHigh(a1, b1);
        lo += t1;
        hi += Long.compareUnsigned(lo, t1) < 0 ? 1 : 0;
        lo += c;
        hi += Long.compareUnsigned(lo, c) < 0 ? 1 : 0;
        t1 = lo;
        c = hi;
        lo = a2 * b1;
        hi = Math.unsignedMultiplyHigh(a2, b1);
        lo += t2;
        hi += Long.compareUnsigned(lo, t2) < 0 ? 1 : 0;
        lo += c;
        hi += Long.compareUnsigned(lo, c) < 0 ? 1 : 0;
        t2 = lo;
        c = hi;
        lo = a3 * b1;
        hi = Math.unsignedMultiplyHigh(a3, b1);
        lo += t3;
        hi += Long.compareUnsigned(lo, t3) < 0 ? 1 : 0;
        lo += c;
        hi += Long.compareUnsigned(lo, c) < 0 ? 1 : 0;
        t3 = lo;
        c = hi;
        lo = a4 * b1;
        hi = Math.unsignedMultiplyHigh(a4, b1);
        lo += t4;
        hi += Long.compareUnsigned(lo, t4) < 0 ? 1 : 0;
        lo += c;
        hi += Long.compareUnsigned(lo, c) < 0 ? 1 : 0;
        t4 = lo;
        c = hi;
        lo = a5 * b1;
        hi = Math.unsignedMultiplyHigh(a5, b1);
        lo += t5;
        hi += Long.compareUnsigned(lo, t5) < 0 ? 1 : 0;
        lo += c;
        hi += Long.compareUnsigned(lo, c) < 0 ? 1 : 0;
        t5 = lo;
        c = hi;
        top = c;
        m = t0 * P_INV_NEG;
        lo = m * P0;
        hi = Math.unsignedMultiplyHigh(m, P0);
        lo += t0;
        hi += Long.compareUnsigned(lo, t0) < 0 ? 1 : 0;
        c = hi;
        lo = m * P1;
        hi = Math.unsignedMultiplyHigh(m, P1);
        lo += t1;
        hi += Long.compareUnsigned(lo, t1) < 0 ? 1 : 0;
        lo += c;
        hi += Long.compareUnsigned(lo, c) < 0 ? 1 : 0;
        t0 = lo;
        c = hi;
        lo = m * P2;
        hi = Math.unsignedMultiplyHigh(m, P2);
        lo += t2;
        hi += Long.compareUnsigned(lo, t2) < 0 ? 1 : 0;
        lo += c;
        hi += Long.compareUnsigned(lo, c) < 0 ? 1 : 0;
        t1 = lo;
        c = hi;
        lo = m * P3;
        hi = Math.unsignedMultiplyHigh(m, P3);
        lo += t3;
        hi += Long.compareUnsigned(lo, t3) < 0 ? 1 : 0;
        lo += c;
        hi += Long.compareUnsigned(lo, c) < 0 ? 1 : 0;
        t2 = lo;
        c = hi;
        lo = m * P4;
        hi = Math.unsignedMultiplyHigh(m, P4);
        lo += t4;
        hi += Long.compareUnsigned(lo, t4) < 0 ? 1 : 0;
        lo += c;
        hi += Long.compareUnsigned(lo, c) < 0 ? 1 : 0;
        t3 = lo;
        c = hi;
        lo = m * P5;
        hi = Math.unsignedMultiplyHigh(m, P5);
        lo += t5;
        hi += Long.compareUnsigned(lo, t5) < 0 ? 1 : 0;
        lo += c;
        hi += Long.compareUnsigned(lo, c) < 0 ? 1 : 0;
        t4 = lo;
        c = hi;
        t5 = top + c;
        // round 2: t += a * b2, then t = (t + m p) / 2^64
        lo = a0 * b2;
        hi = Math.unsignedMultiplyHigh(a0, b2);
        lo += t0;
        hi += Long.compareUnsigned(lo, t0) < 0 ? 1 : 0;
        t0 = lo;
        c = hi;
        lo = a1 * b2;
        hi = Math.unsignedMultiplyHigh(a1, b2);
        lo += t1;
        hi += Long.compareUnsigned(lo, t1) < 0 ? 1 : 0;
        lo += c;
        hi += Long.compareUnsigned(lo, c) < 0 ? 1 : 0;
        t1 = lo;
        c = hi;
        lo = a2 * b2;
        hi = Math.unsignedMultiplyHigh(a2, b2);
        lo += t2;
        hi += Long.compareUnsigned(lo, t2) < 0 ? 1 : 0;
        lo += c;
        hi += Long.compareUnsigned(lo, c) < 0 ? 1 : 0;
        t2 = lo;
        c = hi;
        lo = a3 * b2;
        hi = Math.unsignedMultiplyHigh(a3, b2);
        lo += t3;
        hi += Long.compareUnsigned(lo, t3) < 0 ? 1 : 0;
        lo += c;
        hi += Long.compareUnsigned(lo, c) < 0 ? 1 : 0;
        t3 = lo;
        c = hi;
        lo = a4 * b2;
        hi = Math.unsignedMultiplyHigh(a4, b2);
        lo += t4;
        hi += Long.compareUnsigned(lo, t4) < 0 ? 1 : 0;
        lo += c;
        hi += Long.compareUnsigned(lo, c) < 0 ? 1 : 0;
        t4 = lo;
        c = hi;
        lo = a5 * b2;
        hi = Math.unsignedMultiplyHigh(a5, b2);
        lo += t5;
        hi += Long.compareUnsigned(lo, t5) < 0 ? 1 : 0;
        lo += c;
        hi += Long.compareUnsigned(lo, c) < 0 ? 1 : 0;
        t5 = lo;
        c = hi;
        top = c;
        m = t0 * P_INV_NEG;
        lo = m * P0;
        hi = Math.unsignedMultiplyHigh(m, P0);
        lo += t0;
        hi += Long.compareUnsigned(lo, t0) < 0 ? 1 : 0;
        c = hi;
        lo = m * P1;
        hi = Math.unsignedMultiplyHigh(m, P1);
        lo += t1;
        hi += Long.compareUnsigned(lo, t1) < 0 ? 1 : 0;
        lo += c;
        hi += Long.compareUnsigned(lo, c) < 0 ? 1 : 0;
        t0 = lo;
        c = hi;
        lo = m * P2;
        hi = Math.unsignedMultiplyHigh(m, P2);
        lo += t2;
        hi += Long.compareUnsigned(lo, t2) < 0 ? 1 : 0;
        lo += c;
        hi += Long.compareUnsigned(lo, c) < 0 ? 1 : 0;
        t1 = lo;
        c = hi;
        lo = m * P3;
        hi = Math.unsignedMultiplyHigh(m, P3);
        lo += t3;
        hi += Long.compareUnsigned(lo, t3) < 0 ? 1 : 0;
        lo += c;
        hi += Long.compareUnsigned(lo, c) < 0 ? 1 : 0;
        t2 = lo;
        c = hi;
        lo = m * P4;
        hi = Math.unsignedMultiplyHigh(m, P4);
        lo += t4;
        hi += Long.compareUnsigned(lo, t4) < 0 ? 1 : 0;
        lo += c;
        hi += Long.compareUnsigned(lo, c) < 0 ? 1 : 0;
        t3 = lo;
        c = hi;
        lo = m * P5;
        hi = Math.unsignedMultiplyHigh(m, P5);
        lo += t5;
        hi += Long.compareUnsigned(lo, t5) < 0 ? 1 : 0;
        lo += c;
        hi += Long.compareUnsigned(lo, c) < 0 ? 1 : 0;
        t4 = lo;
        c = hi;
        t5 = top + c;
        // round 3: t += a * b3, then t = (t + m p) / 2^64
        lo = a0 * b3;
        hi = Math.unsignedMultiplyHigh(a0, b3);
        lo += t0;
        hi += Long.compareUnsigned(lo, t0) < 0 ? 1 : 0;
        t0 = lo;
        c = hi;
        lo = a1 * b3;
        hi = Math.unsignedMultiplyHigh(a1, b3);
        lo += t1;
        hi += Long.compareUnsigned(lo, t1) < 0 ? 1 : 0;
        lo += c;
        hi += Long.compareUnsigned(lo, c) < 0 ? 1 : 0;
        t1 = lo;
        c = hi;
        lo = a2 * b3;
        hi = Math.unsignedMultiplyHigh(a2, b3);
        lo += t2;
        hi += Long.compareUnsigned(lo, t2) < 0 ? 1 : 0;
        lo += c;
        hi += Long.compareUnsigned(lo, c) < 0 ? 1 : 0;
        t2 = lo;
        c = hi;
        lo = a3 * b3;
        hi = Math.unsignedMultiplyHigh(a3, b3);
        lo += t3;
        hi += Long.compareUnsigned(lo, t3) < 0 ? 1 : 0;
        lo += c;
        hi += Long.compareUnsigned(lo, c) < 0 ? 1 : 0;
        t3 = lo;
        c = hi;
        lo = a4 * b3;
        hi = Math.unsignedMultiplyHigh(a4, b3);
        lo += t4;
        hi += Long.compareUnsigned(lo, t4) < 0 ? 1 : 0;
        lo += c;
        hi += Long.compareUnsigned(lo, c) < 0 ? 1 : 0;
        t4 = lo;
        c = hi;
        lo = a5 * b3;
        hi = Math.unsignedMultiplyHigh(a5, b3);
        lo += t5;
        hi += Long.compareUnsigned(lo, t5) < 0 ? 1 : 0;
        lo += c;
        hi += Long.compareUnsigned(lo, c) < 0 ? 1 : 0;
        t5 = lo;
        c = hi;
        top = c;
        m = t0 * P_INV_NEG;
        lo = m * P0;
        hi = Math.unsignedMultiplyHigh(m, P0);
        lo += t0;
        hi += Long.compareUnsigned(lo, t0) < 0 ? 1 : 0;
        c = hi;
        lo = m * P1;
        hi = Math.unsignedMultiplyHigh(m, P1);
        lo += t1;
        hi += Long.compareUnsigned(lo, t1) < 0 ? 1 : 0;
        lo += c;
        hi += Long.compareUnsigned(lo, c) < 0 ? 1 : 0;
        t0 = lo;
        c = hi;
        lo = m * P2;
        hi = Math.unsignedMultiplyHigh(m, P2);
        lo += t2;
        hi += Long.compareUnsigned(lo, t2) < 0 ? 1 : 0;
        lo += c;
        hi += Long.compareUnsigned(lo, c) < 0 ? 1 : 0;
        t1 = lo;
        c = hi;
        lo = m * P3;
        hi = Math.unsignedMultiplyHigh(m, P3);
        lo += t3;
        hi += Long.compareUnsigned(lo, t3) < 0 ? 1 : 0;
        lo += c;
        hi += Long.compareUnsigned(lo, c) < 0 ? 1 : 0;
        t2 = lo;
        c = hi;
        lo = m * P4;
        hi = Math.unsignedMultiplyHigh(m, P4);
        lo += t4;
        hi += Long.compareUnsigned(lo, t4) < 0 ? 1 : 0;
        lo += c;
        hi += Long.compareUnsigned(lo, c) < 0 ? 1 : 0;
        t3 = lo;
        c = hi;
        lo = m * P5;
        hi = Math.unsignedMultiplyHigh(m, P5);
        lo += t5;
        hi += Long.compareUnsigned(lo, t5) < 0 ? 1 : 0;
        lo += c;
        hi += Long.compareUnsigned(lo, c) < 0 ? 1 : 0;
        t4 = lo;
        c = hi;
        t5 = top + c;
        // round 4: t += a * b4, then t = (t + m p) / 2^64
        lo = a0 * b4;
        hi = Math.unsignedMultiplyHigh(a0, b4);
        lo += t0;
        hi += Long.compareUnsigned(lo, t0) < 0 ? 1 : 0;
        t0 = lo;
        c = hi;
        lo = a1 * b4;
        hi = Math.unsignedMultiplyHigh(a1, b4);
        lo += t1;
        hi += Long.compareUnsigned(lo, t1) < 0 ? 1 : 0;
        lo += c;
        hi += Long.compareUnsigned(lo, c) < 0 ? 1 : 0;
        t1 = lo;
        c = hi;
        lo = a2 * b4;
        hi = Math.unsignedMultiplyHigh(a2, b4);
        lo += t2;
        hi += Long.compareUnsigned(lo, t2) < 0 ? 1 : 0;
        lo += c;
        hi += Long.compareUnsigned(lo, c) < 0 ? 1 : 0;
        t2 = lo;
        c = hi;
        lo = a3 * b4;
        hi = Math.unsignedMultiplyHigh(a3, b4);
        lo += t3;
        hi += Long.compareUnsigned(lo, t3) < 0 ? 1 : 0;
        lo += c;
        hi += Long.compareUnsigned(lo, c) < 0 ? 1 : 0;
        t3 = lo;
        c = hi;
        lo = a4 * b4;
        hi = Math.unsignedMultiplyHigh(a4, b4);
        lo += t4;
        hi += Long.compareUnsigned(lo, t4) < 0 ? 1 : 0;
        lo += c;
        hi += Long.compareUnsigned(lo, c) < 0 ? 1 : 0;
        t4 = lo;
        c = hi;
        lo = a5 * b4;
        hi = Math.unsignedMultiplyHigh(a5, b4);
        lo += t5;
        hi += Long.compareUnsigned(lo, t5) < 0 ? 1 : 0;
        lo += c;
        hi += Long.compareUnsigned(lo, c) < 0 ? 1 : 0;
        t5 = lo;
        c = hi;
        top = c;
        m = t0 * P_INV_NEG;
        lo = m * P0;
        hi = Math.unsignedMultiplyHigh(m, P0);
        lo += t0;
        hi += Long.compareUnsigned(lo, t0) < 0 ? 1 : 0;
        c = hi;
        lo = m * P1;
        hi = Math.unsignedMultiplyHigh(m, P1);
        lo += t1;
        hi += Long.compareUnsigned(lo, t1) < 0 ? 1 : 0;
        lo += c;
        hi += Long.compareUnsigned(lo, c) < 0 ? 1 : 0;
        t0 = lo;
        c = hi;
        lo = m * P2;
        hi = Math.unsignedMultiplyHigh(m, P2);
        lo += t2;
        hi += Long.compareUnsigned(lo, t2) < 0 ? 1 : 0;
        lo += c;
        hi += Long.compareUnsigned(lo, c) < 0 ? 1 : 0;
        t1 = lo;
        c = hi;
        lo = m * P3;
        hi = Math.unsignedMultiplyHigh(m, P3);
        lo += t3;
        hi += Long.compareUnsigned(lo, t3) < 0 ? 1 : 0;
        lo += c;
        hi += Long.compareUnsigned(lo, c) < 0 ? 1 : 0;
        t2 = lo;
        c = hi;
        lo = m * P4;
        hi = Math.unsignedMultiplyHigh(m, P4);
        lo += t4;
        hi += Long.compareUnsigned(lo, t4) < 0 ? 1 : 0;
        lo += c;
        hi += Long.compareUnsigned(lo, c) < 0 ? 1 : 0;
        t3 = lo;
        c = hi;
        lo = m * P5;
        hi = Math.unsignedMultiplyHigh(m, P5);
        lo += t5;
        hi += Long.compareUnsigned(lo, t5) < 0 ? 1 : 0;
        lo += c;
        hi += Long.compareUnsigned(lo, c) < 0 ? 1 : 0;
        t4 = lo;
        c = hi;
        t5 = top + c;
        // round 5: t += a * b5, then t = (t + m p) / 2^64
        lo = a0 * b5;
        hi = Math.unsignedMultiplyHigh(a0, b5);
        lo += t0;
        hi += Long.compareUnsigned(lo, t0) < 0 ? 1 : 0;
        t0 = lo;
        c = hi;
        lo = a1 * b5;
        hi = Math.unsignedMultiplyHigh(a1, b5);
        lo += t1;
        hi += Long.compareUnsigned(lo, t1) < 0 ? 1 : 0;
        lo += c;
        hi += Long.compareUnsigned(lo, c) < 0 ? 1 : 0;
        t1 = lo;
        c = hi;
        lo = a2 * b5;
        hi = Math.unsignedMultiplyHigh(a2, b5);
        lo += t2;
        hi += Long.compareUnsigned(lo, t2) < 0 ? 1 : 0;
        lo += c;
        hi += Long.compareUnsigned(lo, c) < 0 ? 1 : 0;
        t2 = lo;
        c = hi;
        lo = a3 * b5;
        hi = Math.unsignedMultiplyHigh(a3, b5);
        lo += t3;
        hi += Long.compareUnsigned(lo, t3) < 0 ? 1 : 0;
        lo += c;
        hi += Long.compareUnsigned(lo, c) < 0 ? 1 : 0;
        t3 = lo;
        c = hi;
        lo = a4 * b5;
        hi = Math.unsignedMultiplyHigh(a4, b5);
        lo += t4;
        hi += Long.compareUnsigned(lo, t4) < 0 ? 1 : 0;
        lo += c;
        hi += Long.compareUnsigned(lo, c) < 0 ? 1 : 0;
        t4 = lo;
        c = hi;
        lo = a5 * b5;
        hi = Math.unsignedMultiplyHigh(a5, b5);
        lo += t5;
        hi += Long.compareUnsigned(lo, t5) < 0 ? 1 : 0;
        lo += c;
        hi += Long.compareUnsigned(lo, c) < 0 ? 1 : 0;
        t5 = lo;
        c = hi;
        top = c;
        m = t0 * P_INV_NEG;
        lo = m * P0;
        hi = Math.unsignedMultiplyHigh(m, P0);
        lo += t0;
        hi += Long.compareUnsigned(lo, t0) < 0 ? 1 : 0;
        c = hi;
        lo = m * P1;
        hi = Math.unsignedMultiplyHigh(m, P1);
        lo += t1;
        hi += Long.compareUnsigned(lo, t1) < 0 ? 1 : 0;
        lo += c;
        hi += Long.compareUnsigned(lo, c) < 0 ? 1 : 0;
        t0 = lo;
        c = hi;
        lo = m * P2;
        hi = Math.unsignedMultiplyHigh(m, P2);
        lo += t2;
        hi += Long.compareUnsigned(lo, t2) < 0 ? 1 : 0;
        lo += c;
        hi += Long.compareUnsigned(lo, c) < 0 ? 1 : 0;
        t1 = lo;
        c = hi;
        lo = m * P3;
        hi = Math.unsignedMultiplyHigh(m, P3);
        lo += t3;
        hi += Long.compareUnsigned(lo, t3) < 0 ? 1 : 0;
        lo += c;
        hi += Long.compareUnsigned(lo, c) < 0 ? 1 : 0;
        t2 = lo;
        c = hi;
        lo = m * P4;
        hi = Math.unsignedMultiplyHigh(m, P4);
        lo += t4;
        hi += Long.compareUnsigned(lo, t4) < 0 ? 1 : 0;
        lo += c;
        hi += Long.compareUnsigned(lo, c) < 0 ? 1 : 0;
        t3 = lo;
        c = hi;
        lo = m * P5;
        hi = Math.unsignedMultiplyHigh(m, P5);
        lo += t5;
        hi += Long.compareUnsigned(lo, t5) < 0 ? 1 : 0;
        lo += c;
        hi += Long.compareUnsigned(lo, c) < 0 ? 1 : 0;
        t4 = lo;
        c = hi;
        t5 = top + c;
        return reduceOnce(t0, t1, t2, t3, t4, t5);
    }

    /** The value t below 2p as an element: t, or t - p when t is at least p. */
    private static Fp reduceOnce(long t0, long t1, long t2, long t3, long t4, long t5) {
        if (!lessThanModulus(t0, t1, t2, t3, t4, t5)) {
            long d0 = t0 - P0;
            long borrow = Long.compareUnsigned(t0, P0) < 0 ? 1 : 0;
            long d1 = t1 - P1 - borrow;
            borrow = borrowOut(t1, P1, borrow);
            long d2 = t2 - P2 - borrow;
            borrow = borrowOut(t2, P2, borrow);
            long d3 = t3 - P3 - borrow;
            borrow = borrowOut(t3, P3, borrow);
            long d4 = t4 - P4 - borrow;
            borrow = borrowOut(t4, P4, borrow);
            long d5 = t5 - P5 - borrow;
            return new Fp(d0, d1, d2, d3, d4, d5);
        }
        return new Fp(t0, t1, t2, t3, t4, t5);
    }

    /** The borrow out of x - y - borrowIn for a borrowIn of 0 or 1. */
    private static long borrowOut(long x, long y, long borrowIn) {
        int c = Long.compareUnsigned(x, y);
        return c < 0 || (c == 0 && borrowIn != 0) ? 1 : 0;
    }

    /** The carry out of sum = x + y + carryIn (carryIn 0 or 1): the sum wrapped below x, or to x with a carry in. */
    private static long carryOut(long x, long sum, long carryIn) {
        int c = Long.compareUnsigned(sum, x);
        return c < 0 || (c == 0 && carryIn != 0) ? 1 : 0;
    }

    private static boolean lessThanModulus(long t0, long t1, long t2, long t3, long t4, long t5) {
        if (t5 != P5) {
            return Long.compareUnsigned(t5, P5) < 0;
        }
        if (t4 != P4) {
            return Long.compareUnsigned(t4, P4) < 0;
        }
        if (t3 != P3) {
            return Long.compareUnsigned(t3, P3) < 0;
        }
        if (t2 != P2) {
            return Long.compareUnsigned(t2, P2) < 0;
        }
        if (t1 != P1) {
            return Long.compareUnsigned(t1, P1) < 0;
        }
        return Long.compareUnsigned(t0, P0) < 0;
    }

    private static long[] toLimbs(BigInteger value) {
        long[] r = new long[LIMBS];
        for (int i = 0; i < LIMBS; i++) {
            r[i] = value.shiftRight(64 * i).longValue();
        }
        return r;
    }
}
