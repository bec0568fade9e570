package io.evmsim.evm.precompile.bn254;

import static io.evmsim.evm.precompile.bn254.Bn254TestSupport.R;
import static io.evmsim.evm.precompile.bn254.Bn254TestSupport.randomBelow;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Algebraic properties of the pairing, and the precompile built on it. */
class Bn254PairingTest {
    private final Random random = new Random(197);
    private final long[] g1 = Bn254TestSupport.g1Generator();
    private final long[] g2 = Bn254TestSupport.g2Generator();

    @Test
    void nonDegenerateAndOfOrderR() {
        long[] e = Bn254TestSupport.pairing(g1, g2);
        assertFalse(Fp12.isOne(e, 0));
        assertTrue(Fp12.isOne(Bn254TestSupport.fp12Pow(e, R), 0));
    }

    @Test
    void bilinear() {
        long[] e = Bn254TestSupport.pairing(g1, g2);
        for (int i = 0; i < 2; i++) {
            BigInteger a = randomBelow(random, R);
            BigInteger b = randomBelow(random, R);
            long[] lhs = Bn254TestSupport.pairing(Bn254TestSupport.g1Mul(g1, a), Bn254TestSupport.g2Mul(g2, b));
            assertArrayEquals(Bn254TestSupport.fp12Pow(e, a.multiply(b).mod(R)), lhs);
        }
    }

    @Test
    void precompileChecksProductsOfPairings() {
        Bn254Pairing pairing = new Bn254Pairing();
        for (int i = 0; i < 2; i++) {
            BigInteger a = randomBelow(random, R);
            BigInteger b = randomBelow(random, R);
            byte[] aP = Bn254TestSupport.encodeG1(Bn254TestSupport.g1Mul(g1, a));
            byte[] bQ = Bn254TestSupport.encodeG2(Bn254TestSupport.g2Mul(g2, b));
            byte[] minusAbP = Bn254TestSupport.encodeG1(Bn254TestSupport.g1Mul(g1, R.subtract(a.multiply(b).mod(R))));
            byte[] abPlusOneP = Bn254TestSupport.encodeG1(Bn254TestSupport.g1Mul(g1, a.multiply(b).add(BigInteger.ONE).mod(R)));
            byte[] q = Bn254TestSupport.encodeG2(g2);
            // e(aP, bQ)·e(−abP, Q) = 1
            assertEquals(1, pairing.compute(Bn254TestSupport.concat(aP, bQ, minusAbP, q))[31]);
            // e(aP, bQ)·e((ab + 1)P, Q) = e(P, Q)^(2ab + 1) ≠ 1
            assertEquals(0, pairing.compute(Bn254TestSupport.concat(aP, bQ, abPlusOneP, q))[31]);
        }
    }

    @Test
    void pairsWithThePointAtInfinityContributeOne() {
        Bn254Pairing pairing = new Bn254Pairing();
        byte[] zeroG1 = new byte[64];
        byte[] zeroG2 = new byte[128];
        byte[] p = Bn254TestSupport.encodeG1(g1);
        byte[] q = Bn254TestSupport.encodeG2(g2);
        assertEquals(1, pairing.compute(Bn254TestSupport.concat(zeroG1, q))[31]);
        assertEquals(1, pairing.compute(Bn254TestSupport.concat(p, zeroG2))[31]);
        assertEquals(1, pairing.compute(Bn254TestSupport.concat(zeroG1, zeroG2, p, zeroG2))[31]);
        assertEquals(0, pairing.compute(Bn254TestSupport.concat(zeroG1, zeroG2, p, q))[31]);
    }
}
