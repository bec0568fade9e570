package io.evmsim.common.types;

import io.evmsim.common.bytes.Hex;
import java.math.BigInteger;

/**
 * An unsigned 256-bit integer as four 64-bit limbs, {@code w0} the least significant. Immutable;
 * used for balances, storage keys and values. The interpreter's stack does not use this class: it
 * keeps words as limbs in a flat long array.
 */
public final class UInt256 implements Comparable<UInt256> {
    public static final UInt256 ZERO = new UInt256(0, 0, 0, 0);
    public static final UInt256 ONE = new UInt256(1, 0, 0, 0);
    public static final UInt256 MAX = new UInt256(-1, -1, -1, -1);
    private static final BigInteger TWO_256 = BigInteger.ONE.shiftLeft(256);

    public final long w0;
    public final long w1;
    public final long w2;
    public final long w3;

    public UInt256(long w0, long w1, long w2, long w3) {
        this.w0 = w0;
        this.w1 = w1;
        this.w2 = w2;
        this.w3 = w3;
    }

    public static UInt256 of(long w0, long w1, long w2, long w3) {
        if ((w0 | w1 | w2 | w3) == 0) {
            return ZERO;
        }
        return new UInt256(w0, w1, w2, w3);
    }

    /** An unsigned value from a non-negative long. */
    public static UInt256 valueOf(long value) {
        if (value < 0) {
            throw new IllegalArgumentException("negative value " + value);
        }
        return value == 0 ? ZERO : new UInt256(value, 0, 0, 0);
    }

    /** Big-endian bytes, at most 32 of them, read as an unsigned number. */
    public static UInt256 fromBytes(byte[] bytes) {
        return fromBytes(bytes, 0, bytes.length);
    }

    public static UInt256 fromBytes(byte[] bytes, int offset, int length) {
        if (length > 32) {
            throw new IllegalArgumentException("more than 32 bytes: " + length);
        }
        long[] limbs = new long[4];
        for (int i = 0; i < length; i++) {
            int bitPos = 8 * (length - 1 - i);
            limbs[bitPos >>> 6] |= (long) (bytes[offset + i] & 0xff) << (bitPos & 63);
        }
        return of(limbs[0], limbs[1], limbs[2], limbs[3]);
    }

    /** A {@code 0x} hex quantity or a decimal number. */
    public static UInt256 parse(String text) {
        String t = text.trim();
        if (Hex.hasPrefix(t)) {
            if (t.length() == 2) {
                return ZERO;
            }
            String digits = t.substring(2);
            int firstNonZero = 0;
            while (firstNonZero < digits.length() - 1 && digits.charAt(firstNonZero) == '0') {
                firstNonZero++;
            }
            if (digits.length() - firstNonZero > 64) {
                throw new IllegalArgumentException("more than 256 bits: " + text);
            }
            return fromBytes(Hex.decode(digits.substring(firstNonZero)));
        }
        return fromBigInteger(new BigInteger(t));
    }

    public static UInt256 fromBigInteger(BigInteger value) {
        if (value.signum() < 0 || value.bitLength() > 256) {
            throw new IllegalArgumentException("not an unsigned 256-bit value: " + value);
        }
        return of(value.longValue(), value.shiftRight(64).longValue(), value.shiftRight(128).longValue(),
                value.shiftRight(192).longValue());
    }

    public BigInteger toBigInteger() {
        byte[] b = toBytes32();
        return new BigInteger(1, b);
    }

    public boolean isZero() {
        return (w0 | w1 | w2 | w3) == 0;
    }

    /** True when the value fits in a non-negative long. */
    public boolean fitsLong() {
        return (w1 | w2 | w3) == 0 && w0 >= 0;
    }

    /** The value as a long; only meaningful when {@link #fitsLong()}. */
    public long toLong() {
        return w0;
    }

    public byte[] toBytes32() {
        byte[] out = new byte[32];
        writeTo(out, 0);
        return out;
    }

    public void writeTo(byte[] target, int offset) {
        putLong(target, offset, w3);
        putLong(target, offset + 8, w2);
        putLong(target, offset + 16, w1);
        putLong(target, offset + 24, w0);
    }

    /** Big-endian bytes without leading zeros; empty for zero (the RLP form of a number). */
    public byte[] toMinimalBytes() {
        byte[] full = toBytes32();
        int start = 0;
        while (start < 32 && full[start] == 0) {
            start++;
        }
        byte[] out = new byte[32 - start];
        System.arraycopy(full, start, out, 0, out.length);
        return out;
    }

    public int bitLength() {
        if (w3 != 0) {
            return 256 - Long.numberOfLeadingZeros(w3);
        }
        if (w2 != 0) {
            return 192 - Long.numberOfLeadingZeros(w2);
        }
        if (w1 != 0) {
            return 128 - Long.numberOfLeadingZeros(w1);
        }
        return 64 - Long.numberOfLeadingZeros(w0);
    }

    /** Addition modulo 2^256. */
    public UInt256 add(UInt256 o) {
        long r0 = w0 + o.w0;
        long c = Long.compareUnsigned(r0, w0) < 0 ? 1 : 0;
        long r1 = w1 + o.w1 + c;
        c = (c == 0 ? Long.compareUnsigned(r1, w1) < 0 : Long.compareUnsigned(r1, w1) <= 0) ? 1 : 0;
        long r2 = w2 + o.w2 + c;
        c = (c == 0 ? Long.compareUnsigned(r2, w2) < 0 : Long.compareUnsigned(r2, w2) <= 0) ? 1 : 0;
        long r3 = w3 + o.w3 + c;
        return of(r0, r1, r2, r3);
    }

    /** True when {@code this + o} does not fit in 256 bits. */
    public boolean addOverflows(UInt256 o) {
        return add(o).compareTo(this) < 0;
    }

    /** Subtraction modulo 2^256. */
    public UInt256 sub(UInt256 o) {
        long r0 = w0 - o.w0;
        long b = Long.compareUnsigned(w0, o.w0) < 0 ? 1 : 0;
        long r1 = w1 - o.w1 - b;
        b = (b == 0 ? Long.compareUnsigned(w1, o.w1) < 0 : Long.compareUnsigned(w1, o.w1) <= 0) ? 1 : 0;
        long r2 = w2 - o.w2 - b;
        b = (b == 0 ? Long.compareUnsigned(w2, o.w2) < 0 : Long.compareUnsigned(w2, o.w2) <= 0) ? 1 : 0;
        long r3 = w3 - o.w3 - b;
        return of(r0, r1, r2, r3);
    }

    /** Multiplication by an unsigned long; null when the product does not fit in 256 bits. */
    public UInt256 multiplyExact(long factor) {
        BigInteger product = toBigInteger().multiply(new BigInteger(Long.toUnsignedString(factor)));
        return product.bitLength() > 256 ? null : fromBigInteger(product);
    }

    /** Multiplication modulo 2^256. */
    public UInt256 mul(UInt256 o) {
        return fromBigInteger(toBigInteger().multiply(o.toBigInteger()).mod(TWO_256));
    }

    public UInt256 min(UInt256 o) {
        return compareTo(o) <= 0 ? this : o;
    }

    @Override
    public int compareTo(UInt256 o) {
        int c = Long.compareUnsigned(w3, o.w3);
        if (c != 0) {
            return c;
        }
        c = Long.compareUnsigned(w2, o.w2);
        if (c != 0) {
            return c;
        }
        c = Long.compareUnsigned(w1, o.w1);
        return c != 0 ? c : Long.compareUnsigned(w0, o.w0);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UInt256 other && w0 == other.w0 && w1 == other.w1 && w2 == other.w2 && w3 == other.w3;
    }

    @Override
    public int hashCode() {
        long h = w0 * 31 + w1;
        h = h * 31 + w2;
        h = h * 31 + w3;
        return Long.hashCode(h);
    }

    /** A {@code 0x} quantity without leading zeros, as JSON-RPC writes numbers. */
    public String toQuantity() {
        if (isZero()) {
            return "0x0";
        }
        return "0x" + toBigInteger().toString(16);
    }

    @Override
    public String toString() {
        return toQuantity();
    }

    private static void putLong(byte[] target, int offset, long v) {
        for (int i = 0; i < 8; i++) {
            target[offset + i] = (byte) (v >>> (56 - 8 * i));
        }
    }
}
