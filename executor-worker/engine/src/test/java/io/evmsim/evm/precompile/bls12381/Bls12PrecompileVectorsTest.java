package io.evmsim.evm.precompile.bls12381;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.evmsim.common.bytes.Hex;
import io.evmsim.evm.precompile.Precompile;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The EIP-2537 vectors sampled under test resources precompiles/bls12381 (see its README). */
class Bls12PrecompileVectorsTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private record Suite(String file, Supplier<Precompile> precompile) {
    }

    private static final List<Suite> SUCCESS = List.of(
            new Suite("blsG1Add.json", Bls12G1Add::new),
            new Suite("blsG2Add.json", Bls12G2Add::new),
            new Suite("blsG1MultiExp.json", Bls12G1Msm::new),
            new Suite("blsG2MultiExp.json", Bls12G2Msm::new),
            new Suite("blsPairing.json", Bls12PairingCheck::new),
            new Suite("blsMapG1.json", Bls12MapFpToG1::new),
            new Suite("blsMapG2.json", Bls12MapFp2ToG2::new));

    private static final List<Suite> FAILURE = List.of(
            new Suite("fail-blsG1Add.json", Bls12G1Add::new),
            new Suite("fail-blsG1MultiExp.json", Bls12G1Msm::new),
            new Suite("fail-blsPairing.json", Bls12PairingCheck::new),
            new Suite("fail-blsMapG2.json", Bls12MapFp2ToG2::new));

    static Stream<Arguments> successVectors() throws IOException {
        return cases(SUCCESS);
    }

    static Stream<Arguments> failureVectors() throws IOException {
        return cases(FAILURE);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("successVectors")
    void producesTheExpectedOutputAndGas(String file, String name, Precompile precompile, JsonNode vector) {
        byte[] input = Hex.decode(vector.get("Input").asString());
        byte[] output = precompile.compute(input);
        assertNotNull(output, name);
        assertEquals(vector.get("Expected").asString(), Hex.encodeBare(output, 0, output.length), name);
        assertEquals(vector.get("Gas").asLong(), precompile.gasCost(input), name);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("failureVectors")
    void failsWithoutOutput(String file, String name, Precompile precompile, JsonNode vector) {
        byte[] input = Hex.decode(vector.get("Input").asString());
        assertNull(precompile.compute(input), name + " (" + vector.get("ExpectedError").asString() + ")");
    }

    private static Stream<Arguments> cases(List<Suite> suites) throws IOException {
        List<Arguments> all = new ArrayList<>();
        for (Suite suite : suites) {
            try (InputStream in = Bls12PrecompileVectorsTest.class.getResourceAsStream(
                    "/precompiles/bls12381/" + suite.file())) {
                if (in == null) {
                    throw new IOException("missing test resource " + suite.file());
                }
                for (JsonNode vector : JSON.readTree(in)) {
                    all.add(Arguments.of(suite.file(), vector.get("Name").asString(), suite.precompile().get(), vector));
                }
            }
        }
        return all.stream();
    }
}
