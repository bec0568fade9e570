package io.evmsim.evm.precompile;

import java.math.BigInteger;

/**
 * Modular exponentiation at address 0x05 (EIP-198).
 *
 * <p>Input: three 32-byte big-endian lengths (base, exponent, modulus), then the base, exponent
 * and modulus bytes; whatever lies past the end of the input reads as zero. Output: {@code
 * base^exponent mod modulus} as exactly {@code modulus length} bytes, all zero when the modulus is
 * zero.
 *
 * <p>Gas is EIP-2565's or EIP-7883's ({@link Pricing}), and each length may be bounded to 1024
 * bytes (EIP-7823, {@link LengthLimit}): which ones a fork uses is in its rules. The lengths may be anything up to 2^256 - 1, so the gas is computed
 * exactly with {@link BigInteger} and saturated to {@link Long#MAX_VALUE}. Base and exponent are
 * only read when the input holds them; the modulus, and so the output, is bounded by the gas
 * ceiling below.
 */
public final class ModExp implements Precompile {
    private static final int LENGTH_WORD = 32;
    private static final int HEADER_LENGTH = 3 * LENGTH_WORD;
    /** Bytes of the exponent that the iteration count looks at (EIP-198 "first 32 bytes"). */
    private static final int EXPONENT_HEAD_LENGTH = 32;
    private static final BigInteger THIRTY_TWO = BigInteger.valueOf(32);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);
    /** EIP-7823: from Osaka, each of the three lengths must be at most 8192 bits. */
    private static final BigInteger EIP7823_MAX_LENGTH = BigInteger.valueOf(1024);
    /**
     * The most gas a computed call may cost: 2^32, about a hundred times the largest block gas
     * limits and far above simulation gas caps. The work of a call grows like its gas, so a call
     * priced above this (which no interpreter lets run) fails at once instead of computing for
     * minutes; it also bounds the modulus, hence the output, below a megabyte. Only reached when
     * compute is called without paying.
     */
    private static final BigInteger MAX_COMPUTED_GAS = BigInteger.ONE.shiftLeft(32);
    private static final byte[] EMPTY = new byte[0];

    private final Pricing pricing;
    private final LengthLimit lengthLimit;

    public ModExp(Pricing pricing, LengthLimit lengthLimit) {
        this.pricing = pricing;
        this.lengthLimit = lengthLimit;
    }

    public Pricing pricing() {
        return pricing;
    }

    public LengthLimit lengthLimit() {
        return lengthLimit;
    }

    /** Whether the base, exponent and modulus lengths are bounded. */
    public enum LengthLimit {
        NONE,
        /** EIP-7823: a call with any length above 1024 bytes fails. */
        EIP_7823
    }

    @Override
    public long gasCost(byte[] input) {
        BigInteger gas = exactGas(input, Lengths.of(input));
        return gas.compareTo(LONG_MAX) > 0 ? Long.MAX_VALUE : gas.longValue();
    }

    @Override
    public byte[] compute(byte[] input) {
        Lengths lengths = Lengths.of(input);
        if (lengthLimit == LengthLimit.EIP_7823 && lengths.anyAbove(EIP7823_MAX_LENGTH)) {
            return null;
        }
        if (lengths.base.signum() == 0 && lengths.modulus.signum() == 0) {
            return EMPTY;
        }
        if (exactGas(input, lengths).compareTo(MAX_COMPUTED_GAS) > 0) {
            return null;
        }
        // below the gas ceiling, (Mlen / 8)^2 / 3 <= 2^32 keeps Mlen under a megabyte
        int modulusLength = lengths.modulus.intValue();
        BigInteger modulusOffset = BigInteger.valueOf(HEADER_LENGTH).add(lengths.base).add(lengths.exponent);
        if (modulusOffset.compareTo(BigInteger.valueOf(input.length)) >= 0) {
            // the whole modulus is zero padding: a zero modulus gives zero (EIP-198). This also
            // keeps huge base and exponent lengths from ever being read.
            return new byte[modulusLength];
        }
        // the modulus starts inside the input, so base and exponent lie wholly inside it
        int baseLength = lengths.base.intValue();
        int exponentLength = lengths.exponent.intValue();
        BigInteger modulus = PaddedInput.readUnsigned(input, modulusOffset.longValue(), modulusLength);
        if (modulus.signum() == 0) {
            return new byte[modulusLength];
        }
        BigInteger base = PaddedInput.readUnsigned(input, HEADER_LENGTH, baseLength);
        BigInteger exponent = PaddedInput.readUnsigned(input, (long) HEADER_LENGTH + baseLength, exponentLength);
        return PaddedInput.leftPad(base.modPow(exponent, modulus), modulusLength);
    }

    private BigInteger exactGas(byte[] input, Lengths lengths) {
        return pricing.gas(lengths, exponentHead(input, lengths));
    }

    /**
     * The first min(exponent length, 32) bytes of the exponent as a number, as EIP-198 and the
     * execution specs define it: zero when the base length already runs past the input.
     */
    private static BigInteger exponentHead(byte[] input, Lengths lengths) {
        int available = Math.max(0, input.length - HEADER_LENGTH);
        if (lengths.base.compareTo(BigInteger.valueOf(available)) >= 0) {
            return BigInteger.ZERO;
        }
        int headLength = lengths.exponent.min(BigInteger.valueOf(EXPONENT_HEAD_LENGTH)).intValue();
        return PaddedInput.readUnsigned(input, (long) HEADER_LENGTH + lengths.base.intValue(), headLength);
    }

    /** The three declared lengths, each an unsigned 256-bit number. */
    private record Lengths(BigInteger base, BigInteger exponent, BigInteger modulus) {
        static Lengths of(byte[] input) {
            return new Lengths(
                    PaddedInput.readUnsigned(input, 0, LENGTH_WORD),
                    PaddedInput.readUnsigned(input, LENGTH_WORD, LENGTH_WORD),
                    PaddedInput.readUnsigned(input, 2L * LENGTH_WORD, LENGTH_WORD));
        }

        boolean anyAbove(BigInteger limit) {
            return base.compareTo(limit) > 0 || exponent.compareTo(limit) > 0 || modulus.compareTo(limit) > 0;
        }
    }

    /**
     * gas = max(minimum, multiplicationComplexity * iterationCount / divisor). The two rules
     * differ only in their constants and in the complexity of small operands.
     */
    public enum Pricing {
        /** EIP-2565 (Berlin to Prague): ceil(max(Blen, Mlen) / 8)^2, 8 per extra exponent byte, / 3, min 200. */
        EIP_2565(200, 8, 3) {
            @Override
            BigInteger multiplicationComplexity(BigInteger maxLength) {
                BigInteger words = ceilWords(maxLength);
                return words.multiply(words);
            }
        },
        /**
         * EIP-7883 (Osaka): 16 up to 32 bytes, else 2 * ceil(max(Blen, Mlen) / 8)^2; 16 per extra
         * exponent byte; no divisor; min 500.
         */
        EIP_7883(500, 16, 1) {
            private final BigInteger smallOperandComplexity = BigInteger.valueOf(16);

            @Override
            BigInteger multiplicationComplexity(BigInteger maxLength) {
                if (maxLength.compareTo(THIRTY_TWO) <= 0) {
                    return smallOperandComplexity;
                }
                BigInteger words = ceilWords(maxLength);
                return words.multiply(words).shiftLeft(1);
            }
        };

        private final BigInteger minimumGas;
        private final BigInteger perExtraExponentByte;
        private final BigInteger divisor;

        Pricing(long minimumGas, long perExtraExponentByte, long divisor) {
            this.minimumGas = BigInteger.valueOf(minimumGas);
            this.perExtraExponentByte = BigInteger.valueOf(perExtraExponentByte);
            this.divisor = BigInteger.valueOf(divisor);
        }

        abstract BigInteger multiplicationComplexity(BigInteger maxLength);

        BigInteger gas(Lengths lengths, BigInteger exponentHead) {
            BigInteger complexity = multiplicationComplexity(lengths.base.max(lengths.modulus));
            BigInteger gas = complexity.multiply(iterationCount(lengths.exponent, exponentHead)).divide(divisor);
            return gas.max(minimumGas);
        }

        /**
         * The adjusted exponent length. As in the execution specs and every client, the bit
         * index of a zero head counts as 0 (the EIPs' Python would give -1 for a long exponent
         * whose first 32 bytes are zero).
         */
        private BigInteger iterationCount(BigInteger exponentLength, BigInteger exponentHead) {
            BigInteger count = BigInteger.ZERO;
            if (exponentLength.compareTo(THIRTY_TWO) > 0) {
                count = exponentLength.subtract(THIRTY_TWO).multiply(perExtraExponentByte);
            }
            int headBits = exponentHead.bitLength();
            if (headBits > 0) {
                count = count.add(BigInteger.valueOf(headBits - 1L));
            }
            return count.max(BigInteger.ONE);
        }

        private static BigInteger ceilWords(BigInteger length) {
            return length.add(BigInteger.valueOf(7)).shiftRight(3);
        }
    }
}
