package io.evmsim.evm.precompile.bn254;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.evmsim.evm.precompile.Precompile;
import org.junit.jupiter.api.Test;

/**
 * Rough timings, printed and not asserted: the machine is shared, so numbers only indicate the
 * order of magnitude (go-ethereum's bn256 does a two-pair check in about a millisecond).
 */
class Bn254BenchmarkTest {
    private static final int WARMUP_MILLIS = 1500;
    private static final int MEASURE_MILLIS = 700;

    @Test
    void printMicrosecondsPerCall() {
        byte[] addInput = vector("bn256Add.json", "chfast1");
        byte[] mulInput = vector("bn256ScalarMul.json", "cdetrio1");
        byte[] pairingInput = vector("bn256Pairing.json", "two_point_match_2");
        System.out.printf("BN254 add: %.1f us, mul: %.1f us, 2-pair pairing: %.1f us%n",
                micros(new Bn254Add(), addInput), micros(new Bn254Mul(), mulInput),
                micros(new Bn254Pairing(), pairingInput));
    }

    private static byte[] vector(String file, String name) {
        return PrecompileVectors.load(file).stream().filter(v -> v.name().equals(name)).findFirst()
                .orElseThrow().input();
    }

    private static double micros(Precompile precompile, byte[] input) {
        run(precompile, input, WARMUP_MILLIS);
        long start = System.nanoTime();
        long calls = run(precompile, input, MEASURE_MILLIS);
        return (System.nanoTime() - start) / 1000.0 / calls;
    }

    private static long run(Precompile precompile, byte[] input, long millis) {
        long deadline = System.nanoTime() + millis * 1_000_000;
        long calls = 0;
        do {
            assertNotNull(precompile.compute(input));
            calls++;
        } while (System.nanoTime() < deadline);
        return calls;
    }
}
