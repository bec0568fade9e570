package io.evmsim.evm.precompile;

import java.math.BigInteger;

/**
 * Reads precompile input the way the EVM defines it: bytes past the end of the call data read
 * as zero. Offsets are longs so that lengths taken from the input itself (which may be up to
 * 2^256 - 1 and are saturated by the caller) never overflow.
 */
final class PaddedInput {
    private PaddedInput() {
    }

    /** {@code length} bytes of {@code input} from {@code offset}, zero-filled past its end. */
    static byte[] read(byte[] input, long offset, int length) {
        byte[] out = new byte[length];
        if (offset < input.length) {
            int start = (int) offset;
            System.arraycopy(input, start, out, 0, Math.min(length, input.length - start));
        }
        return out;
    }

    /** The unsigned big-endian number held by {@code length} padded bytes from {@code offset}. */
    static BigInteger readUnsigned(byte[] input, long offset, int length) {
        return new BigInteger(1, read(input, offset, length));
    }

    /** {@code value} as exactly {@code size} big-endian bytes; the value must fit. */
    static byte[] leftPad(BigInteger value, int size) {
        byte[] magnitude = value.toByteArray();
        // toByteArray adds a sign byte when the top bit is set; it is zero for a non-negative value
        int skip = magnitude.length > size ? magnitude.length - size : 0;
        byte[] out = new byte[size];
        System.arraycopy(magnitude, skip, out, size - (magnitude.length - skip), magnitude.length - skip);
        return out;
    }

    /** {@code bytes} right-aligned in {@code size} bytes (leading zeros added). */
    static byte[] leftPad(byte[] bytes, int size) {
        byte[] out = new byte[size];
        System.arraycopy(bytes, 0, out, size - bytes.length, bytes.length);
        return out;
    }
}
