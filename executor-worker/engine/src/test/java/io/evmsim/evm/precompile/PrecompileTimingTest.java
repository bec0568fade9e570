package io.evmsim.evm.precompile;

import io.evmsim.common.bytes.Hex;
import io.evmsim.evm.fork.Fork;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Prints microseconds per call after warm-up, for the precompiles whose cost per gas matters
 * most. It measures, it does not assert: the machine is shared and timings vary.
 */
class PrecompileTimingTest {

    @Test
    void printMicrosecondsPerCall() {
        byte[] p256Input = TestVector.load("p256Verify.json").get(0).input();
        report("P256Verify (valid signature, 6900 gas)", new P256Verify(), p256Input, 1500, 1000);

        ModExp osaka = ModExpTest.of(Fork.OSAKA);
        String ones = "ff".repeat(1024);
        String oddModulus = "ff".repeat(1023) + "fd";
        String evenModulus = "ff".repeat(1023) + "fe";
        String powerOfTwoishModulus = "80" + "00".repeat(1023);
        // the EIP-7823 maximum operands with a full 32-byte exponent: 2 * 128^2 * 255 gas
        report("ModExp Osaka 1024-byte odd modulus, 32-byte exponent", osaka,
                ModExpTest.input(1024, 32, 1024, ones, "ff".repeat(32), oddModulus), 3, 10);
        report("ModExp Osaka 1024-byte even modulus, 32-byte exponent", osaka,
                ModExpTest.input(1024, 32, 1024, ones, "ff".repeat(32), evenModulus), 3, 10);
        report("ModExp Osaka 1024-byte 2^8191 modulus, 32-byte exponent", osaka,
                ModExpTest.input(1024, 32, 1024, ones, "ff".repeat(32), powerOfTwoishModulus), 3, 10);
        report("ModExp Osaka 1024-byte modulus 2^4096 * odd, 32-byte exponent", osaka,
                ModExpTest.input(1024, 32, 1024, ones, "ff".repeat(32), "ff".repeat(511) + "fd" + "00".repeat(512)), 3, 10);
        // long exponent, small operands: the shape EIP-7883 repriced most
        report("ModExp Osaka 32-byte odd modulus, 1024-byte exponent", osaka,
                ModExpTest.input(32, 1024, 32, "ff".repeat(32), ones, "ff".repeat(31) + "fd"), 20, 100);
        report("ModExp Osaka 32-byte even modulus, 1024-byte exponent", osaka,
                ModExpTest.input(32, 1024, 32, "ff".repeat(32), ones, "ff".repeat(31) + "fe"), 20, 100);
    }

    private static void report(String label, Precompile precompile, byte[] input, int warmUp, int runs) {
        byte[] expected = null;
        for (int i = 0; i < warmUp; i++) {
            expected = precompile.compute(input);
        }
        long start = System.nanoTime();
        for (int i = 0; i < runs; i++) {
            if (precompile.compute(input).length != expected.length) {
                throw new AssertionError("unstable output for " + label);
            }
        }
        double micros = (System.nanoTime() - start) / 1_000.0 / runs;
        long gas = precompile.gasCost(input);
        System.out.printf(Locale.ROOT, "%-58s %10.1f us/call  %9d gas  %7.1f Mgas/s  (output %s...)%n",
                label, micros, gas, gas / micros, Hex.encodeBare(expected, 0, Math.min(4, expected.length)));
    }
}
