package io.evmsim.evm.precompile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evmsim.evm.fork.Fork;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Property tests: random, structured-random and truncated inputs never make a precompile throw.
 * Each answers with an output or with null (failure), and precompiles that cannot fail never
 * answer null. Seeds are fixed so that a failure replays.
 */
class PrecompileRobustnessTest {
    private static final int RANDOM_CASES = 1500;
    /** A generous block gas limit: what a transaction can pay for. */
    private static final long BLOCK_GAS = 60_000_000;
    /** ModExp's ceiling: it refuses calls priced above this without computing. */
    private static final long UNCOMPUTED_GAS = 1L << 32;
    private static final byte[] P256_VALID = PaddedInput.leftPad(new byte[] {1}, 32);

    private final Random random = new Random(0x5eed);

    @Test
    void hashesAndIdentityAlwaysAnswer() {
        for (Precompile precompile : List.of(new Sha256(), new Ripemd160(), new Identity())) {
            for (byte[] input : randomInputs(400)) {
                assertTrue(precompile.gasCost(input) > 0);
                assertNotNull(precompile.compute(input));
            }
        }
    }

    @Test
    void modExpNeverThrowsInAnyFork() {
        List<byte[]> inputs = new ArrayList<>(randomInputs(300));
        for (TestVector vector : TestVector.load("modexp.json")) {
            inputs.addAll(prefixes(vector.input()));
        }
        for (int i = 0; i < RANDOM_CASES; i++) {
            inputs.add(structuredModExpInput());
        }
        for (Fork fork : Fork.values()) {
            ModExp modExp = ModExpTest.of(fork);
            for (byte[] input : inputs) {
                long gas = modExp.gasCost(input);
                assertTrue(gas >= (fork.isAtLeast(Fork.OSAKA) ? 500 : 200), "gas " + gas);
                if (gas > BLOCK_GAS && gas <= UNCOMPUTED_GAS) {
                    // payable only with an absurd gas limit, and then minutes of work: an
                    // interpreter would not get here, and neither does this test
                    continue;
                }
                byte[] output = modExp.compute(input);
                if (gas > UNCOMPUTED_GAS) {
                    assertNull(output, "calls priced above 2^32 gas are refused");
                    continue;
                }
                if (output == null) {
                    continue;
                }
                BigInteger modulusLength = new BigInteger(1, PaddedInput.read(input, 64, 32));
                assertEquals(modulusLength.intValueExact(), output.length);
                if (allLengthsAtMost(input, 1024)) {
                    assertArrayEquals(ModExpTest.reference(input), output);
                }
            }
        }
    }

    @Test
    void blake2FNeverThrows() {
        Blake2F blake2F = new Blake2F(1);
        List<byte[]> inputs = new ArrayList<>(randomInputs(300));
        inputs.addAll(prefixes(TestVector.load("blake2f.json").get(5).input()));
        for (int i = 0; i < RANDOM_CASES; i++) {
            byte[] input = new byte[213];
            random.nextBytes(input);
            // few rounds: the round count only scales the running time, priced one gas each
            input[0] = 0;
            input[1] = 0;
            input[2] = 0;
            input[3] = (byte) random.nextInt(32);
            input[212] = (byte) List.of(0, 1, 2, 0x80, 0xff).get(random.nextInt(5)).intValue();
            inputs.add(input);
        }
        for (byte[] input : inputs) {
            assertTrue(blake2F.gasCost(input) >= 0);
            byte[] output = blake2F.compute(input);
            boolean wellFormed = input.length == 213 && (input[212] == 0 || input[212] == 1);
            assertEquals(wellFormed, output != null);
            if (wellFormed) {
                assertEquals(64, output.length);
            }
        }
    }

    @Test
    void pointEvaluationNeverThrows() {
        KzgPointEvaluation precompile = new KzgPointEvaluation();
        List<byte[]> inputs = new ArrayList<>(randomInputs(250));
        inputs.addAll(prefixes(TestVector.load("pointEvaluation.json").get(0).input()));
        for (int i = 0; i < 300; i++) {
            // random commitments and proofs behind a correct versioned hash reach the library
            byte[] input = new byte[192];
            random.nextBytes(input);
            input[96] = (byte) ((input[96] & 0x1f) | 0x80); // compressed-point flag, most often no point
            input[144] = (byte) ((input[144] & 0x1f) | 0x80);
            input[32] = 0; // keep z and y canonical most of the time
            input[64] = 0;
            System.arraycopy(KzgPointEvaluation.versionedHash(Arrays.copyOfRange(input, 96, 144)), 0, input, 0, 32);
            inputs.add(input);
        }
        for (byte[] input : inputs) {
            assertEquals(50_000, precompile.gasCost(input));
            byte[] output = precompile.compute(input);
            assertTrue(output == null || output.length == 64);
        }
    }

    @Test
    void p256VerifyAlwaysAnswersEmptyOrOne() {
        P256Verify precompile = new P256Verify();
        List<byte[]> inputs = new ArrayList<>(randomInputs(300));
        byte[] valid = TestVector.load("p256Verify.json").get(0).input();
        inputs.addAll(prefixes(valid));
        for (int i = 0; i < 400; i++) {
            // a valid key with random hash, r and s: full verifications that fail
            byte[] input = valid.clone();
            byte[] randomPart = new byte[96];
            random.nextBytes(randomPart);
            System.arraycopy(randomPart, 0, input, 0, 96);
            inputs.add(input);
            // and fully random 160-byte inputs, whose keys are almost never on the curve
            byte[] noise = new byte[160];
            random.nextBytes(noise);
            inputs.add(noise);
        }
        for (byte[] input : inputs) {
            assertEquals(6900, precompile.gasCost(input));
            byte[] output = precompile.compute(input);
            assertNotNull(output);
            assertTrue(output.length == 0 || Arrays.equals(P256_VALID, output));
        }
    }

    private static boolean allLengthsAtMost(byte[] modExpInput, int limit) {
        for (int word = 0; word < 3; word++) {
            if (new BigInteger(1, PaddedInput.read(modExpInput, 32L * word, 32)).compareTo(BigInteger.valueOf(limit)) > 0) {
                return false;
            }
        }
        return true;
    }

    /** Lengths 0 to {@code maxLength}, plus the lengths the fixed-size precompiles expect. */
    private List<byte[]> randomInputs(int maxLength) {
        List<byte[]> inputs = new ArrayList<>();
        for (int length : List.of(0, 1, 31, 32, 33, 96, 159, 160, 161, 191, 192, 193, 212, 213, 214)) {
            inputs.add(randomBytes(length));
        }
        for (int i = 0; i < RANDOM_CASES; i++) {
            inputs.add(randomBytes(random.nextInt(maxLength + 1)));
        }
        return inputs;
    }

    /** Every prefix of {@code input}, from empty to whole. */
    private static List<byte[]> prefixes(byte[] input) {
        List<byte[]> prefixes = new ArrayList<>();
        for (int length = 0; length <= input.length; length++) {
            prefixes.add(Arrays.copyOf(input, length));
        }
        return prefixes;
    }

    /**
     * A ModExp input with small lengths, one of which may be replaced by a huge one, a power of
     * two or one next to EIP-7823's 1024-byte bound; random data of random length follows. A
     * modulus near the bound gets a one-byte exponent, so that no case costs more than a few
     * milliseconds.
     */
    private byte[] structuredModExpInput() {
        BigInteger[] lengths = {small(70), small(40), small(70)};
        int word = random.nextInt(3);
        switch (random.nextInt(4)) {
            case 0 -> lengths[word] = new BigInteger(1, randomBytes(32)); // up to 2^256 - 1
            case 1 -> lengths[word] = BigInteger.ONE.shiftLeft(random.nextInt(256));
            case 2 -> {
                lengths[word] = BigInteger.valueOf(1023 + random.nextInt(3));
                if (word == 2) {
                    lengths[1] = BigInteger.ONE;
                }
            }
            default -> {
                // all three small
            }
        }
        byte[] input = randomBytes(96 + random.nextInt(200));
        for (int i = 0; i < 3; i++) {
            System.arraycopy(PaddedInput.leftPad(lengths[i], 32), 0, input, 32 * i, 32);
        }
        return input;
    }

    private BigInteger small(int bound) {
        return BigInteger.valueOf(random.nextInt(bound));
    }

    private byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }
}
