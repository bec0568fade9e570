package io.evmsim.evm.precompile.bn254;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evmsim.evm.precompile.Precompile;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Arbitrary bytes, truncations and corruptions of valid inputs: the precompiles must answer with
 * a result of the right size or null, never with a Java exception.
 */
class Bn254RobustnessTest {
    private final Random random = new Random(0xbadc0de);

    @Test
    void randomInputs() {
        for (int i = 0; i < 300; i++) {
            int length = random.nextInt(420);
            byte[] input = new byte[length];
            random.nextBytes(input);
            if (random.nextBoolean()) { // small words make some coordinates valid
                for (int j = 0; j < length; j++) {
                    if (j % 32 < 28) {
                        input[j] = 0;
                    }
                }
            }
            checkAll(input);
        }
    }

    @Test
    void truncatedAndCorruptedVectors() {
        List<String> files = List.of("bn256Add.json", "bn256ScalarMul.json", "bn256Pairing.json");
        for (String file : files) {
            for (PrecompileVectors.Vector vector : PrecompileVectors.load(file)) {
                byte[] input = vector.input();
                for (int cut = 0; cut < input.length; cut += 1 + random.nextInt(24)) {
                    checkAll(Arrays.copyOf(input, cut));
                }
                for (int k = 0; k < 4 && input.length > 0; k++) {
                    byte[] corrupted = input.clone();
                    corrupted[random.nextInt(corrupted.length)] ^= (byte) (1 << random.nextInt(8));
                    checkAll(corrupted);
                }
            }
        }
    }

    @Test
    void extremeWords() {
        byte[] ones = new byte[192];
        Arrays.fill(ones, (byte) 0xff);
        checkAll(ones);
        checkAll(new byte[192 * 3]);
        checkAll(new byte[0]);
    }

    private static void checkAll(byte[] input) {
        check(new Bn254Add(), input, 64);
        check(new Bn254Mul(), input, 64);
        check(new Bn254Pairing(), input, 32);
    }

    private static void check(Precompile precompile, byte[] input, int outputLength) {
        long gas = precompile.gasCost(input);
        assertTrue(gas > 0);
        byte[] out = precompile.compute(input);
        if (out != null) {
            assertEquals(outputLength, out.length);
        }
    }
}
