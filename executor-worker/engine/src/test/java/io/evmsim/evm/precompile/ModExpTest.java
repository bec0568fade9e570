package io.evmsim.evm.precompile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.evmsim.common.bytes.Hex;
import io.evmsim.common.types.Address;
import io.evmsim.evm.fork.Fork;
import io.evmsim.evm.fork.ForkRules;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class ModExpTest {
    private static final ModExp CANCUN = of(Fork.CANCUN);
    private static final ModExp PRAGUE = of(Fork.PRAGUE);
    private static final ModExp OSAKA = of(Fork.OSAKA);

    /** The ModExp at 0x05 in the fork's rules. */
    static ModExp of(Fork fork) {
        return (ModExp) ForkRules.forFork(fork).precompiles().get(Address.fromLong(0x05));
    }

    static List<TestVector> vectors() {
        return TestVector.load("modexp.json");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void gasFollowsEip2565BeforeOsakaAndEip7883FromOsaka(TestVector vector) {
        assertEquals(vector.gas("Gas2565"), CANCUN.gasCost(vector.input()));
        assertEquals(vector.gas("Gas2565"), PRAGUE.gasCost(vector.input()));
        assertEquals(vector.gas("Gas7883"), OSAKA.gasCost(vector.input()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void outputMatchesPublishedResultInEveryFork(TestVector vector) {
        if (vector.expected() == null) {
            // gas-only vectors (EIP-7883 table): the result is still checked against plain arithmetic
            assertArrayEquals(reference(vector.input()), OSAKA.compute(vector.input()), vector.name());
            return;
        }
        for (ModExp modExp : List.of(CANCUN, PRAGUE, OSAKA)) {
            assertArrayEquals(vector.expected(), modExp.compute(vector.input()), vector.name());
        }
    }

    @Test
    void emptyInputCostsTheMinimumAndReturnsNothing() {
        assertEquals(200, CANCUN.gasCost(new byte[0]));
        assertEquals(500, OSAKA.gasCost(new byte[0]));
        assertArrayEquals(new byte[0], CANCUN.compute(new byte[0]));
        assertArrayEquals(new byte[0], OSAKA.compute(new byte[0]));
    }

    @Test
    void zeroModulusGivesModulusLengthZeroBytes() {
        byte[] input = input(1, 1, 4, "02", "03", "00000000");
        assertArrayEquals(new byte[4], OSAKA.compute(input));
        // a modulus entirely past the end of the input reads as zero too
        assertArrayEquals(new byte[4], OSAKA.compute(input(1, 1, 4, "02", "03", "")));
    }

    @Test
    void shortDataIsZeroPaddedOnTheRight() {
        // modulus declared 2 bytes, only 0x01 present: it reads 0x0100 = 256; 3^5 mod 256 = 243
        assertArrayEquals(Hex.decode("00f3"), OSAKA.compute(input(1, 1, 2, "03", "05", "01")));
    }

    @Test
    void moduloOneIsZeroAndZeroExponentIsOne() {
        assertArrayEquals(new byte[1], OSAKA.compute(input(1, 1, 1, "07", "05", "01")));
        assertArrayEquals(Hex.decode("0001"), OSAKA.compute(input(1, 1, 2, "07", "00", "0100")));
        assertArrayEquals(Hex.decode("0001"), OSAKA.compute(input(0, 0, 2, "", "", "0100")));
    }

    @Test
    void outputHasExactlyModulusLengthBytesEvenWithLeadingZeros() {
        // 2^1 mod 0x000000ff = 2, returned as four bytes
        assertArrayEquals(Hex.decode("00000002"), CANCUN.compute(input(1, 1, 4, "02", "01", "000000ff")));
    }

    @Test
    void hugeModulusLengthSaturatesGasAndFailsWithoutAllocating() {
        // EIP-198's third example: a modulus length of 2^256 - 1
        byte[] input = Hex.decode("0000000000000000000000000000000000000000000000000000000000000000"
                + "0000000000000000000000000000000000000000000000000000000000000020"
                + "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"
                + "fffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2e");
        for (ModExp modExp : List.of(CANCUN, OSAKA)) {
            assertEquals(Long.MAX_VALUE, modExp.gasCost(input));
            assertNull(modExp.compute(input));
        }
    }

    @Test
    void hugeExponentLengthWithZeroBaseAndModulusIsCheapBeforeOsaka() {
        byte[] input = Hex.decode("0000000000000000000000000000000000000000000000000000000000000000"
                + "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"
                + "0000000000000000000000000000000000000000000000000000000000000000");
        // multiplication complexity 0 before Osaka: the minimum, whatever the exponent
        assertEquals(200, CANCUN.gasCost(input));
        assertArrayEquals(new byte[0], CANCUN.compute(input));
        // from Osaka the complexity is at least 16, and the length breaks EIP-7823's bound
        assertEquals(Long.MAX_VALUE, OSAKA.gasCost(input));
        assertNull(OSAKA.compute(input));
    }

    @Test
    void gasStaysExactBetweenLongAndSaturation() {
        // exponent length 2^32 + 32 with a zero head (execution-spec-tests covers 2^32 lengths):
        // EIP-2565: 1 * 8 * 2^32 / 3; EIP-7883: 16 * 16 * 2^32
        byte[] input = input(BigInteger.ONE, BigInteger.ONE.shiftLeft(32).add(BigInteger.valueOf(32)), BigInteger.ONE);
        assertEquals((8L << 32) / 3, CANCUN.gasCost(input));
        assertEquals(256L << 32, OSAKA.gasCost(input));
        // 2^63 / 3 fits a long although 2^63 does not: modulus length 2^34 (2^31 words, complexity
        // 2^62), exponent head 0x04 (iteration count 2)
        byte[] big = input(BigInteger.ZERO, BigInteger.ONE, BigInteger.ONE.shiftLeft(34), "", "04", "");
        assertEquals(BigInteger.ONE.shiftLeft(63).divide(BigInteger.valueOf(3)).longValueExact(), CANCUN.gasCost(big));
        assertEquals(Long.MAX_VALUE, OSAKA.gasCost(big));
        assertNull(CANCUN.compute(big));
    }

    @Test
    void zeroExponentHeadOfALongExponentAddsNoBitIndex() {
        // exponent length 33, head all zero: iteration count = 8 * 1 + 0 (not -1), times 1 / 3
        byte[] input = input(1, 33, 1, "02", "00".repeat(33), "05");
        assertEquals(200, CANCUN.gasCost(input));
        // Osaka: 16 * (16 * 1 + 0) = 256, raised to the 500 minimum
        assertEquals(500, OSAKA.gasCost(input));
        // with operands large enough to leave the minimum: 128 bytes, 16 words, complexity 256 / 512
        byte[] wide = input(128, 33, 128, "00".repeat(128), "00".repeat(33), "00".repeat(127) + "05");
        assertEquals(256 * 8 / 3, CANCUN.gasCost(wide));
        assertEquals(512 * 16, OSAKA.gasCost(wide));
    }

    @Test
    void shortExponentHeadIsReadWithRightPadding() {
        // exponent declared 3 bytes, only 0x01 present before the input ends: head 0x010000, so
        // the iteration count is 16 (a left-aligned reading would give 0 and the minimum)
        byte[] input = input(128, 3, 128, "00".repeat(128), "01", "");
        assertEquals(256 * 16 / 3, CANCUN.gasCost(input));
        assertEquals(512 * 16, OSAKA.gasCost(input));
    }

    @ParameterizedTest
    @EnumSource(Fork.class)
    void lengthsAbove1024BytesFailFromOsaka(Fork fork) {
        ModExp modExp = of(fork);
        byte[] atLimit = input(1024, 1, 1024, "00".repeat(1023) + "02", "03", "00".repeat(1023) + "07");
        assertArrayEquals(reference(atLimit), modExp.compute(atLimit));
        for (int[] lengths : new int[][] {{1025, 1, 1}, {1, 1025, 1}, {1, 1, 1025}}) {
            byte[] input = input(lengths[0], lengths[1], lengths[2],
                    "00".repeat(lengths[0] - 1) + "02", "00".repeat(lengths[1] - 1) + "03", "00".repeat(lengths[2] - 1) + "07");
            byte[] output = modExp.compute(input);
            if (fork.isAtLeast(Fork.OSAKA)) {
                assertNull(output);
            } else {
                assertNotNull(output);
                assertArrayEquals(reference(input), output);
            }
        }
    }

    @Test
    void evenModuliMatchPlainArithmetic() {
        // CRT path of BigInteger.modPow: power-of-two and mixed even moduli
        String base = "ff".repeat(100);
        String exponent = "ff".repeat(32);
        for (String modulus : List.of("80" + "00".repeat(99), "c0" + "00".repeat(98) + "06", "02")) {
            byte[] input = input(100, 32, modulus.length() / 2, base, exponent, modulus);
            assertArrayEquals(reference(input), OSAKA.compute(input), modulus);
        }
    }

    /** base^exponent mod modulus straight from the EIP-198 definition, for comparison. */
    static byte[] reference(byte[] input) {
        BigInteger[] lengths = new BigInteger[3];
        for (int i = 0; i < 3; i++) {
            lengths[i] = new BigInteger(1, PaddedInput.read(input, 32L * i, 32));
        }
        int b = lengths[0].intValueExact();
        int e = lengths[1].intValueExact();
        int m = lengths[2].intValueExact();
        BigInteger base = new BigInteger(1, PaddedInput.read(input, 96, b));
        BigInteger exponent = new BigInteger(1, PaddedInput.read(input, 96L + b, e));
        BigInteger modulus = new BigInteger(1, PaddedInput.read(input, 96L + b + e, m));
        byte[] out = new byte[m];
        if (modulus.signum() == 0) {
            return out;
        }
        byte[] value = base.modPow(exponent, modulus).toByteArray();
        int skip = value.length > m ? value.length - m : 0;
        System.arraycopy(value, skip, out, m - (value.length - skip), value.length - skip);
        return out;
    }

    static byte[] input(int baseLength, int exponentLength, int modulusLength, String base, String exponent, String modulus) {
        return input(BigInteger.valueOf(baseLength), BigInteger.valueOf(exponentLength), BigInteger.valueOf(modulusLength),
                base, exponent, modulus);
    }

    private static byte[] input(BigInteger baseLength, BigInteger exponentLength, BigInteger modulusLength) {
        return input(baseLength, exponentLength, modulusLength, "", "", "");
    }

    private static byte[] input(BigInteger baseLength, BigInteger exponentLength, BigInteger modulusLength,
            String base, String exponent, String modulus) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (BigInteger length : List.of(baseLength, exponentLength, modulusLength)) {
            out.writeBytes(PaddedInput.leftPad(length, 32));
        }
        out.writeBytes(Hex.decode(base + exponent + modulus));
        return out.toByteArray();
    }

}
