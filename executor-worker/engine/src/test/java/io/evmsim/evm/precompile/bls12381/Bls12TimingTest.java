package io.evmsim.evm.precompile.bls12381;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.evmsim.common.bytes.Hex;
import io.evmsim.evm.precompile.Precompile;
import java.math.BigInteger;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Prints (does not assert) how long a few calls take after a short warm-up, as a rough guide to
 * gas-per-second; kept to a second or two on a small machine.
 */
class Bls12TimingTest {
    private static final int WARM_UP = 15;
    private static final int RUNS = 15;

    @Test
    void printMicroseconds() {
        Random random = new Random(7);
        byte[] g1 = Bls12Group.G1.encodePoint(Bls12ArithmeticTest.G1_GENERATOR);
        byte[] g2 = Bls12Group.G2.encodePoint(Bls12ArithmeticTest.G2_GENERATOR);
        BigInteger a = new BigInteger(250, random);
        byte[] aG1 = Bls12Group.G1.encodePoint(Bls12ArithmeticTest.G1_GENERATOR.multiply(a));
        byte[] minusAG1 = Bls12Group.G1.encodePoint(Bls12ArithmeticTest.G1_GENERATOR.multiply(a).negate());
        // e(aP, Q) * e(-aP, Q) = 1: a two-pair check that succeeds.
        byte[] pairingInput = concat(aG1, g2, minusAG1, g2);

        byte[] msm16 = new byte[16 * 160];
        for (int i = 0; i < 16; i++) {
            byte[] point = Bls12Group.G1.encodePoint(
                    Bls12ArithmeticTest.G1_GENERATOR.multiply(new BigInteger(64, random).add(BigInteger.ONE)));
            System.arraycopy(point, 0, msm16, i * 160, 128);
            byte[] scalar = new byte[32];
            random.nextBytes(scalar);
            System.arraycopy(scalar, 0, msm16, i * 160 + 128, 32);
        }
        byte[] msm1 = java.util.Arrays.copyOf(msm16, 160);

        report("pairing check, 2 pairs", new Bls12PairingCheck(), pairingInput);
        report("G1 MSM, 1 point", new Bls12G1Msm(), msm1);
        report("G1 MSM, 16 points", new Bls12G1Msm(), msm16);
        report("map Fp to G1", new Bls12MapFpToG1(), new byte[64]);
        report("G1 add", new Bls12G1Add(), concat(g1, aG1));
    }

    private static void report(String what, Precompile precompile, byte[] input) {
        for (int i = 0; i < WARM_UP; i++) {
            assertNotNull(precompile.compute(input));
        }
        long start = System.nanoTime();
        for (int i = 0; i < RUNS; i++) {
            precompile.compute(input);
        }
        long micros = (System.nanoTime() - start) / RUNS / 1000;
        long gas = precompile.gasCost(input);
        System.out.printf("BLS12-381 %-24s %8d us  (%d gas, %.1f Mgas/s)%n", what, micros, gas,
                micros == 0 ? 0.0 : gas / (double) micros);
        assertNotNull(Hex.encode(input));
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] out = new byte[length];
        int offset = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, out, offset, part.length);
            offset += part.length;
        }
        return out;
    }
}
