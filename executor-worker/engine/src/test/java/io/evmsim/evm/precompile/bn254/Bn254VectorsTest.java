package io.evmsim.evm.precompile.bn254;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.evmsim.common.bytes.Hex;
import io.evmsim.evm.precompile.Precompile;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The EIP-196/197 vectors as go-ethereum runs them (see resources/precompiles/NOTICE.md). */
class Bn254VectorsTest {
    static List<PrecompileVectors.Vector> addVectors() {
        return PrecompileVectors.load("bn256Add.json");
    }

    static List<PrecompileVectors.Vector> mulVectors() {
        return PrecompileVectors.load("bn256ScalarMul.json");
    }

    static List<PrecompileVectors.Vector> pairingVectors() {
        return PrecompileVectors.load("bn256Pairing.json");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("addVectors")
    void add(PrecompileVectors.Vector vector) {
        check(new Bn254Add(), vector);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mulVectors")
    void mul(PrecompileVectors.Vector vector) {
        check(new Bn254Mul(), vector);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pairingVectors")
    void pairing(PrecompileVectors.Vector vector) {
        check(new Bn254Pairing(), vector);
    }

    private static void check(Precompile precompile, PrecompileVectors.Vector vector) {
        assertEquals(vector.gas(), precompile.gasCost(vector.input()), "gas");
        assertEquals(Hex.encode(vector.expected()), Hex.encode(precompile.compute(vector.input())), "output");
    }
}
