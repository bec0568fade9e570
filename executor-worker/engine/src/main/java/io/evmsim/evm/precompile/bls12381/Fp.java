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

    static final Fp ZERO = new Fp(new long[LIMBS]);
    static final Fp ONE = fromBigInteger(BigInteger.ONE);

    private final long[] limbs;

    private Fp(long[] montgomeryLimbs) {
        this.limbs = montgomeryLimbs;
    }

    static Fp fromBigInteger(BigInteger value) {
        return new Fp(montgomeryMultiply(toLimbs(value.mod(MODULUS)), R_SQUARED));
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
        if (!lessThanModulus(plain)) {
            return null;
        }
        return new Fp(montgomeryMultiply(plain, R_SQUARED));
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

    @Override
    public Fp add(Fp other) {
        long[] a = limbs;
        long[] b = other.limbs;
        long[] r = new long[LIMBS];
        long carry = 0;
        for (int i = 0; i < LIMBS; i++) {
            long s = a[i] + b[i];
            long c1 = Long.compareUnsigned(s, a[i]) < 0 ? 1 : 0;
            long t = s + carry;
            long c2 = Long.compareUnsigned(t, s) < 0 ? 1 : 0;
            r[i] = t;
            carry = c1 | c2;
        }
        // p < 2^382, so the sum of two reduced values never leaves six limbs.
        if (!lessThanModulus(r)) {
            subtractModulusInPlace(r);
        }
        return new Fp(r);
    }

    @Override
    public Fp sub(Fp other) {
        long[] a = limbs;
        long[] b = other.limbs;
        long[] r = new long[LIMBS];
        long borrow = 0;
        for (int i = 0; i < LIMBS; i++) {
            long d = a[i] - b[i];
            long b1 = Long.compareUnsigned(a[i], b[i]) < 0 ? 1 : 0;
            long t = d - borrow;
            long b2 = Long.compareUnsigned(d, borrow) < 0 ? 1 : 0;
            r[i] = t;
            borrow = b1 | b2;
        }
        if (borrow != 0) {
            long carry = 0;
            for (int i = 0; i < LIMBS; i++) {
                long s = r[i] + P[i];
                long c1 = Long.compareUnsigned(s, r[i]) < 0 ? 1 : 0;
                long t = s + carry;
                long c2 = Long.compareUnsigned(t, s) < 0 ? 1 : 0;
                r[i] = t;
                carry = c1 | c2;
            }
        }
        return new Fp(r);
    }

    @Override
    public Fp neg() {
        return isZero() ? this : ZERO.sub(this);
    }

    @Override
    public Fp mul(Fp other) {
        return new Fp(montgomeryMultiply(limbs, other.limbs));
    }

    @Override
    public Fp square() {
        return new Fp(montgomeryMultiply(limbs, limbs));
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
        for (long limb : limbs) {
            if (limb != 0) {
                return false;
            }
        }
        return true;
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
        return o instanceof Fp other && Arrays.equals(limbs, other.limbs);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(limbs);
    }

    @Override
    public String toString() {
        return "0x" + toBigInteger().toString(16);
    }

    private long[] canonicalLimbs() {
        long[] one = new long[LIMBS];
        one[0] = 1;
        return montgomeryMultiply(limbs, one);
    }

    /**
     * CIOS Montgomery multiplication a * b * 2^-384 mod p for a, b below p, unrolled over local
     * variables so that it allocates only the result. The top limb of p is below 2^62, so the
     * running value stays below 2p and needs no seventh limb (the "no-carry" variant of CIOS).
     */
    private static long[] montgomeryMultiply(long[] a, long[] b) {
        long a0 = a[0], a1 = a[1], a2 = a[2], a3 = a[3], a4 = a[4], a5 = a[5];
        long t0 = 0, t1 = 0, t2 = 0, t3 = 0, t4 = 0, t5 = 0;
        long lo, hi, c, m, top;
        long b0 = b[0];
        long b1 = b[1];
        long b2 = b[2];
        long b3 = b[3];
        long b4 = b[4];
        long b5 = b[5];
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
        long[] r = {t0, t1, t2, t3, t4, t5};
        if (!lessThanModulus(r)) {
            subtractModulusInPlace(r);
        }
        return r;
    }

    private static boolean lessThanModulus(long[] v) {
        for (int i = LIMBS - 1; i >= 0; i--) {
            int c = Long.compareUnsigned(v[i], P[i]);
            if (c != 0) {
                return c < 0;
            }
        }
        return false;
    }

    private static void subtractModulusInPlace(long[] r) {
        long borrow = 0;
        for (int i = 0; i < LIMBS; i++) {
            long d = r[i] - P[i];
            long b1 = Long.compareUnsigned(r[i], P[i]) < 0 ? 1 : 0;
            long t = d - borrow;
            long b2 = Long.compareUnsigned(d, borrow) < 0 ? 1 : 0;
            r[i] = t;
            borrow = b1 | b2;
        }
    }

    private static long[] toLimbs(BigInteger value) {
        long[] r = new long[LIMBS];
        for (int i = 0; i < LIMBS; i++) {
            r[i] = value.shiftRight(64 * i).longValue();
        }
        return r;
    }
}
