package io.evmsim.evm.precompile.bn254;

import static io.evmsim.evm.precompile.bn254.Bn254TestSupport.R;
import static io.evmsim.evm.precompile.bn254.Bn254TestSupport.randomBelow;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Group laws of G1 and G2: addition agrees with scalar multiplication, subgroup checks agree. */
class Bn254GroupTest {
    private final Random random = new Random(196);

    @Test
    void g1AdditionAgreesWithScalarMultiplication() {
        long[] g = Bn254TestSupport.g1Generator();
        long[] t = new long[G1.SCRATCH];
        for (int i = 0; i < 10; i++) {
            BigInteger a = randomBelow(random, R);
            BigInteger b = randomBelow(random, R);
            long[] sum = new long[G1.SIZE];
            G1.add(sum, Bn254TestSupport.g1Mul(g, a), Bn254TestSupport.g1Mul(g, b), t);
            assertArrayEquals(Bn254TestSupport.encodeG1(Bn254TestSupport.g1Mul(g, a.add(b).mod(R))),
                    Bn254TestSupport.encodeG1(sum));
        }
        long[] doubled = new long[G1.SIZE];
        G1.add(doubled, g, g, t);
        assertArrayEquals(Bn254TestSupport.encodeG1(Bn254TestSupport.g1Mul(g, BigInteger.TWO)),
                Bn254TestSupport.encodeG1(doubled));
        assertTrue(G1.isInfinity(Bn254TestSupport.g1Mul(g, R)));
        assertTrue(G1.isInfinity(Bn254TestSupport.g1Mul(g, BigInteger.ZERO)));
        long[] minusG = Bn254TestSupport.g1Mul(g, R.subtract(BigInteger.ONE));
        long[] zero = new long[G1.SIZE];
        G1.add(zero, g, minusG, t);
        assertTrue(G1.isInfinity(zero));
    }

    @Test
    void precompileAddAndMulAgree() {
        long[] g = Bn254TestSupport.g1Generator();
        Bn254Add add = new Bn254Add();
        Bn254Mul mul = new Bn254Mul();
        for (int i = 0; i < 10; i++) {
            BigInteger a = randomBelow(random, R);
            BigInteger b = new BigInteger(256, random); // scalars need not be below r
            byte[] pa = Bn254TestSupport.encodeG1(Bn254TestSupport.g1Mul(g, a));
            byte[] pb = mul.compute(Bn254TestSupport.concat(pa, Bn254TestSupport.word(b)));
            byte[] viaAdd = add.compute(Bn254TestSupport.concat(pa, pb));
            byte[] viaMul = mul.compute(Bn254TestSupport.concat(pa, Bn254TestSupport.word(b.add(BigInteger.ONE).mod(R))));
            assertArrayEquals(viaMul, viaAdd);
        }
    }

    @Test
    void g2GroupLawAndSubgroupChecks() {
        long[] g = Bn254TestSupport.g2Generator();
        assertNotNull(g);
        assertTrue(G2.isInSubgroupByOrder(g));
        long[] t = new long[G2.SCRATCH];
        for (int i = 0; i < 4; i++) {
            BigInteger a = randomBelow(random, R);
            BigInteger b = randomBelow(random, R);
            long[] sum = new long[G2.SIZE];
            G2.add(sum, Bn254TestSupport.g2Mul(g, a), Bn254TestSupport.g2Mul(g, b), t);
            assertTrue(G2.samePoint(Bn254TestSupport.g2Mul(g, a.add(b).mod(R)), sum));
            long[] q = Bn254TestSupport.g2Mul(g, a);
            long[] affine = G2.decode(Bn254TestSupport.encodeG2(q), 0);
            assertNotNull(affine, "multiples of the generator decode");
            assertTrue(G2.isInSubgroup(affine));
        }
        for (int i = 0; i < 16; i++) {
            long[] q = Bn254TestSupport.randomTwistPoint(random);
            assertTrue(G2.isOnCurveAffine(q));
            assertFalse(G2.isInSubgroupByOrder(q));
            assertFalse(G2.isInSubgroup(q), "the psi test agrees with [r]Q = O");
        }
    }
}
