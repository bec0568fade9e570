package io.evmsim.evm.precompile.bls12381;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evmsim.common.bytes.Hex;
import io.evmsim.evm.precompile.Precompile;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Property checks: random bytes, and valid vectors that are truncated, extended or have one byte
 * changed, must only ever give an output of the right size or null, never a Java exception, and
 * gas must be defined for every length. Seeded, so a failure can be replayed.
 */
class Bls12RobustnessTest {
    private static final int RANDOM_INPUTS = 60;
    private static final int MUTATIONS_PER_VECTOR = 12;

    private record Target(String name, Supplier<Precompile> precompile, String vectors, int outputLength) {
    }

    private static final List<Target> TARGETS = List.of(
            new Target("G1ADD", Bls12G1Add::new, "blsG1Add.json", 128),
            new Target("G1MSM", Bls12G1Msm::new, "blsG1MultiExp.json", 128),
            new Target("G2ADD", Bls12G2Add::new, "blsG2Add.json", 256),
            new Target("G2MSM", Bls12G2Msm::new, "blsG2MultiExp.json", 256),
            new Target("PAIRING", Bls12PairingCheck::new, "blsPairing.json", 32),
            new Target("MAP_FP_TO_G1", Bls12MapFpToG1::new, "blsMapG1.json", 128),
            new Target("MAP_FP2_TO_G2", Bls12MapFp2ToG2::new, "blsMapG2.json", 256));

    static Stream<Arguments> targets() {
        return TARGETS.stream().map(t -> Arguments.of(t.name(), t));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void randomInputsNeverThrow(String name, Target target) {
        Precompile precompile = target.precompile().get();
        Random random = new Random(name.hashCode());
        for (int i = 0; i < RANDOM_INPUTS; i++) {
            byte[] input = new byte[random.nextInt(3 * 384)];
            random.nextBytes(input);
            if (random.nextBoolean()) {
                // Zero the padding of every 64-byte field so that decoding gets further.
                for (int offset = 0; offset + 16 <= input.length; offset += 64) {
                    Arrays.fill(input, offset, offset + 16, (byte) 0);
                }
            }
            exercise(target, precompile, input);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void mutatedVectorsNeverThrow(String name, Target target) throws IOException {
        Precompile precompile = target.precompile().get();
        Random random = new Random(~name.hashCode());
        for (byte[] valid : inputsOf(target.vectors())) {
            for (int i = 0; i < MUTATIONS_PER_VECTOR; i++) {
                exercise(target, precompile, mutate(valid, random));
            }
            for (int length = 0; length < valid.length; length += 1 + random.nextInt(48)) {
                exercise(target, precompile, Arrays.copyOf(valid, length));
            }
        }
    }

    private static void exercise(Target target, Precompile precompile, byte[] input) {
        byte[] copy = input.clone();
        long gas = precompile.gasCost(input);
        assertTrue(gas >= 0, target.name() + " negative gas for " + Hex.encode(input));
        byte[] output = precompile.compute(input);
        if (output != null) {
            assertEquals(target.outputLength(), output.length, target.name() + " output for " + Hex.encode(input));
        }
        assertTrue(Arrays.equals(copy, input), target.name() + " modified its input");
    }

    private static byte[] mutate(byte[] valid, Random random) {
        byte[] input = valid.clone();
        switch (random.nextInt(4)) {
            case 0 -> input[random.nextInt(input.length)] ^= (byte) (1 << random.nextInt(8));
            case 1 -> input[random.nextInt(input.length)] = (byte) random.nextInt(256);
            case 2 -> input = Arrays.copyOf(input, input.length + 1 + random.nextInt(64));
            default -> {
                // A field's last byte: likely still canonical, but off the curve.
                int field = random.nextInt(Math.max(1, input.length / 64));
                int index = Math.min(input.length - 1, field * 64 + 63);
                input[index] ^= 1;
            }
        }
        return input;
    }

    private static List<byte[]> inputsOf(String file) throws IOException {
        List<byte[]> inputs = new ArrayList<>();
        try (InputStream in = Bls12RobustnessTest.class.getResourceAsStream("/precompiles/bls12381/" + file)) {
            for (JsonNode vector : JsonMapper.builder().build().readTree(in)) {
                inputs.add(Hex.decode(vector.get("Input").asString()));
            }
        }
        return inputs;
    }
}
